/** A transport address as SIP sees it: textual IP (IPv6 in RFC 5952 form) and port. */
export interface Endpoint {
  readonly ip: string;
  readonly port: number;
}

/** `ip:port`, IPv6 as `[addr]:port` (the form RFC 3986 and Wireshark use). */
export function formatEndpoint(e: Endpoint): string {
  return e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`;
}

/** What carried a SIP message, in the Via transport vocabulary where one exists. */
export type Transport = 'udp' | 'tcp' | 'tls' | 'sctp' | 'ws' | 'wss';
