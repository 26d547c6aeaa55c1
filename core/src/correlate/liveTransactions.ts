/**
 * The transactions that can still be matched, by key, per hop (RFC 3261 §17.1.3, §17.2.3). A
 * transaction leaves once it has been idle long enough in capture time (and in records, see
 * MIN_IDLE_RECORDS), so memory stays bounded however long the capture; an expired entry is never
 * matched again, whether or not a sweep has freed it yet, so results do not depend on sweep timing.
 */
import type { MessageRecord } from '../sip/messageRecord.ts';
import type { SipFacts } from '../sip/sipFacts.ts';
import { detachString } from './detachString.ts';
import { hostOf } from './endpointHost.ts';
import { keyProbeAt, sameRequest, type KeyProbe } from './transactionKey.ts';
import { isExpired, settleTimers, type TxRuntime } from './transactionRuntime.ts';
import type { TrackerOptions } from './transactionTracker.ts';

const SWEEP_EVERY = 16_384;

export interface ResponseMatch {
  rt: TxRuntime;
  /** The response travels exactly back over the request's hop. */
  exact: boolean;
}

/**
 * The candidate, filed under the probe's bucket, has the probe's key: an RFC 3261 key is
 * "branch host:port method", so with the branch (the bucket) equal, host, port and method decide.
 */
function matches(rt: TxRuntime, probe: KeyProbe): boolean {
  const tx = rt.tx;
  if (tx.matching !== probe.matching) return false;
  return probe.matching === 'rfc2543' || (rt.keyPort === probe.port && tx.method === probe.method && rt.keyHost === probe.host);
}

export class LiveTransactions {
  /** By bucket: one runtime, or several (a list is made only for the second). */
  private readonly active = new Map<string, Filed>();
  private readonly invites = new Map<string, Filed>();
  /** Lends a lone runtime out as a list (never two lookups at once). */
  private readonly lone: TxRuntime[] = [];
  private sinceSweep = 0;
  private lastSweepMs = 0;
  private seq = 0;

  /** `retired` hears of each transaction once, when it can no longer match (or at `finish`). */
  constructor(
    private readonly options: TrackerOptions,
    private readonly retired?: (rt: TxRuntime) => void,
  ) {}

  /** Called once per record, before any lookup for it. */
  tick(nowMs: number): void {
    this.seq++;
    if (++this.sinceSweep >= SWEEP_EVERY && nowMs - this.lastSweepMs >= this.options.retireCompletedAfterMs / 4) this.sweep(nowMs);
  }

  add(probe: KeyProbe, rt: TxRuntime): void {
    // The bucket is copied: the probe's is a view into the message's text.
    push(this.active, detachString(probe.bucket), rt);
    if (rt.tx.method === 'INVITE') push(this.invites, detachString(`${rt.tx.callId} ${rt.tx.cseqNumber}`), rt);
  }

  touch(rt: TxRuntime, nowMs: number): void {
    rt.lastMs = nowMs;
    rt.lastSeq = this.seq;
  }

  /** Settles every live transaction's timers at the end of the capture. */
  finish(nowMs: number): void {
    for (const filed of this.active.values()) {
      for (const rt of Array.isArray(filed) ? filed : [filed]) {
        if (rt.retired) continue;
        settleTimers(rt, nowMs);
        if (this.retired === undefined) continue;
        rt.retired = true;
        this.retired(rt);
      }
    }
    this.active.clear();
    this.invites.clear();
  }

  /** The transaction of the same request one hop upstream: keyed by this copy's second Via. */
  findUpstream(facts: SipFacts, method: string, src: string, nowMs: number): TxRuntime | undefined {
    const probe = keyProbeAt(facts, 1, method);
    if (probe === undefined) return undefined;
    const list = this.live(probe.bucket, nowMs);
    if (list === undefined) return undefined;
    const srcIp = hostOf(src);
    let fallback: TxRuntime | undefined;
    for (const rt of list) {
      if (!matches(rt, probe) || !sameRequest(rt.tx.callId, rt.tx.cseqNumber, facts)) continue;
      if (hostOf(rt.tx.server) === srcIp) return rt;
      fallback = rt;
    }
    return fallback;
  }

