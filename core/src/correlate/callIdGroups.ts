/**
 * Messages grouped by Call-ID (RFC 3261 §8.1.1.4): each group is later either a call leg (INVITE usage)
 * or another usage — registration (§10, with 401/407 challenges §22 and 423 Min-Expires §10.3),
 * subscription (RFC 6665), MESSAGE (RFC 3428), PUBLISH (RFC 3903), INFO, REFER, OPTIONS keep-alives.
 */
import type { Timestamp } from '../shared/time.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { SdpFacts, SipFacts } from '../sip/sipFacts.ts';
import type { Registration, RegistrationAttempt, Usage, UsageKind } from './model.ts';
import type { Tracked } from './transactionTracker.ts';
import { detachOptional, detachString, internToken } from './detachString.ts';
import { dialledNumber, mediaKey } from './legKeys.ts';
import { appended } from './smallList.ts';

/** Reads one header of a record by name (case-insensitive); the SIP facts do not keep arbitrary headers. */
export type HeaderLookup = (record: MessageRecord, name: string) => string | undefined;

export interface LegFacts {
  index: number;
  /** Processing order (capture order with ties canonicalised); record indices may differ within ties. */
  seq: number;
  timestamp: Timestamp;
  facts: SipFacts;
  client: string;
  server: string;
  /** Correlation header values by header name (lower-case), from the first INVITE. */
  headers: Record<string, string>;
  /** Slim groups: what leg linking reads, worked out once; `facts` is then only a placeholder. */
  keys?: LegKeys;
}

/** The leg-linking keys of a first INVITE (legLinker.ts): its offer's media address and the dialled number. */
export interface LegKeys {
  offerMedia: string | undefined;
  dialled: string;
}

export interface CallIdGroup {
  id: number;
  callId: string;
  /** Processing order of its first message. */
  firstSeq: number;
  methods: string[];
  firstIndex: number;
  lastIndex: number;
  start: Timestamp;
  end: Timestamp;
  messages: number;
  transactions: number;
  invite?: LegFacts;
  answer?: SdpFacts;
  /** Slim groups keep only the media key of the first 2xx answer with SDP ('' when it has none). */
  answerMedia?: string;
  /** Call-IDs this group points at through Replaces or Refer-To, with the rule name. */
  references: { callId: string; rule: string; index: number }[];
  registration?: Registration;
}

const CALL_METHODS = new Set(['INVITE', 'ACK', 'BYE', 'CANCEL', 'PRACK', 'UPDATE']);
const NONE: readonly never[] = Object.freeze([]);
const MAX_METHOD_LISTS = 4096;
/** Shared by every group that names no other Call-ID (most): a list is made on the first reference. */
const NO_REFERENCES = Object.freeze([]) as unknown as CallIdGroup['references'];
const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;
/** What a slim group's first INVITE keeps of its facts: nothing (its `keys` say what linking needs). */
const SLIM_INVITE: SipFacts = Object.freeze({ kind: 'request', method: 'INVITE', vias: NONE, contacts: NONE, recordRoutes: NONE, routes: NONE, reasons: NONE, bodyLength: 0 });

export class CallIdGroups {
  readonly groups: CallIdGroup[] = [];
  private readonly byCallId = new Map<string, CallIdGroup>();
  private readonly attempts = new Map<number, RegistrationAttempt>();
  private seq = 0;
  /** Groups that have seen their first INVITE (call legs started), for progress reports. */
  startedLegs = 0;
  private readonly methodLists = new Map<string, string[]>();
  /** A copy made for a Call-ID whose group is about to be created by the record being correlated. */
  private nextCallId = '';

  /**
   * `slim`: for a stream that keeps every group to the end but nothing else — the first INVITE's facts are
   * replaced by the keys leg linking reads (legKeys.ts) and registrations are not followed.
   */
  constructor(
    private readonly headerValue: HeaderLookup | undefined,
    private readonly correlationHeaders: readonly string[],
    private readonly slim = false,
  ) {}

