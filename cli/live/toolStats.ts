/**
 * Drop counts the capture tools report on stderr. tcpdump prints them when it stops and whenever it gets
 * SIGUSR1 (Linux): "N packets captured, N packets received by filter, N packets dropped by kernel"; dumpcap
 * once, at the end: "Packets received/dropped on interface 'Loopback: lo': 4/0 (pcap:0/dumpcap:0/…)".
 */
export interface InterfaceDrops {
  readonly name: string;
  readonly received?: number;
  readonly dropped: number;
}

/** tcpdump: the kernel's and the interface's drops, from one line or the three-line form. */
export function parseTcpdumpDrops(text: string): { received?: number; dropped: number } | undefined {
  const kernel = /(\d+) packets? dropped by kernel/.exec(text);
  if (kernel === null) return undefined;
  const iface = /(\d+) packets? dropped by interface/.exec(text);
  const received = /(\d+) packets? received by filter/.exec(text);
  return {
    ...(received ? { received: Number(received[1]) } : {}),
    dropped: Number(kernel[1]) + (iface ? Number(iface[1]) : 0),
  };
}

/** dumpcap: one entry per interface line. */
export function parseDumpcapDrops(text: string): InterfaceDrops[] {
  const out: InterfaceDrops[] = [];
  const re = /Packets received\/dropped on interface '([^']*)': (\d+)\/(\d+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push({ name: m[1]!, received: Number(m[2]), dropped: Number(m[3]) });
  return out;
}
