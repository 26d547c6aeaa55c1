/**
 * Plain-text SIP input (messages copied from a log, a book, RFC 4475's files): held while the format is
 * being detected, then split into messages that travel as datagrams between placeholder addresses from the
 * documentation range (RFC 5737), requests 192.0.2.1 → 192.0.2.2 and responses back, one millisecond apart.
 */
import type { DatagramUnit } from '../network/transportUnit.ts';
import { splitSipText } from '../sip/splitSipText.ts';
import { concatBytes } from '../shared/bytes.ts';
import { makeIssue, type Issue } from '../shared/issue.ts';
import { makeTimestamp } from '../shared/time.ts';
import { pipelineIssues } from './issues.ts';

const MAX_TEXT_BYTES = 64 * 1024 * 1024;
const CLIENT = { ip: '192.0.2.1', port: 5060 };
const SERVER = { ip: '192.0.2.2', port: 5060 };
const STATUS_LINE = /^\s*SIP\/\d/;

export class TextInput {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private overflow = false;
  active = true;

  hold(chunk: Uint8Array): void {
    if (!this.active) return;
    if (this.size + chunk.length > MAX_TEXT_BYTES) {
      this.overflow = true;
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  /** The input turned out to be a capture: forget the held bytes. */
  release(): void {
    if (!this.active) return;
    this.active = false;
    this.chunks = [];
  }

  units(): { units: DatagramUnit[]; issues: Issue[] } {
    const { messages, issues } = splitSipText(concatBytes(this.chunks));
    if (this.overflow) issues.push(makeIssue(pipelineIssues, 'text.too_large', { value: MAX_TEXT_BYTES }));
    const units = messages.map((payload, i): DatagramUnit => {
      const isResponse = STATUS_LINE.test(String.fromCharCode(...payload.subarray(0, 16)));
      return {
        kind: 'datagram', transport: 'udp',
        src: isResponse ? SERVER : CLIENT, dst: isResponse ? CLIENT : SERVER,
        timestamp: makeTimestamp(0, i * 1_000_000), frames: [i + 1], payload, encapsulation: ['text'],
      };
    });
    return { units, issues };
  }
}
