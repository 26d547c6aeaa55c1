/**
 * Content-Type = media-type: m-type "/" m-subtype *( SEMI m-parameter ) (RFC 3261 §20.15, RFC 2045).
 * Type, subtype and parameter names are case-insensitive; they are lower-cased.
 */
import { NO_PARAMETERS } from './parameterRecord.ts';
import { parseParameters } from './parameters.ts';
import { isToken, trimWsp } from './tokenChars.ts';

export interface MediaType {
  readonly type: string;
  readonly subtype: string;
  /** "type/subtype", lower-case, e.g. "application/sdp". */
  readonly mediaType: string;
  readonly parameters: Readonly<Record<string, string>>;
}

export interface MediaTypeParse {
  readonly value: MediaType | undefined;
  readonly problem: string | undefined;
}

export function parseMediaType(text: string): MediaTypeParse {
  const semi = text.indexOf(';');
  const head = trimWsp(semi < 0 ? text : text.slice(0, semi));
  const slash = head.indexOf('/');
  if (slash < 0) return { value: undefined, problem: `"${head.slice(0, 40)}" is not type/subtype` };
  const type = trimWsp(head.slice(0, slash)).toLowerCase();
  const subtype = trimWsp(head.slice(slash + 1)).toLowerCase();
  let problem: string | undefined;
  if (!isToken(type) || !isToken(subtype)) problem = `"${head.slice(0, 40)}" is not type/subtype`;
  const parameterParse = semi < 0 ? undefined : parseParameters(text, semi);
  problem ??= parameterParse?.problem;
  return {
    value: {
      type,
      subtype,
      mediaType: `${type}/${subtype}`,
      parameters: parameterParse?.parameters ?? NO_PARAMETERS,
    },
    problem,
  };
}

/** A parameter value without its quotes and escapes (boundary="abc" → abc). */
export function unquoteParameter(value: string): string {
  if (value.length < 2 || value.charCodeAt(0) !== 0x22 || value.charCodeAt(value.length - 1) !== 0x22) return value;
  return value.slice(1, -1).replace(/\\(.)/g, '$1');
}
