/**
 * What a live feed reads from: something that produces MessageRecords until it ends or is stopped — a capture
 * (interfaces, a file, standard input) through SipPipeline, or a HEP listener — with its own counters.
 */
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import type { InterfaceDrops } from './toolStats.ts';

export interface SourceStats {
  /** Frames read from the capture, or HEP packets received. */
  readonly packets: number;
  readonly bytes: number;
  readonly sipMessages: number;
  /** Packets the capture tool reports dropped; undefined until it has said (dumpcap tells when it stops). */
  readonly drops?: number;
  readonly dropsByInterface?: readonly InterfaceDrops[];
  /** Issues by code (damaged packets and messages). */
  readonly issues: Readonly<Record<string, number>>;
}

export interface LiveSource {
  /** For people: "lo, eth0 (dumpcap)", "HEP on 127.0.0.1:9060 (udp, tcp)", "standard input". */
  readonly label: string;
  /** Fractional digits of the source's clock (6 for µs). */
  readonly timePrecisionDigits: number;
  /** Reads until the input ends or stop() was called; rejects with a CaptureError when the input fails. */
  run(sink: (records: readonly MessageRecord[]) => void): Promise<void>;
  /** Stops reading; what is already captured is still delivered before run() resolves. */
  stop(): Promise<void>;
  stats(): SourceStats;
  /** Asks the tool for fresh drop counters (tcpdump: SIGUSR1). */
  pollDrops?(): void;
}
