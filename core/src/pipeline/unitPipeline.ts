/**
 * The SIP stage for transport units that do not come from a capture file (HEP packets received live): units in,
 * numbered MessageRecords out. A small sibling of SipPipeline, which starts from capture bytes instead.
 */
import type { TransportUnit } from '../network/transportUnit.ts';
import type { Issue } from '../shared/issue.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { SipUnitDecoder, type DecodedSipMessage } from '../sip/sipUnitDecoder.ts';
import { IssueLog } from './issueLog.ts';

export class UnitPipeline {
  private readonly sip = new SipUnitDecoder();
  private readonly issueLog = new IssueLog();
  private messageCount = 0;
  private notSipCount = 0;

  /** Runs one unit through the SIP stage; `frame` is the number of the packet that carried it. */
  accept(unit: TransportUnit, frame: number): MessageRecord[] {
    const out = this.sip.accept(unit);
    this.issueLog.addAll(out.issues, frame);
    this.notSipCount += out.notSip.length;
    return out.messages.map((m) => this.record(m, frame));
  }

  /** End of input: messages still held by stream framers. */
  flush(): MessageRecord[] {
    const out = this.sip.flush();
    this.issueLog.addAll(out.issues);
    return out.messages.map((m) => this.record(m, m.frames[m.frames.length - 1] ?? 0));
  }

  /** Issues found outside the SIP stage (e.g. by the HEP decoder), logged with the others. */
  note(issues: readonly Issue[], frame?: number): void {
    this.issueLog.addAll(issues, frame);
  }

  get sipMessages(): number {
    return this.messageCount;
  }

  /** Units that held no SIP message. */
  get notSip(): number {
    return this.notSipCount;
  }

  issueCounts(): Record<string, number> {
    return this.issueLog.countsByCode();
  }

  issueExamples(): Issue[] {
    return this.issueLog.examples();
  }

  private record(m: DecodedSipMessage, frame: number): MessageRecord {
    this.issueLog.addAll(m.issues, frame);
    const frames = m.frames.includes(frame) || m.frames.length === 0 ? m.frames : [...m.frames, frame].sort((a, b) => a - b);
    return {
      index: this.messageCount++, frame, frames, timestamp: m.timestamp, src: m.src, dst: m.dst, transport: m.transport,
      encapsulation: m.encapsulation, facts: m.facts, issues: m.issues,
    };
  }
}