  findHop(probe: KeyProbe, facts: SipFacts, client: string, server: string, nowMs: number): TxRuntime | undefined {
    const list = this.live(probe.bucket, nowMs);
    if (list === undefined) return undefined;
    for (const rt of list) {
      if (rt.tx.client === client && rt.tx.server === server && matches(rt, probe) && sameRequest(rt.tx.callId, rt.tx.cseqNumber, facts)) return rt;
    }
    return undefined;
  }

  /** Exact reverse hop first; then a response sent back to the request's source, or from its destination. */
  findForResponse(probe: KeyProbe, record: MessageRecord, src: string, dst: string, nowMs: number): ResponseMatch | undefined {
    const list = this.live(probe.bucket, nowMs);
    if (list === undefined) return undefined;
    let near: TxRuntime | undefined;
    for (const rt of list) {
      if (!matches(rt, probe) || !sameRequest(rt.tx.callId, rt.tx.cseqNumber, record.facts)) continue;
      if (rt.tx.client === dst && rt.tx.server === src) return { rt, exact: true };
      if (near === undefined && (rt.tx.client === dst || rt.tx.server === src)) near = rt;
    }
    return near === undefined ? undefined : { rt: near, exact: false };
  }

  /** The INVITE with this Call-ID and CSeq: same hop first, then same sender, then any. */
  findInvite(facts: SipFacts, src: string, dst: string, nowMs: number): TxRuntime | undefined {
    const filed = this.invites.get(`${facts.callId} ${facts.cseqNumber}`);
    if (filed === undefined) return undefined;
    let sameClient: TxRuntime | undefined;
    let any: TxRuntime | undefined;
    for (const rt of Array.isArray(filed) ? filed : [filed]) {
      if (rt.retired || this.expire(rt, nowMs)) continue;
      if (rt.tx.client === src && rt.tx.server === dst) return rt;
      if (rt.tx.client === src) sameClient ??= rt;
      any ??= rt;
    }
    return sameClient ?? any;
  }

  /** The live transactions under a key, dropping those whose time has passed. */
  private live(key: string, nowMs: number): readonly TxRuntime[] | undefined {
    const filed = this.active.get(key);
    return filed === undefined ? undefined : this.liveFiled(key, filed, nowMs);
  }

  private liveFiled(key: string, filed: Filed, nowMs: number): readonly TxRuntime[] | undefined {
    if (!Array.isArray(filed)) {
      if (this.expire(filed, nowMs)) {
        this.active.delete(key);
        return undefined;
      }
      this.lone[0] = filed;
      return this.lone;
    }
    let expired = false;
    for (const rt of filed) if (this.expire(rt, nowMs)) expired = true;
    if (!expired) return filed;
    const kept = filed.filter((rt) => !rt.retired);
    if (kept.length === 0) {
      this.active.delete(key);
      return undefined;
    }
    this.active.set(key, kept.length === 1 ? kept[0]! : kept);
    return kept;
  }

  private expire(rt: TxRuntime, nowMs: number): boolean {
    if (rt.retired) return true;
    if (!isExpired(rt, nowMs, this.seq, this.options.retireCompletedAfterMs, this.options.retirePendingAfterMs)) return false;
    settleTimers(rt, nowMs);
    rt.retired = true;
    this.retired?.(rt);
    return true;
  }

  private sweep(nowMs: number): void {
    this.sinceSweep = 0;
    this.lastSweepMs = nowMs;
    // Deleting or replacing the current entry while iterating a Map is safe in JavaScript.
    for (const [key, filed] of this.active) this.liveFiled(key, filed, nowMs);
    for (const [key, filed] of this.invites) {
      const list = Array.isArray(filed) ? filed : [filed];
      const kept = list.filter((rt) => !rt.retired && !this.expire(rt, nowMs));
      if (kept.length === 0) this.invites.delete(key);
      else if (kept.length !== list.length) this.invites.set(key, kept.length === 1 ? kept[0]! : kept);
    }
  }
}

type Filed = TxRuntime | TxRuntime[];

function push(map: Map<string, Filed>, key: string, rt: TxRuntime): void {
  const filed = map.get(key);
  if (filed === undefined) map.set(key, rt);
  else if (Array.isArray(filed)) filed.push(rt);
  else map.set(key, [filed, rt]);
}

