/**
 * Dialog bookkeeping helpers (RFC 3261 §12): the dialog id is Call-ID + the two tags; the caller's route
 * set is the Record-Route list reversed, the callee's is the list as received (§12.1.1, §12.1.2);
 * in-dialog requests are labelled the way a reader names them (re-INVITE, PRACK RFC 3262, UPDATE RFC 3311).
 */
import type { SipFacts } from '../sip/sipFacts.ts';
import { detachString } from './detachString.ts';
import type { Dialog, DialogSide } from './model.ts';

export interface DialogRuntime {
  readonly dialog: Dialog;
  /** `${callId} ${fromTag} ${cseq}` of the creating INVITE/SUBSCRIBE, for forking and rejection. */
  readonly origin: string;
  lastMs: number;
  lastSeq: number;
  byeIndex: number;
  ackSeen: boolean;
}

/** Tag pair in a fixed order so both directions of a dialog find it. */
export function dialogKey(callId: string, tagA: string, tagB: string): string {
  return tagA < tagB ? `${callId}\u0000${tagA}\u0000${tagB}` : `${callId}\u0000${tagB}\u0000${tagA}`;
}

export function originKey(callId: string, fromTag: string, cseq: number): string {
  return `${callId}\u0000${fromTag}\u0000${cseq}`;
}

/** Methods whose out-of-dialog request creates a dialog (RFC 3261 §12.1, RFC 6665 §4.1, RFC 3515). */
export function dialogUsageOf(method: string | undefined): Dialog['usage'] | undefined {
  if (method === 'INVITE') return 'invite';
  if (method === 'SUBSCRIBE' || method === 'REFER') return 'subscription';
  return undefined;
}

export function newSide(tag: string, nameAddrUri: string | undefined): DialogSide {
  const side: DialogSide = { tag, routeSet: [], lastCseq: 0 };
  if (nameAddrUri !== undefined) side.uri = nameAddrUri;
  return side;
}

/** Route sets from the Record-Route list of the dialog-creating response (§12.1.1 UAS, §12.1.2 UAC). */
export function setRouteSets(dialog: Dialog, response: SipFacts): void {
  if (response.recordRoutes.length === 0) return;
  const inOrder = response.recordRoutes.map((r) => detachString(r.raw));
  dialog.callee.routeSet = inOrder;
  dialog.caller.routeSet = [...inOrder].reverse();
}

/** How a reader names an in-dialog request. */
export function labelRequest(facts: SipFacts, initial: boolean): string {
  const method = facts.method ?? '?';
  if (initial) return 'initial';
  if (method === 'INVITE') return 're-INVITE';
  if (method === 'INFO' && facts.contentType !== undefined) return `INFO (${facts.contentType.split(';')[0]!.trim()})`;
  return method;
}