  /** The group of a Call-ID, -1 when none. */
  idOf(callId: string): number {
    return this.byCallId.get(callId)?.id ?? -1;
  }

  /**
   * The one kept copy of a Call-ID (its group's, or the copy its group will take): what transactions and
   * dialogs of it share instead of each keeping a view into some message's text.
   */
  callIdOf(callId: string): string {
    const group = this.byCallId.get(callId);
    if (group !== undefined) return group.callId;
    if (this.nextCallId !== callId) this.nextCallId = detachString(callId);
    return this.nextCallId;
  }

  observe(record: MessageRecord, tracked: Tracked, src: string, dst: string): number {
    const facts = record.facts;
    const callId = facts.callId;
    this.seq++;
    if (callId === undefined) return -1;
    let group = this.byCallId.get(callId);
    if (group === undefined) {
      group = {
        id: this.groups.length, callId: this.callIdOf(callId), firstSeq: this.seq, methods: [], firstIndex: record.index, lastIndex: record.index,
        start: record.timestamp, end: record.timestamp, messages: 0, transactions: 0, references: NO_REFERENCES,
      };
      this.groups.push(group);
      this.byCallId.set(group.callId, group);
    }
    group.messages++;
    group.lastIndex = record.index;
    group.end = record.timestamp;
    const method = facts.kind === 'request' ? facts.method : facts.cseqMethod;
    if (method !== undefined && !group.methods.includes(method) && group.methods.length < 16) group.methods = this.methodList(appended(group.methods, internToken(method)));
    const rt = tracked.runtime;
    if (rt === undefined || !tracked.distinct) return group.id;
    const firstHop = rt.parent === undefined;
    if (tracked.created && firstHop) group.transactions++;
    if (facts.kind === 'request') this.onRequest(group, record, tracked, src, dst, firstHop);
    else this.onResponse(group, record, tracked);
    return group.id;
  }

  private onRequest(group: CallIdGroup, record: MessageRecord, tracked: Tracked, src: string, dst: string, firstHop: boolean): void {
    const facts = record.facts;
    if (!tracked.created || !firstHop) return;
    if (facts.method === 'INVITE' && facts.to?.tag === undefined && group.invite === undefined) {
      this.startedLegs++;
      group.invite = { index: record.index, seq: this.seq, timestamp: record.timestamp, facts, client: src, server: dst, headers: this.readHeaders(record) };
      if (this.slim) {
        group.invite.keys = { offerMedia: detachOptional(mediaKey(facts.sdp)), dialled: detachString(dialledNumber(facts)) };
        group.invite.facts = SLIM_INVITE;
      }
      const replaces = this.headerValue?.(record, 'Replaces');
      if (replaces) group.references = [...group.references, { callId: detachString(replaces.split(';')[0]!.trim()), rule: 'replaces', index: record.index }];
    } else if (facts.method === 'REFER') {
      const target = this.headerValue?.(record, 'Refer-To');
      const replaced = target === undefined ? undefined : replacedCallId(target);
      if (replaced !== undefined) group.references = [...group.references, { callId: detachString(replaced), rule: 'refer-to', index: record.index }];
    } else if (facts.method === 'REGISTER' && !this.slim) {
      const attempt: RegistrationAttempt = { transaction: tracked.runtime!.tx.id, index: record.index, status: 0 };
      const requested = facts.expires ?? numberParam(facts.contacts[0]?.parameters['expires']);
      if (requested !== undefined) attempt.expiresRequested = requested;
      group.registration ??= { contacts: [], attempts: [], outcome: 'pending' };
      if (facts.to?.uri !== undefined) group.registration.aor = facts.to.uri;
      if (group.registration.contacts.length === 0) group.registration.contacts = facts.contacts.map((c) => c.uri);
      group.registration.attempts.push(attempt);
      this.attempts.set(attempt.transaction, attempt);
    }
  }

