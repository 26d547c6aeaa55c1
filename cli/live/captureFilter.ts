/**
 * The default capture (BPF) filter: SIP's registered and customary ports, any IPv4 UDP datagram whose payload
 * starts like a SIP message (a response or a method name — SIP is recognised on any port), and every IP
 * fragment, because only the first fragment of a large UDP message carries the port numbers.
 */

/** 5060/5061 (RFC 3261 §18.1 sip/sips), common alternatives, and 9060 (HEP collectors). */
export const DEFAULT_SIP_PORTS: readonly number[] = [5060, 5061, 5062, 5070, 5080, 5081, 5090, 9060];

/** First four payload bytes of SIP responses ("SIP/") and of every RFC method, as big-endian words. */
const SIP_STARTS = ['SIP/', 'INVI', 'ACK ', 'BYE ', 'CANC', 'REGI', 'OPTI', 'PRAC', 'SUBS', 'NOTI', 'PUBL', 'INFO', 'REFE', 'MESS', 'UPDA'];

function word(text: string): string {
  let n = 0;
  for (let i = 0; i < 4; i++) n = n * 256 + text.charCodeAt(i);
  return `0x${n.toString(16).padStart(8, '0')}`;
}

/**
 * `ip[6:2] & 0x3fff != 0`: IPv4 more-fragments flag or a fragment offset; `ip6[6] == 44`: an IPv6 Fragment
 * header right after the fixed header (the usual place). `udp[8:4]` reads IPv4 UDP payloads only (libpcap
 * cannot index IPv6 upper layers); IPv6 SIP is caught by its ports.
 */
export const DEFAULT_CAPTURE_FILTER = [
  ...DEFAULT_SIP_PORTS.map((p) => `port ${p}`),
  `(udp and (${SIP_STARTS.map((s) => `udp[8:4] = ${word(s)}`).join(' or ')}))`,
  '(ip[6:2] & 0x3fff != 0)',
  '(ip6 and ip6[6] = 44)',
].join(' or ');

/** One line for help texts and the summary. */
export const DEFAULT_FILTER_SUMMARY =
  `ports ${DEFAULT_SIP_PORTS.join(', ')}, any IPv4 UDP payload starting like SIP, and all IPv4/IPv6 fragments`;
