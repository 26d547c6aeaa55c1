/**
 * `--hide` noise presets: rows (other usages) that bury the calls in a busy capture — OPTIONS keep-alives,
 * registrations, subscriptions — named by a short word. Calls themselves are never hidden by a preset
 * except by `calls`, so an OPTIONS inside a dialog stays with its call.
 */
import type { RowKind, FilterRow, FilterData } from './filterData.ts';
import { rowUsage } from './filterData.ts';

export interface HidePreset {
  readonly name: string;
  readonly description: string;
  readonly kinds: readonly RowKind[];
  /** Other words accepted for it (singular and plural forms are accepted for every name). */
  readonly aliases?: readonly string[];
  /** Also hides usages the correlator marked as background noise. */
  readonly noise?: boolean;
}

export const HIDE_PRESETS: readonly HidePreset[] = [
  { name: 'options', description: 'OPTIONS keep-alives and pings', kinds: ['options'], aliases: ['keepalive', 'ping'] },
  { name: 'register', description: 'REGISTER (registrations, challenges, refreshes)', kinds: ['registration'], aliases: ['registration', 'registrations'] },
  { name: 'subscribe', description: 'SUBSCRIBE/NOTIFY subscriptions (presence, message waiting, dialog events)', kinds: ['subscription'], aliases: ['subscription', 'subscriptions', 'notify'] },
  { name: 'publish', description: 'PUBLISH', kinds: ['publish'] },
  { name: 'message', description: 'MESSAGE (instant messages outside calls)', kinds: ['message'], aliases: ['im'] },
  { name: 'info', description: 'INFO outside calls', kinds: ['info'] },
  { name: 'refer', description: 'REFER outside calls', kinds: ['refer'] },
  { name: 'other', description: 'other requests outside calls', kinds: ['other'] },
  { name: 'noise', description: 'background traffic: options + register + keep-alives', kinds: ['options', 'registration'], noise: true },
  { name: 'usages', description: 'everything that is not a call', kinds: ['registration', 'subscription', 'options', 'message', 'publish', 'info', 'refer', 'other'] },
  { name: 'calls', description: 'the calls (to look at the rest)', kinds: ['call'] },
];

export interface HideSet {
  readonly names: readonly string[];
  readonly kinds: ReadonlySet<RowKind>;
  readonly noise: boolean;
}

export const HIDE_NOTHING: HideSet = { names: [], kinds: new Set(), noise: false };

/** Parses `options,register` (commas or spaces, any case); an unknown name is an error naming the known ones. */
export function parseHide(text: string): { ok: true; value: HideSet } | { ok: false; error: string } {
  const names = text.split(/[\s,]+/).map((n) => n.trim().toLowerCase()).filter((n) => n !== '');
  const kinds = new Set<RowKind>();
  let noise = false;
  for (const name of names) {
    const preset = HIDE_PRESETS.find((p) => [p.name, ...(p.aliases ?? [])].some((a) => a === name || a === `${name}s` || `${a}s` === name));
    if (preset === undefined) {
      return { ok: false, error: `unknown --hide preset '${name}'; presets: ${HIDE_PRESETS.map((p) => p.name).join(', ')}` };
    }
    for (const k of preset.kinds) kinds.add(k);
    noise ||= preset.noise === true;
  }
  return { ok: true, value: { names, kinds, noise } };
}

export function isRowHidden(hide: HideSet, row: FilterRow, data: FilterData): boolean {
  if (hide.kinds.has(row.kind)) return true;
  return hide.noise && rowUsage(data, row)?.noise === true;
}
