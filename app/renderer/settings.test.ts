import { describe, expect, it } from 'vitest';
import { defaultSettings, parseSettings } from './settings.ts';

describe('stored settings', () => {
  const fallback = defaultSettings(false);

  it('round-trip through JSON', () => {
    const s = { ...fallback, theme: 'dark' as const, timeMode: 'delta' as const, laneMode: 'host' as const, showHopNotes: true, zoom: 1.5, aliases: { '192.0.2.1': 'alice' } };
    expect(parseSettings(JSON.stringify(s), fallback)).toEqual(s);
  });

  it('fall back field by field on garbage, unknown values and oversized aliases', () => {
    expect(parseSettings('not json', fallback)).toEqual(fallback);
    expect(parseSettings('null', fallback)).toEqual(fallback);
    const parsed = parseSettings(JSON.stringify({ theme: 'neon', zoom: 7, timeMode: 'sideways', laneMode: 'moon', aliases: { a: 'x'.repeat(81), b: 5, c: 'ok' } }), fallback);
    expect(parsed.theme).toBe('light');
    expect(parsed.zoom).toBe(1);
    expect(parsed.timeMode).toBe('rel');
    expect(parsed.laneMode).toBe('node');
    expect(parsed.aliases).toEqual({ c: 'ok' });
  });

  it('read the time modes earlier versions stored', () => {
    expect(parseSettings(JSON.stringify({ timeMode: 'absolute' }), fallback).timeMode).toBe('abs');
    expect(parseSettings(JSON.stringify({ timeMode: 'relative' }), fallback).timeMode).toBe('rel');
  });

  it('default to the dark theme when the system prefers it', () => {
    expect(defaultSettings(true).theme).toBe('dark');
  });
});
