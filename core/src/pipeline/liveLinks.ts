/**
 * Call-IDs a record names as belonging to the same call: correlation headers of B2BUAs (X-Call-ID and kin)
 * and Replaces (RFC 3891), so a live session keeps those legs in one group. Legs the batch analysis links only
 * by SDP media or dialled number stay separate groups live (that needs the whole capture in view).
 */
import type { HeaderLookup } from '../correlate/callIdGroups.ts';
import type { MessageRecord } from '../sip/messageRecord.ts';

export function recordHeaderLinks(record: MessageRecord, headers: readonly string[], headerValue: HeaderLookup | undefined): string[] {
  if (headerValue === undefined || record.facts.kind !== 'request') return [];
  const out: string[] = [];
  for (const name of headers) {
    const value = headerValue(record, name)?.trim();
    if (value) out.push(value);
  }
  const replaces = headerValue(record, 'Replaces');
  if (replaces) {
    const callId = replaces.split(';')[0]!.trim();
    if (callId) out.push(callId);
  }
  return out;
}