  private onResponse(group: CallIdGroup, record: MessageRecord, tracked: Tracked): void {
    const facts = record.facts;
    const status = facts.statusCode ?? 0;
    if (facts.cseqMethod === 'INVITE' && status >= 200 && status < 300 && facts.sdp !== undefined) {
      if (!this.slim) group.answer ??= facts.sdp;
      else group.answerMedia ??= detachString(mediaKey(facts.sdp) ?? '');
    }
    if (this.slim) return;
    const attempt = this.attempts.get(tracked.runtime!.tx.id);
    if (attempt === undefined || status < 200 || attempt.status >= 200) return;
    attempt.status = status;
    if (status === 423 && facts.minExpires !== undefined) attempt.minExpires = facts.minExpires;
    if (status >= 200 && status < 300) {
      const granted = numberParam(facts.contacts[0]?.parameters['expires']) ?? facts.expires;
      if (granted !== undefined) attempt.expiresGranted = granted;
      if (facts.contacts.length > 0) group.registration!.contacts = facts.contacts.map((c) => c.uri);
    }
  }

  /** One shared list per distinct sequence of methods (most groups have one of a handful), never mutated. */
  private methodList(methods: string[]): string[] {
    const key = methods.join(' ');
    const known = this.methodLists.get(key);
    if (known !== undefined) return known;
    if (this.methodLists.size < MAX_METHOD_LISTS) this.methodLists.set(key, methods);
    return methods;
  }

  private readHeaders(record: MessageRecord): Record<string, string> {
    let headers: Record<string, string> | undefined;
    if (this.headerValue !== undefined) {
      for (const name of this.correlationHeaders) {
        const value = this.headerValue(record, name);
        if (value !== undefined && value !== '') (headers ??= {})[name.toLowerCase()] = detachString(value.trim());
      }
    }
    return headers ?? (this.slim ? NO_HEADERS : {});
  }
}

export function isCallGroup(group: CallIdGroup): boolean {
  return group.methods.some((m) => CALL_METHODS.has(m));
}

/** The usage a non-call group represents, most telling method first. */
export function usageOf(group: CallIdGroup, id: number): Usage {
  const has = (m: string) => group.methods.includes(m);
  let kind: UsageKind = 'other';
  if (has('REGISTER')) kind = 'registration';
  else if (has('SUBSCRIBE') || has('NOTIFY')) kind = 'subscription';
  else if (has('MESSAGE')) kind = 'message';
  else if (has('PUBLISH')) kind = 'publish';
  else if (has('REFER')) kind = 'refer';
  else if (has('INFO')) kind = 'info';
  else if (has('OPTIONS')) kind = 'options';
  const usage: Usage = {
    id, kind, callId: group.callId, methods: group.methods, transactions: group.transactions,
    firstIndex: group.firstIndex, lastIndex: group.lastIndex, noise: kind === 'options',
  };
  if (group.registration !== undefined) {
    group.registration.outcome = registrationOutcome(group.registration.attempts);
    usage.registration = group.registration;
  }
  return usage;
}

function registrationOutcome(attempts: readonly RegistrationAttempt[]): string {
  for (let i = attempts.length - 1; i >= 0; i--) {
    const a = attempts[i]!;
    if (a.status < 200) continue;
    if (a.status < 300) return a.expiresGranted === 0 || (a.expiresGranted === undefined && a.expiresRequested === 0) ? 'unregistered' : 'registered';
    if (a.status === 401 || a.status === 407) return 'challenged';
    return 'rejected';
  }
  return 'pending';
}

function numberParam(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/** The Call-ID inside a Refer-To URI's embedded Replaces header (RFC 3891 §3, RFC 3515). */
export function replacedCallId(referTo: string): string | undefined {
  const match = /[?&]replaces=([^&>;]+)/i.exec(referTo);
  if (match === null) return undefined;
  let value = match[1]!;
  try {
    value = decodeURIComponent(value);
  } catch {
    return undefined;
  }
  const callId = value.split(';')[0]!.trim();
  return callId === '' ? undefined : callId;
}
