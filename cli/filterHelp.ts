/** `sipladder help filter`: the filter language's reference, its field lists drawn from the core's catalogue. */
import { MESSAGE_FIELDS, ROW_FIELDS, FIELD_ALIASES, type FieldDef } from '../core/src/analyze/filter/filterFields.ts';
import { HIDE_PRESETS } from '../core/src/analyze/filter/hidePresets.ts';

const TYPE_WORD: Record<FieldDef['type'], string> = {
  string: 'text', number: 'number', status: 'status', duration: 'duration', boolean: 'yes/no',
};

function fieldLines(fields: readonly FieldDef[]): string {
  return fields.map((f) => `  ${f.name.padEnd(15)}${TYPE_WORD[f.type].padEnd(10)}${f.description}`).join('\n');
}

export function filterHelp(): string {
  return `The filter language (--filter EXPR), in the spirit of Wireshark's display filters.

  method == INVITE and status >= 400        from ~ "alice" or to ~ "alice"
  outcome == cancelled                      not method == OPTIONS
  pdd > 2s and (codec == PCMA/8000 or codec contains g729)
  status == 4xx                             method in {INVITE, BYE, CANCEL}
  src == 10.0.0.1                           msg.status == 180 and call.status == 487

Operators: == != < <= > >= (also eq ne lt le gt ge; a lone = means ==), ~ or matches (regular
expression, case-insensitive), contains (substring, case-insensitive), in {a, b, …}, and/&&, or/||,
not/!, parentheses. A field alone tests that it is present (and not 0, empty or false): \`sdp\`, \`issues\`.
Values: bare words (INVITE, 10.0.0.1:5060, sip:bob@example.com) or "quoted strings" ('single' too, with
\\" and \\\\ escapes); == on text ignores case. Numbers compare as numbers; durations are seconds unless a unit
is given: 250ms, 2s, 1.5m, 1h. Status accepts classes: 1xx … 6xx (with == and !=).
A field with several values (codecs, frames, Call-IDs of a call) matches if any value does; a != b means
not (a == b).

Scope: for calls (calls, stats, issues, export, summary) a call matches on its own fields below, or if any
of its messages matches a message field; for messages (the messages command) a message matches on its own
fields, or on the fields of its call. Prefix msg. or call. to choose: msg.status == 180 (a call with a 180),
call.status == 486 (the call's final status).

Message fields:
${fieldLines(MESSAGE_FIELDS)}

Call (and usage) fields:
${fieldLines(ROW_FIELDS)}

Other names accepted: ${Object.entries(FIELD_ALIASES).map(([a, b]) => `${a} (${b})`).join(', ')}.

--hide presets (comma-separated):${HIDE_PRESETS.map((p) => `\n  ${p.name.padEnd(11)}${p.description}`).join('')}

A bad expression is an error (exit code 2) that shows the expression with a caret under the mistake.
More in docs/filter-language.md.`;
}
