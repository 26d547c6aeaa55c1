/**
 * What a request is for, said once, on its first captured hop (a proxy's copy gets the hop rules instead):
 * INVITE and re-INVITE (§13, §14), ACK of a 2xx or of a failure (§17.1.1.3), CANCEL (§9, §16.10), BYE
 * (§15), REGISTER and its retries (§10, §22), in-dialog routing (§12.2.1.1), Max-Forwards (§8.1.1.6),
 * Reason (RFC 3326), and the leg link a B2BUA leaves (X-Call-ID and the like).
 */
import { parseReasons } from '../../analyze/reasonHeader.ts';
import type { Transaction } from '../../correlate/model.ts';
import type { MessageRecord } from '../../sip/messageRecord.ts';
import type { CatalogueKey } from '../i18n/catalogueEn.ts';
import { isCatalogueKey } from '../i18n/translate.ts';
import { isProxyRole, type ExplainContext } from './explainContext.ts';
import { line, type ExplanationLine } from './explanation.ts';

const DEFAULT_MAX_FORWARDS = 70;
const Q850_MEANINGS = new Set([16, 17, 18, 19, 21, 31]);

export function explainRequest(ctx: ExplainContext, record: MessageRecord, out: ExplanationLine[]): void {
  const f = record.facts;
  const tx = ctx.transactionOf(record.index);
  const forwarded = (ctx.model.columns.counterpart[record.index] ?? -1) >= 0;
  if (f.method === 'ACK') {
    // The ACK of a failure belongs to its hop's INVITE transaction; the ACK of a 2xx is its own transaction.
    if (tx !== undefined && tx.method === 'INVITE') out.push(line('request.ack.non2xx', { status: tx.finalStatus }));
    else if (!forwarded) out.push(line('request.ack.2xx'));
  }
  if (forwarded) return;
  const srcRole = ctx.roleOf(ctx.model.columns.srcNode[record.index]);
  switch (f.method) {
    case 'INVITE':
      if (f.to?.tag !== undefined) out.push(line('request.invite.reinvite'));
      else if (srcRole === 'b2bua' && (tx?.parent ?? -1) < 0) out.push(line('request.invite.b2bua'));
      else out.push(line('request.invite.initial', { target: f.requestUri ?? '?' }));
      break;
    case 'ACK':
      break;
    case 'CANCEL':
      out.push(line(isProxyRole(srcRole) ? 'request.cancel.proxy' : 'request.cancel'));
      break;
    case 'BYE':
      out.push(line(byeFromCaller(ctx, record) === false ? 'request.bye.callee' : 'request.bye.caller'));
      break;
    case 'REGISTER':
      explainRegister(ctx, record, tx, out);
      break;
    default: {
      const key = `method.${f.method ?? ''}`;
      out.push(isCatalogueKey(key) ? line(key) : line('request.other', { method: f.method ?? '?' }));
    }
  }
  const inDialog = f.to?.tag !== undefined && f.method !== 'ACK' && f.method !== 'BYE' && f.method !== 'CANCEL' && f.method !== 'INVITE';
  if (inDialog) out.push(line('request.inDialog'));
  if (f.routes.length > 0) out.push(line('request.route', { route: f.routes.map((r) => r.raw).join(', ') }));
  if (f.maxForwards !== undefined && f.maxForwards !== DEFAULT_MAX_FORWARDS) {
    out.push(line('request.maxForwardsStart', { value: f.maxForwards }));
  }
  for (const raw of f.reasons) {
    for (const reason of parseReasons(raw)) {
      if (reason.protocol === 'Q.850' && reason.cause !== undefined) {
        out.push(line('request.reason.q850', { cause: reason.cause, meaning: { key: Q850_MEANINGS.has(reason.cause) ? `q850.${reason.cause}` as CatalogueKey : 'q850.other' } }));
      } else {
        out.push(line('request.reason.other', { reason: reason.raw }));
      }
    }
  }
  const link = ctx.legLinkAt(record.index);
  if (link !== undefined) out.push(line('call.legLink', { evidence: link.evidence }));
}

/** From the dialog's own list of requests (which knows the direction), else undefined. */
function byeFromCaller(ctx: ExplainContext, record: MessageRecord): boolean | undefined {
  const dialog = ctx.model.dialogs[ctx.model.columns.dialog[record.index] ?? -1];
  const entry = dialog?.requests.find((r) => r.index === record.index);
  if (entry !== undefined) return entry.fromCaller;
  if (dialog === undefined) return undefined;
  return record.facts.from?.tag === dialog.caller.tag;
}

function explainRegister(ctx: ExplainContext, record: MessageRecord, tx: Transaction | undefined, out: ExplanationLine[]): void {
  const f = record.facts;
  out.push(line('request.register', { aor: f.to?.uri ?? '?' }));
  const info = tx === undefined ? undefined : ctx.attemptOf(tx.id);
  const expires = info?.attempt.expiresRequested ?? f.expires;
  if (expires !== undefined) out.push(line('request.register.expires', { expires }));
  const previous = info?.previous?.status;
  if (previous === 401) out.push(line('request.register.retryAuth'));
  else if (previous === 407) out.push(line('request.register.retryProxyAuth'));
  else if (previous === 423) out.push(line('request.register.retryInterval'));
}
