/**
 * A strict XML 1.0 well-formedness checker and tiny tree builder (XML 1.0 fifth edition §2: Char, Name,
 * references, comments, CDATA, one root element, matching tags, unique attributes), for checking what the
 * SVG and HTML exports write. Not a full XML processor: no DTD internal subset, no external entities.
 * Errors come back as values with the offset, never as exceptions.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

export type XmlResult = { ok: true; root: XmlElement } | { ok: false; error: string; offset: number };

export interface XmlOptions {
  /** Accept `<!DOCTYPE name>` without an internal subset (HTML written as XML). */
  readonly allowDoctype?: boolean;
}

const NAME = /[A-Za-z_:\u00c0-\ud7ff\uf900-\ufffd][A-Za-z0-9_:.\-\u00b7\u00c0-\ud7ff\uf900-\ufffd]*/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class XmlError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** Every character must be an XML Char; surrogates only in valid pairs. */
function checkChars(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) throw new XmlError('lone high surrogate', i);
      i++;
      continue;
    }
    if (!isXmlChar(code)) throw new XmlError(`character U+${code.toString(16).padStart(4, '0')} is not allowed in XML`, i);
  }
}

class Parser {
  private at = 0;
  constructor(private readonly text: string, private readonly options: XmlOptions) {}

  private fail(message: string): never {
    throw new XmlError(message, this.at);
  }

  private startsWith(s: string): boolean {
    return this.text.startsWith(s, this.at);
  }

  private expect(s: string): void {
    if (!this.startsWith(s)) this.fail(`expected '${s}'`);
    this.at += s.length;
  }

  private spaces(): boolean {
    const start = this.at;
    while (this.at < this.text.length && ' \t\r\n'.includes(this.text[this.at]!)) this.at++;
    return this.at > start;
  }

  private name(): string {
    NAME.lastIndex = this.at;
    const m = NAME.exec(this.text);
    if (m === null) this.fail('expected a name');
    this.at += m[0].length;
    return m[0];
  }

  /** Text with references resolved; `stop` ends it; `<` is never allowed inside. */
  private characterData(stop: string): string {
    let out = '';
    while (this.at < this.text.length && !this.startsWith(stop)) {
      const c = this.text[this.at]!;
      if (c === '<') this.fail("'<' in character data");
      if (c === '&') {
        out += this.reference();
        continue;
      }
      if (stop === '<' && this.startsWith(']]>')) this.fail("']]>' in character data");
      out += c;
      this.at++;
    }
    return out;
  }

  private reference(): string {
    const end = this.text.indexOf(';', this.at);
    if (end < 0 || end - this.at > 12) this.fail("'&' that does not start a reference");
    const body = this.text.slice(this.at + 1, end);
    let value: string | undefined;
    if (/^#[0-9]+$/.test(body) || /^#x[0-9a-fA-F]+$/.test(body)) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!isXmlChar(code)) this.fail(`reference to a character XML forbids: &${body};`);
      value = String.fromCodePoint(code);
    } else {
      value = PREDEFINED[body];
      if (value === undefined) this.fail(`unknown entity &${body};`);
    }
    this.at = end + 1;
    return value;
  }

  private misc(): void {
    for (;;) {
      this.spaces();
      if (this.startsWith('<!--')) this.comment();
      else if (this.startsWith('<?')) this.instruction();
      else return;
    }
  }

  private comment(): void {
    const end = this.text.indexOf('-->', this.at + 4);
    if (end < 0) this.fail('comment never ends');
    const body = this.text.slice(this.at + 4, end);
    if (body.includes('--') || body.endsWith('-')) this.fail("'--' inside a comment");
    this.at = end + 3;
  }

  private instruction(): void {
    this.expect('<?');
    const target = this.name();
    if (target.toLowerCase() === 'xml') this.fail('XML declaration not at the start');
    const end = this.text.indexOf('?>', this.at);
    if (end < 0) this.fail('processing instruction never ends');
    this.at = end + 2;
  }

  parse(): XmlElement {
    if (this.startsWith('<?xml')) {
      const end = this.text.indexOf('?>');
      if (end < 0) this.fail('XML declaration never ends');
      if (!/^<\?xml\s+version\s*=\s*(["'])1\.[0-9]\1/.test(this.text.slice(0, end))) this.fail('bad XML declaration');
      this.at = end + 2;
    }
    this.misc();
    if (this.startsWith('<!DOCTYPE')) {
      if (!this.options.allowDoctype) this.fail('DOCTYPE not allowed here');
      const end = this.text.indexOf('>', this.at);
      if (end < 0 || this.text.slice(this.at, end).includes('[')) this.fail('DOCTYPE with an internal subset');
      this.at = end + 1;
      this.misc();
    }
    if (!this.startsWith('<')) this.fail('expected the root element');
    const root = this.element();
    this.misc();
    if (this.at < this.text.length) this.fail('content after the root element');
    return root;
  }

  private element(): XmlElement {
    this.expect('<');
    const name = this.name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const spaced = this.spaces();
      if (this.startsWith('/>')) {
        this.at += 2;
        return { name, attributes, children: [] };
      }
      if (this.startsWith('>')) {
        this.at++;
        break;
      }
      if (!spaced) this.fail('expected a space before an attribute');
      const attribute = this.name();
      if (Object.prototype.hasOwnProperty.call(attributes, attribute)) this.fail(`attribute '${attribute}' repeated`);
      this.spaces();
      this.expect('=');
      this.spaces();
      const quote = this.text[this.at];
      if (quote !== '"' && quote !== "'") this.fail('attribute value without quotes');
      this.at++;
      attributes[attribute] = this.characterData(quote);
      this.expect(quote);
    }
    const children: (XmlElement | string)[] = [];
    for (;;) {
      if (this.at >= this.text.length) this.fail(`element '${name}' never closed`);
      if (this.startsWith('</')) {
        this.at += 2;
        const closing = this.name();
        if (closing !== name) this.fail(`'</${closing}>' closes '<${name}>'`);
        this.spaces();
        this.expect('>');
        return { name, attributes, children };
      }
      if (this.startsWith('<!--')) this.comment();
      else if (this.startsWith('<![CDATA[')) {
        const end = this.text.indexOf(']]>', this.at);
        if (end < 0) this.fail('CDATA never ends');
        children.push(this.text.slice(this.at + 9, end));
        this.at = end + 3;
      } else if (this.startsWith('<?')) this.instruction();
      else if (this.startsWith('<')) children.push(this.element());
      else children.push(this.characterData('<'));
    }
  }
}

export function parseXml(text: string, options: XmlOptions = {}): XmlResult {
  try {
    checkChars(text);
    return { ok: true, root: new Parser(text, options).parse() };
  } catch (error) {
    if (error instanceof XmlError) return { ok: false, error: error.message, offset: error.offset };
    return { ok: false, error: String(error), offset: -1 };
  }
}

/** Every element under (and including) `node` that `test` accepts, document order. */
export function findElements(node: XmlElement, test: (e: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [node];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (test(e)) out.push(e);
    for (let i = e.children.length - 1; i >= 0; i--) {
      const c = e.children[i]!;
      if (typeof c !== 'string') stack.push(c);
    }
  }
  return out;
}

export function textContent(node: XmlElement): string {
  return node.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}

export function hasClass(e: XmlElement, cls: string): boolean {
  return (e.attributes.class ?? '').split(/\s+/).includes(cls);
}
