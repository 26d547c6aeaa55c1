/**
 * What a response means, said on its first captured copy (the copies a proxy relays get the hop rules):
 * 100 Trying is hop-by-hop (§16.2, §17.2.1), a To tag in a 1xx creates an early dialog (§12.1), 2xx per
 * method, redirects (§8.1.3.4), the failures a course teaches (§21.4–§21.6), and — on every hop — that a
 * failure to an INVITE is ACKed hop by hop (§17.1.1.3).
 */
import type { Transaction } from '../../correlate/model.ts';
import type { MessageRecord } from '../../sip/messageRecord.ts';
import type { CatalogueKey } from '../i18n/catalogueEn.ts';
import { isProxyRole, type ExplainContext } from './explainContext.ts';
import { line, type ExplanationLine } from './explanation.ts';

/** Failures with a sentence of their own; the others get the generic one with their class's section. */
const FAILURES: ReadonlySet<number> = new Set([401, 407, 408, 423, 483, 486, 487, 488, 600, 603]);

export function explainResponse(ctx: ExplainContext, record: MessageRecord, out: ExplanationLine[]): void {
  const f = record.facts;
  const status = f.statusCode ?? 0;
  const tx = ctx.transactionOf(record.index);
  const relayed = (ctx.model.columns.counterpart[record.index] ?? -1) >= 0;
  if (relayed && status === 100) out.push(line('response.trying.relayed'));
  if (!relayed) explainStatus(ctx, record, tx, out);
  if (status >= 300 && f.cseqMethod === 'INVITE') out.push(line('response.failure.ack'));
}

function explainStatus(ctx: ExplainContext, record: MessageRecord, tx: Transaction | undefined, out: ExplanationLine[]): void {
  const f = record.facts;
  const status = f.statusCode ?? 0;
  const phrase = f.reasonPhrase ?? '';
  const method = f.cseqMethod ?? tx?.method ?? '?';
  const srcRole = ctx.roleOf(ctx.model.columns.srcNode[record.index]);
  if (status === 100) out.push(line(isProxyRole(srcRole) ? 'response.trying.proxy' : 'response.trying.ua'));
  else if (status === 180) out.push(line('response.ringing'));
  else if (status > 100 && status < 200) out.push(line('response.provisional', { status, phrase }));
  if (status > 100 && status < 200 && f.to?.tag !== undefined && !earlierTaggedProvisional(ctx, tx, record.index)) {
    out.push(line('dialog.early', { tag: f.to.tag }));
  }
  if (status >= 200 && status < 300) explainSuccess(ctx, record, tx, method, out);
  else if (status >= 300 && status < 400) out.push(line('response.redirect', { status, contact: f.contacts[0]?.uri ?? '?' }));
  else if (FAILURES.has(status)) {
    out.push(line(`response.${status}` as CatalogueKey, status === 423 ? { minExpires: f.minExpires ?? '?' } : {}));
    if (status === 408 && isProxyRole(srcRole)) out.push(line('response.408.proxy'));
  } else if (status >= 400) {
    out.push(line('response.failure', { status, phrase }, `RFC 3261 §21.${Math.floor(status / 100)}`));
  }
  if (status >= 300 && method === 'INVITE' && earlierTaggedProvisional(ctx, tx, record.index)) out.push(line('dialog.earlyEnded'));
}

function explainSuccess(ctx: ExplainContext, record: MessageRecord, tx: Transaction | undefined, method: string, out: ExplanationLine[]): void {
  const f = record.facts;
  if (method === 'INVITE') out.push(line('response.ok.invite'));
  else if (method === 'BYE') out.push(line('response.ok.bye'));
  else if (method === 'CANCEL') out.push(line('response.ok.cancel'));
  else if (method === 'REGISTER') {
    const attempt = tx === undefined ? undefined : ctx.attemptOf(tx.id)?.attempt;
    const expires = attempt?.expiresGranted ?? f.expires;
    out.push(expires === undefined ? line('response.ok.registerPlain') : line('response.ok.register', { expires }));
  } else out.push(line('response.ok.other', { status: f.statusCode ?? 0, phrase: f.reasonPhrase ?? '', method }));
}

/** A 101–199 response with a To tag came before this one in the same transaction (on this hop). */
export function earlierTaggedProvisional(ctx: ExplainContext, tx: Transaction | undefined, index: number): boolean {
  for (const i of tx?.responses ?? []) {
    if (i >= index) break;
    const r = ctx.lookup(i)?.facts;
    if (r !== undefined && (r.statusCode ?? 0) > 100 && (r.statusCode ?? 0) < 200 && r.to?.tag !== undefined) return true;
  }
  return false;
}
