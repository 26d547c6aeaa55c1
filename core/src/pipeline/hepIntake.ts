/**
 * HEP received live (HEPv3 spec, sipcapture.org; HEPv1/v2 Kamailio "hep_hdr"): each UDP datagram is one HEP
 * packet, a TCP connection a stream of HEP3 packets framed by their length field. Every SIP payload goes to the
 * SIP stage as a datagram with the ORIGINAL addresses, transport and time the agent recorded; the receive time
 * is used only when a packet carries none.
 */
import type { Endpoint } from '../shared/endpoint.ts';
import type { Timestamp } from '../shared/time.ts';
import { decodeHep } from '../network/hep/decodeHep.ts';
import { HepStream, type HepStreamOutput } from '../network/hep/hepStream.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { UnitPipeline } from './unitPipeline.ts';

export interface HepIntakeStats {
  /** UDP datagrams and TCP reads received. */
  readonly packets: number;
  readonly bytes: number;
  readonly sipMessages: number;
  /** HEP packets that carried something else (RTCP, logs), by kind. */
  readonly other: Readonly<Record<string, number>>;
  /** Issues by code (undecodable packets, non-SIP payloads, damaged SIP). */
  readonly issues: Readonly<Record<string, number>>;
}

export class HepIntake {
  private readonly pipeline = new UnitPipeline();
  private readonly tcp = new HepStream();
  private readonly other = new Map<string, number>();
  private packets = 0;
  private bytes = 0;

  /** One UDP datagram (one HEP packet). */
  datagram(payload: Uint8Array, receivedAt: Timestamp): MessageRecord[] {
    const frame = this.count(payload);
    const result = decodeHep(payload, { frames: [frame], timestamp: receivedAt, encapsulation: [] });
    this.pipeline.note(result.issues, frame);
    if (result.other !== undefined) this.bump(result.other);
    return result.unit === undefined ? [] : this.pipeline.accept(result.unit, frame);
  }

  /** Bytes read from a TCP connection (`connection` names it and stays the same for its lifetime). */
  stream(connection: string, data: Uint8Array, receivedAt: Timestamp, src: Endpoint, dst: Endpoint): MessageRecord[] {
    const frame = this.count(data);
    return this.take(this.tcp.push({
      kind: 'stream', transport: 'tcp', streamId: connection, src, dst, timestamp: receivedAt, frame, gapBefore: 0, data, encapsulation: [],
    }), frame);
  }

  /** End of input: partial packets are reported, messages still held are delivered. */
  end(): MessageRecord[] {
    const records = this.take(this.tcp.finish(), undefined);
    records.push(...this.pipeline.flush());
    return records;
  }

  stats(): HepIntakeStats {
    return {
      packets: this.packets, bytes: this.bytes, sipMessages: this.pipeline.sipMessages,
      other: Object.fromEntries(this.other), issues: this.pipeline.issueCounts(),
    };
  }

  private take(out: HepStreamOutput, frame: number | undefined): MessageRecord[] {
    this.pipeline.note(out.issues, frame);
    for (const o of out.others) this.bump(o);
    const records: MessageRecord[] = [];
    for (const unit of out.units) records.push(...this.pipeline.accept(unit, frame ?? unit.frames[unit.frames.length - 1] ?? 0));
    return records;
  }

  private count(bytes: Uint8Array): number {
    this.bytes += bytes.length;
    return ++this.packets;
  }

  private bump(kind: string): void {
    this.other.set(kind, (this.other.get(kind) ?? 0) + 1);
  }
}
