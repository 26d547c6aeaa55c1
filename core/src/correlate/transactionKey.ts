/**
 * Transaction matching keys, RFC 3261 §17.1.3 / §17.2.3: top Via branch + sent-by + method, with the
 * RFC 2543 fallback (§17.2.3 last paragraphs) when the branch lacks the z9hG4bK magic cookie.
 * Keys carry no hop: the tracker keeps one transaction per key per hop (client/server address pair).
 */
import type { SipFacts, ViaFacts } from '../sip/sipFacts.ts';

export const MAGIC_COOKIE = 'z9hG4bK';

export type Matching = 'rfc3261' | 'rfc2543';

export interface TransactionKey {
  readonly key: string;
  readonly matching: Matching;
}

/** The port a Via sent-by means when none is written (RFC 3261 §18.2.2, §26.2). */
export function defaultSipPort(viaTransport: string): number {
  return viaTransport === 'TLS' || viaTransport === 'WSS' ? 5061 : 5060;
}

export function hasMagicCookie(via: ViaFacts | undefined): boolean {
  return via?.branch !== undefined && via.branch.startsWith(MAGIC_COOKIE) && via.branch.length > MAGIC_COOKIE.length;
}

/** "branch sent-by" identity of one Via entry; ignores received/rport, which the next hop adds. */
export function viaIdentity(via: ViaFacts): string {
  return `${via.branch ?? ''} ${via.host.toLowerCase()}:${via.port ?? defaultSipPort(via.transport)}`;
}

/**
 * The key of the transaction `facts` belongs to, as created by a request of `method`.
 * For an ACK pass 'INVITE' to find the INVITE transaction a non-2xx ACK belongs to, 'ACK' for its own.
 * RFC 3261 keys hold only what §17.2.3 names; the tracker also compares Call-ID and CSeq number of the
 * candidates (`sameRequest`), which keeps peers that reuse one branch for every request apart.
 */
export function transactionKeyFor(facts: SipFacts, method: string): TransactionKey | undefined {
  return transactionKeyAt(facts, 0, method);
}

/**
 * The key as if the Via at `viaIndex` were the top one: with 1 it is the key of the same request on the
 * previous hop, before the proxy that sent this copy pushed its own Via (RFC 3261 §16.6 step 8).
 */
export function transactionKeyAt(facts: SipFacts, viaIndex: number, method: string): TransactionKey | undefined {
  const top = facts.vias[viaIndex];
  if (top === undefined || facts.cseqNumber === undefined || facts.callId === undefined) return undefined;
  if (hasMagicCookie(top)) return { key: `${viaIdentity(top)} ${method}`, matching: 'rfc3261' };
  // RFC 2543: Call-ID, CSeq, From tag and top Via; the To tag and Request-URI differ between a request
  // and its responses (and its ACK), so the tracker checks those separately.
  return {
    key: `2543 ${viaIdentity(top)} ${method} ${facts.cseqNumber} ${facts.callId} ${facts.from?.tag ?? ''}`,
    matching: 'rfc2543',
  };
}


/**
 * A key as the live transactions look it up, without building its text: RFC 3261 keys are filed under the
 * top Via's branch (a string the SIP stage shares between copies of one Via, so hashing it is cheap) and
 * host, port and method are compared on the few candidates; RFC 2543 keys are filed under their whole text.
 */
export interface KeyProbe {
  readonly matching: Matching;
  readonly bucket: string;
  /** rfc3261: the sent-by host (lower-case) and port (default filled in); '' and 0 for rfc2543. */
  readonly host: string;
  readonly port: number;
  readonly method: string;
}

export function keyProbeAt(facts: SipFacts, viaIndex: number, method: string): KeyProbe | undefined {
  const top = facts.vias[viaIndex];
  if (top === undefined || facts.cseqNumber === undefined || facts.callId === undefined) return undefined;
  if (hasMagicCookie(top)) {
    return { matching: 'rfc3261', bucket: top.branch!, host: top.host.toLowerCase(), port: top.port ?? defaultSipPort(top.transport), method };
  }
  return { matching: 'rfc2543', bucket: transactionKeyAt(facts, viaIndex, method)!.key, host: '', port: 0, method };
}

/** The key text of a probe: exactly what `transactionKeyAt` gives for the same Via and method. */
export function keyOfProbe(probe: KeyProbe): TransactionKey {
  if (probe.matching === 'rfc2543') return { key: probe.bucket, matching: 'rfc2543' };
  return { key: `${probe.bucket} ${probe.host}:${probe.port} ${probe.method}`, matching: 'rfc3261' };
}

/** Same Call-ID and CSeq number: what a key match must also agree on to be the same transaction. */
export function sameRequest(callId: string, cseqNumber: number, facts: SipFacts): boolean {
  return callId === facts.callId && cseqNumber === facts.cseqNumber;
}
