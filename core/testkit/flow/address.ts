/** Node addresses of a flow: `ip:port` / `[v6]:port` text to bytes (RFC 4291 §2.2 text forms), and MACs. */
import { FlowError } from './flowTypes.ts';

export interface NodeAddress {
  readonly text: string;
  readonly family: 4 | 6;
  /** 4 or 16 bytes. */
  readonly ip: Uint8Array;
  readonly port: number;
}

export function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    out[i] = Number(p);
  }
  return out;
}

/** Full, `::`-compressed, and IPv4-suffixed forms. */
export function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!;
      if (i === pieces.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
        out.push(Number.parseInt(p, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  return out;
}

/** `192.0.2.10:5060` or `[2001:db8::3]:5060`. */
export function parseNodeAddress(text: string): NodeAddress {
  const trimmed = text.trim();
  const v6 = /^\[([^\]]+)\]:(\d+)$/.exec(trimmed);
  const v4 = /^([\d.]+):(\d+)$/.exec(trimmed);
  const match = v6 ?? v4;
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65535) throw new FlowError(`address "${text}" is not ip:port or [ipv6]:port`);
  const ip = v6 ? parseIpv6(match[1]!) : parseIpv4(match[1]!);
  if (!ip) throw new FlowError(`address "${text}" has a bad IP`);
  return { text: trimmed, family: v6 ? 6 : 4, ip, port };
}

/** A locally administered unicast MAC derived from the IP (02:00 + last four IP bytes): stable per host. */
export function macFor(ip: Uint8Array): Uint8Array {
  const n = ip.length;
  return Uint8Array.of(0x02, 0x00, ip[n - 4]!, ip[n - 3]!, ip[n - 2]!, ip[n - 1]!);
}
