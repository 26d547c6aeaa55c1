/** Types for the pcap-parser dev oracle (CommonJS, untyped), used only by tests. */
declare module 'pcap-parser' {
  interface PcapPacketHeader {
    timestampSeconds: number;
    timestampMicroseconds: number;
    capturedLength: number;
    originalLength: number;
  }
  interface PcapGlobalHeader {
    magicNumber: number;
    majorVersion: number;
    minorVersion: number;
    snapshotLength: number;
    linkLayerType: number;
  }
  interface PcapParser {
    on(event: 'globalHeader', listener: (header: PcapGlobalHeader) => void): PcapParser;
    on(event: 'packet', listener: (packet: { header: PcapPacketHeader; data: Uint8Array }) => void): PcapParser;
    on(event: 'end', listener: () => void): PcapParser;
    on(event: 'error', listener: (error: Error) => void): PcapParser;
  }
  /** Accepts a path or anything with pause/resume/on('data'|'end'|'error') emitting Node Buffers. */
  export function parse(input: unknown): PcapParser;
  const pcapParser: { parse: typeof parse };
  export default pcapParser;
}
