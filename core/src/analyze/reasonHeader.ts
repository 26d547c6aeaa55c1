/**
 * Reason header values (RFC 3326): `Q.850;cause=16;text="Normal call clearing"` or `SIP;cause=200`.
 */
export interface ReasonValue {
  /** Protocol token as written upper-cased: Q.850, SIP, … */
  protocol: string;
  cause?: number;
  text?: string;
  raw: string;
}

/** Parses one Reason value; a comma-separated header yields several (quoted commas respected). */
export function parseReasons(raw: string): ReasonValue[] {
  const out: ReasonValue[] = [];
  let depth = false;
  let start = 0;
  for (let i = 0; i <= raw.length; i++) {
    const ch = raw[i];
    if (ch === '"') depth = !depth;
    if (i === raw.length || (ch === ',' && !depth)) {
      const one = raw.slice(start, i).trim();
      if (one !== '') out.push(parseOne(one));
      start = i + 1;
    }
  }
  return out;
}

function parseOne(raw: string): ReasonValue {
  const semi = raw.indexOf(';');
  const protocol = (semi < 0 ? raw : raw.slice(0, semi)).trim().toUpperCase();
  const value: ReasonValue = { protocol, raw };
  const params = semi < 0 ? '' : raw.slice(semi + 1);
  const cause = /(?:^|;)\s*cause\s*=\s*(\d+)/i.exec(params);
  if (cause !== null) value.cause = Number(cause[1]);
  const text = /(?:^|;)\s*text\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]*)/i.exec(params);
  if (text !== null) value.text = (text[2] ?? text[1] ?? '').replace(/\\(.)/g, '$1').trim();
  return value;
}
