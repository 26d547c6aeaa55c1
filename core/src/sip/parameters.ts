/**
 * Header parameters: *( SEMI generic-param ), generic-param = token [ EQUAL gen-value ],
 * gen-value = token / host / quoted-string (RFC 3261 §25.1). SEMI and EQUAL allow white space around.
 * Names are lower-cased; values are kept as written (quotes included). The first problem is reported
 * and reading resumes at the next semicolon, so one bad parameter does not hide the others.
 */
import { addParameter } from './parameterRecord.ts';
import { readQuotedString } from './quotedString.ts';
import { isTokenChar, isWsp, skipWsp } from './tokenChars.ts';

const SEMI = 0x3b;

export interface ParameterParse {
  readonly parameters: Record<string, string>;
  readonly problem: string | undefined;
}

/** Parameters starting at `from` (white space, then ";name=value" repeated, up to the end of `text`). */
export function parseParameters(text: string, from: number): ParameterParse {
  const parameters: Record<string, string> = {};
  let problem: string | undefined;
  const length = text.length;
  let i = skipWsp(text, from);
  while (i < length) {
    if (text.charCodeAt(i) !== SEMI) {
      problem ??= `unexpected "${text.slice(i, i + 20)}" where ";" or the end was expected`;
      const next = text.indexOf(';', i);
      if (next < 0) break;
      i = next;
    }
    i = skipWsp(text, i + 1);
    const nameStart = i;
    while (i < length && isTokenChar(text.charCodeAt(i))) i++;
    const name = text.slice(nameStart, i).toLowerCase();
    i = skipWsp(text, i);
    let value = '';
    if (i < length && text.charCodeAt(i) === 0x3d) {
      i = skipWsp(text, i + 1);
      if (text.charCodeAt(i) === 0x22) {
        const quoted = readQuotedString(text, i);
        if (quoted.end < 0) {
          problem ??= `unterminated quoted value of parameter "${name}"`;
          value = text.slice(i);
          i = length;
        } else {
          value = text.slice(i, quoted.end);
          i = quoted.end;
        }
      } else {
        const valueStart = i;
        while (i < length && text.charCodeAt(i) !== SEMI && !isWsp(text.charCodeAt(i))) i++;
        value = text.slice(valueStart, i);
        if (value === '') problem ??= `parameter "${name}" has "=" but no value`;
      }
      i = skipWsp(text, i);
    }
    if (name === '') {
      // ";;" or a trailing ";" (RFC 4475 §3.1.2.1); a stray character is reported at the loop top.
      problem ??= 'empty parameter';
      continue;
    }
    addParameter(parameters, name, value);
  }
  return { parameters, problem };
}
