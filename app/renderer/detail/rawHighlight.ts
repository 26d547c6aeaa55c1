/**
 * Syntax highlighting of a SIP message as data, not markup: the text is cut into segments with a class
 * each (start line tokens, header names and values, notable parameters, SDP line types). The DOM side
 * turns segments into spans with textContent, so hostile text stays text. RFC 3261 §7, RFC 8866 §5.
 */
export interface Segment {
  text: string;
  cls: string;
}

export type HighlightedLine = Segment[];

const PARAM = /(;\s*(?:branch|received|rport|tag|lr|maddr|transport)(?:=[^;,\s]*)?)/i;

function headerLine(line: string): HighlightedLine {
  const colon = line.indexOf(':');
  if (colon <= 0 || /^\s/.test(line)) return [{ text: line, cls: 'hv' }];
  const name = line.slice(0, colon);
  const out: HighlightedLine = [{ text: name, cls: 'hn' }, { text: ':', cls: 'punct' }];
  for (const part of line.slice(colon + 1).split(PARAM)) {
    if (part === '') continue;
    out.push({ text: part, cls: PARAM.test(part) && part.startsWith(';') ? 'param' : 'hv' });
  }
  return out;
}

function startLine(line: string): HighlightedLine {
  const response = /^(SIP\/\d\.\d)(\s+)(\d{3})(.*)$/.exec(line);
  if (response) {
    const code = Number(response[3]);
    return [{ text: response[1]!, cls: 'ver' }, { text: response[2]!, cls: '' }, { text: response[3]!, cls: `status s${Math.floor(code / 100)}xx` }, { text: response[4]!, cls: 'reason' }];
  }
  const request = /^(\S+)(\s+)(\S+)(.*)$/.exec(line);
  if (request) return [{ text: request[1]!, cls: 'method' }, { text: request[2]!, cls: '' }, { text: request[3]!, cls: 'ruri' }, { text: request[4]!, cls: 'ver' }];
  return [{ text: line, cls: 'start' }];
}

function bodyLine(line: string, sdp: boolean): HighlightedLine {
  const m = sdp ? /^([a-z])=(.*)$/.exec(line) : null;
  if (m) return [{ text: m[1]!, cls: 'sdp-type' }, { text: '=', cls: 'punct' }, { text: m[2]!, cls: m[1] === 'm' || m[1] === 'c' ? 'sdp-key' : 'sdp-value' }];
  return [{ text: line, cls: 'body' }];
}

/** `bodyOffset` is the character offset of the body (-1 without one); line ends (CRLF) are dropped. */
export function highlightSipText(text: string, bodyOffset: number, maxLines = 5000): { lines: HighlightedLine[]; truncated: boolean } {
  const head = bodyOffset >= 0 ? text.slice(0, bodyOffset) : text;
  const body = bodyOffset >= 0 ? text.slice(bodyOffset) : '';
  const lines: HighlightedLine[] = [];
  const headLines = head.split('\n').map((l) => l.replace(/\r$/, ''));
  if (bodyOffset >= 0 && headLines[headLines.length - 1] === '') headLines.pop();
  headLines.forEach((line, i) => {
    if (lines.length >= maxLines) return;
    if (i === 0) lines.push(startLine(line));
    else lines.push(line === '' ? [] : headerLine(line));
  });
  if (bodyOffset >= 0) {
    const sdp = /^v=0/.test(body);
    for (const line of body.split('\n')) {
      if (lines.length >= maxLines) break;
      lines.push(bodyLine(line.replace(/\r$/, ''), sdp));
    }
  }
  const total = headLines.length + (bodyOffset >= 0 ? body.split('\n').length : 0);
  return { lines, truncated: total > maxLines };
}
