/**
 * Per-frame state of the decode loop: issues found, wrappers passed, the innermost IP header (addresses
 * are formatted only when a transport layer needs them), and the reassembly state shared across frames.
 */
import type { Frame } from '../../capture/frame.ts';
import { makeIssue, type Issue } from '../../shared/issue.ts';
import type { FragmentReassembler } from '../ip/fragmentReassembler.ts';
import type { AddressTexts } from '../ip/addressTexts.ts';
import { formatIpv4, formatIpv6 } from '../ip/ipAddress.ts';
import { NETWORK_ISSUES, type NetworkIssueCode } from '../issues.ts';
import type { PacketResult } from '../packetResult.ts';
import type { SctpReassembler } from '../sctp/sctpReassembler.ts';

/** Reassembly state that outlives one frame. */
export interface DecoderState {
  readonly fragments: FragmentReassembler;
  readonly sctp: SctpReassembler;
  /** Shared IPv4 address texts (optional: without it each packet formats its own). */
  readonly addresses?: AddressTexts;
}

const NO_WRAPPERS: readonly string[] = Object.freeze([]);
const TRUNCATED: PacketResult = Object.freeze({ kind: 'truncated' });

export class LayerContext {
  readonly frame: Frame;
  readonly state: DecoderState;
  readonly issues: Issue[] = [];
  /** Copy-on-write, so results already built keep the wrappers they saw. */
  encapsulation: readonly string[] = NO_WRAPPERS;
  /** Frames that carried the bytes being decoded: [frame] until an IP reassembly completes. */
  frames: readonly number[];
  /** The innermost IPv4/IPv6 header so far (its fixed part), and how many IP headers were passed. */
  ipHeader: Uint8Array | undefined = undefined;
  ipVersion: 4 | 6 = 4;
  ipHeaderCount = 0;
  /** What to answer if the next layer declines (set by UDP before handing its payload to a tunnel). */
  fallback: PacketResult | undefined = undefined;

  constructor(frame: Frame, state: DecoderState) {
    this.frame = frame;
    this.state = state;
    this.frames = [frame.number];
  }

  issue(code: NetworkIssueCode, value?: string | number, detail?: string): void {
    this.issues.push(makeIssue(NETWORK_ISSUES, code, { value, frame: this.frame.number, detail }));
  }

  malformed(code: NetworkIssueCode, value?: string | number): PacketResult {
    this.issue(code, value);
    return { kind: 'malformed', code };
  }

  /**
   * A header needs more bytes than there are: `truncated` when the capture's snap length cut the frame,
   * otherwise the packet itself is short and that is malformed (`code`).
   */
  short(code: NetworkIssueCode, value?: number): PacketResult {
    if (this.frame.capturedLength < this.frame.originalLength) {
      this.issue('packet.truncated', code);
      return TRUNCATED;
    }
    return this.malformed(code, value);
  }

  /**
   * A length field claims more bytes than the frame holds. When the snap length cut the frame that is
   * `truncated`; otherwise the frame is whole and the field is wrong: reported, and decoding goes on with the
   * bytes there are (as Wireshark does), so a mangled header cannot hide the SIP message behind it.
   */
  overlong(code: NetworkIssueCode, value: number): PacketResult | undefined {
    if (this.frame.capturedLength < this.frame.originalLength) {
      this.issue('packet.truncated', code);
      return TRUNCATED;
    }
    this.issue(code, value);
    return undefined;
  }

  wrap(name: string): void {
    this.encapsulation = [...this.encapsulation, name];
  }

  sourceIp(): string {
    const h = this.ipHeader;
    if (h === undefined) return '';
    if (this.ipVersion === 6) return formatIpv6(h, 8);
    return this.state.addresses?.ipv4(h, 12) ?? formatIpv4(h, 12);
  }

  destinationIp(): string {
    const h = this.ipHeader;
    if (h === undefined) return '';
    if (this.ipVersion === 6) return formatIpv6(h, 24);
    return this.state.addresses?.ipv4(h, 16) ?? formatIpv4(h, 16);
  }
}
