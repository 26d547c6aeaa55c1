/**
 * Names the protocol class of a UDP/SCTP datagram that is not SIP, for the accounting: well-known ports
 * first, then RTP/RTCP by their version bits (RFC 3550 §5.1, §6.4), else the transport's name.
 */
import type { DatagramUnit } from '../network/transportUnit.ts';

const WELL_KNOWN_UDP: ReadonlyMap<number, string> = new Map([
  [53, 'dns'], [67, 'dhcp'], [68, 'dhcp'], [69, 'tftp'], [123, 'ntp'], [137, 'netbios'], [138, 'netbios'],
  [161, 'snmp'], [162, 'snmp'], [514, 'syslog'], [546, 'dhcpv6'], [547, 'dhcpv6'], [1900, 'ssdp'],
  [3478, 'stun'], [5353, 'mdns'], [5355, 'llmnr'], [500, 'isakmp'], [4500, 'ipsec-nat-t'],
]);

export function classifyDatagram(unit: DatagramUnit): string {
  if (unit.transport === 'sctp') return 'sctp';
  if (unit.transport !== 'udp') return unit.transport;
  const byPort = WELL_KNOWN_UDP.get(unit.dst.port) ?? WELL_KNOWN_UDP.get(unit.src.port);
  if (byPort) return byPort;
  const p = unit.payload;
  if (p.length >= 8 && (p[0]! & 0xc0) === 0x80) {
    const packetType = p[1]!;
    if (packetType >= 200 && packetType <= 207) return 'rtcp';
    if (p.length >= 12) return 'rtp';
  }
  if (p.length === 0) return 'udp-empty';
  if (p.length <= 4 && p.every((b) => b === 0x0d || b === 0x0a || b === 0x00 || b === 0x20)) return 'sip-keepalive';
  return 'udp';
}
