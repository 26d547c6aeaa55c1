/**
 * ADAPTER (until the core offers a hook): SipPipeline builds each MessageRecord from a decoded message
 * and drops the message bytes. This taps the pipeline's SIP decoder so the app can keep those bytes.
 * It reaches into a private field, so it checks itself: a record is paired with a tapped message only
 * when both hold the very same facts object; on any mismatch the caller stops trusting the tap.
 */
import type { SipPipeline } from '../../core/src/pipeline/sipPipeline.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import type { DecodedSipMessage, SipUnitOutput } from '../../core/src/sip/sipUnitDecoder.ts';
import type { TransportUnit } from '../../core/src/network/transportUnit.ts';

interface DecoderLike {
  accept(unit: TransportUnit): SipUnitOutput;
  flush(): SipUnitOutput;
}

export class MessageTap {
  private queue: DecodedSipMessage[] = [];
  private head = 0;
  readonly attached: boolean;
  private broken = false;

  constructor(pipeline: SipPipeline) {
    const decoder = (pipeline as unknown as { sip?: DecoderLike }).sip;
    if (decoder === undefined || typeof decoder.accept !== 'function' || typeof decoder.flush !== 'function') {
      this.attached = false;
      return;
    }
    const accept = decoder.accept.bind(decoder);
    const flush = decoder.flush.bind(decoder);
    decoder.accept = (unit) => this.take(accept(unit));
    decoder.flush = () => this.take(flush());
    this.attached = true;
  }

  /** The decoded message behind `record`, or undefined once the tap and the records disagree. */
  match(record: MessageRecord): DecodedSipMessage | undefined {
    if (!this.attached || this.broken) return undefined;
    const m = this.queue[this.head];
    if (m === undefined || m.facts !== record.facts) {
      this.broken = true;
      this.queue = [];
      this.head = 0;
      return undefined;
    }
    this.head++;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
    return m;
  }

  get aligned(): boolean {
    return this.attached && !this.broken;
  }

  private take(out: SipUnitOutput): SipUnitOutput {
    if (!this.broken) for (const m of out.messages) this.queue.push(m);
    return out;
  }
}
