/** What the person chose (theme, ladder options, lane names), kept in localStorage and checked on load. */
import { LANE_MERGES, type LaneMerge } from '../../core/src/analyze/ladder/ladderModel.ts';
import { TIME_MODES, type TimeMode } from '../../core/src/export/ladder/timeLabel.ts';

/** Time modes as stored by earlier versions of the app. */
const OLD_TIME_MODES: Readonly<Record<string, TimeMode>> = { absolute: 'abs', relative: 'rel' };

export interface Settings {
  theme: 'light' | 'dark';
  timeMode: TimeMode;
  laneMode: LaneMerge;
  foldRetransmissions: boolean;
  showViaDepth: boolean;
  /** Hop annotations as notes under every arrow. */
  showHopNotes: boolean;
  zoom: number;
  aliases: Record<string, string>;
}

const KEY = 'sipladder-settings';
export const ZOOM_STEPS = [0.6, 0.75, 0.9, 1, 1.15, 1.3, 1.5, 1.75, 2];

export function defaultSettings(prefersDark: boolean): Settings {
  return { theme: prefersDark ? 'dark' : 'light', timeMode: 'rel', laneMode: 'node', foldRetransmissions: true, showViaDepth: false, showHopNotes: false, zoom: 1, aliases: {} };
}

/** Reads stored settings, keeping only well-formed values (storage is shared with whatever ran before). */
export function parseSettings(text: string | null, fallback: Settings): Settings {
  if (text === null) return fallback;
  let raw: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return fallback;
    raw = parsed as Record<string, unknown>;
  } catch {
    return fallback;
  }
  const aliases: Record<string, string> = {};
  if (typeof raw.aliases === 'object' && raw.aliases !== null) {
    for (const [k, v] of Object.entries(raw.aliases).slice(0, 500)) {
      if (typeof v === 'string' && k.length <= 200 && v.length > 0 && v.length <= 80) aliases[k] = v;
    }
  }
  return {
    theme: raw.theme === 'dark' || raw.theme === 'light' ? raw.theme : fallback.theme,
    timeMode: TIME_MODES.includes(raw.timeMode as TimeMode) ? raw.timeMode as TimeMode : OLD_TIME_MODES[String(raw.timeMode)] ?? fallback.timeMode,
    laneMode: LANE_MERGES.includes(raw.laneMode as LaneMerge) ? raw.laneMode as LaneMerge : fallback.laneMode,
    foldRetransmissions: typeof raw.foldRetransmissions === 'boolean' ? raw.foldRetransmissions : fallback.foldRetransmissions,
    showViaDepth: typeof raw.showViaDepth === 'boolean' ? raw.showViaDepth : fallback.showViaDepth,
    showHopNotes: typeof raw.showHopNotes === 'boolean' ? raw.showHopNotes : fallback.showHopNotes,
    zoom: ZOOM_STEPS.includes(raw.zoom as number) ? raw.zoom as number : fallback.zoom,
    aliases,
  };
}

export function loadSettings(storage: Storage, prefersDark: boolean): Settings {
  try {
    return parseSettings(storage.getItem(KEY), defaultSettings(prefersDark));
  } catch {
    return defaultSettings(prefersDark);
  }
}

export function saveSettings(storage: Storage, settings: Settings): void {
  try {
    storage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Storage full or disabled: settings last for this session only.
  }
}
