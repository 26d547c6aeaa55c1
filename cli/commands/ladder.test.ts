/** `sipladder ladder`: the text ladder of selected calls, driven here through the command with fake streams. */
import { afterEach, describe, expect, it } from 'vitest';
import { CliError, EXIT } from '../cliError.ts';
import type { CommandContext } from '../command.ts';
import { openInput } from '../openInput.ts';
import { ladderCommand, ladderHelp } from './ladder.ts';

const TRAPEZOID = 'fixtures/samples/trapezoid/trapezoid.pcap';
// A softphone's session: 1 call, 2 registrations, 2 OPTIONS pings, 4 NOTIFY subscriptions.
const SOFTPHONE = 'fixtures/corpus/captures/Sample-PCAPs__SIP-RTP-Normal_Call_two_parties.pcap';

interface Run {
  code: number;
  out: string;
}

async function ladder(path: string, flags: Record<string, string | boolean> = {}, lists: Record<string, string[]> = {}, tty?: number): Promise<Run> {
  let out = '';
  const input = openInput(path);
  const ctx: CommandContext = {
    input, inputs: [input], flags: { quiet: true, ...flags }, lists,
    out: { write: (c: string | Uint8Array) => ((out += String(c)), true), ...(tty !== undefined ? { isTTY: true, columns: tty } : {}) },
    err: { write: () => true },
  };
  const code = await ladderCommand(ctx);
  return { code, out };
}

describe('sipladder ladder', () => {
  const previous = { NO_COLOR: process.env.NO_COLOR, COLUMNS: process.env.COLUMNS };
  afterEach(() => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('draws the trapezoid call with its title, lanes and one arrow per message', async () => {
    delete process.env.COLUMNS;
    const r = await ladder(TRAPEZOID, {}, { index: ['1'] });
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^Call 0 · a84b4c76e66710 · sip:alice@atlanta\.example\.com → sip:bob@biloxi\.example\.com · answered 200 OK$/);
    expect(r.out.match(/▶|◀/g)).toHaveLength(14);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
    expect(r.out).not.toContain('\u001b[');
  });

  it('takes --width, --time, --hops and --ascii', async () => {
    const r = await ladder(TRAPEZOID, { width: '150', time: 'delta', hops: true, ascii: true });
    expect(r.out).toMatch(/^[\u0000-\u007f]*$/);
    expect(r.out).toContain('Max-Forwards: 69 -> 68');
    expect(r.out).toMatch(/^\+7\.470000 /m);
    for (const line of r.out.split('\n')) expect(line.length).toBeLessThanOrEqual(150);
  });

  it('fits the terminal and colours on it, unless NO_COLOR', async () => {
    delete process.env.NO_COLOR;
    const tty = await ladder(TRAPEZOID, {}, {}, 90);
    expect(tty.out).toContain('\u001b[32m');
    process.env.NO_COLOR = '1';
    const plain = await ladder(TRAPEZOID, {}, {}, 90);
    expect(plain.out).not.toContain('\u001b[');
    for (const line of plain.out.split('\n')) expect(line.length).toBeLessThanOrEqual(90);
  });

  it('selects a call by Call-ID, and draws a registration chosen by --index', async () => {
    // The call's second leg (a B2BUA) by a prefix of its Call-ID: the whole call is drawn, both legs.
    const byId = await ladder(SOFTPHONE, { width: '120' }, { call: ['54be7fcc'] });
    expect(byId.out).toMatch(/^Call 0 · 3cfe1c77155241bb89eb003ab8e2f87b · /);
    expect(byId.out).toContain('(B2BUA)');
    expect(byId.out).toMatch(/20 messages/);
    const register = await ladder(SOFTPHONE, { width: '120' }, { index: ['1'] });
    expect(register.out).toContain('REGISTER');
    expect(register.out).toMatch(/^Selection: 0 calls, 1 other usage$/m);
  });

  it('writes the ladder model as JSON with --json', async () => {
    const r = await ladder(TRAPEZOID, { json: true });
    const doc = JSON.parse(r.out) as { schemaVersion: number; ladder: { lanes: unknown[]; rows: { method?: string }[]; brackets: unknown[] } };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.ladder.lanes).toHaveLength(4);
    expect(doc.ladder.rows).toHaveLength(14);
    expect(doc.ladder.brackets).toHaveLength(5);
  });

  it('says so when a filter leaves nothing to draw', async () => {
    const r = await ladder(TRAPEZOID, {}, { filter: ['status >= 500'] });
    expect(r.out).toBe('No row matches (the call list has 1 row).\n');
  });

  it('rejects bad --width, --time and --lanes values as usage errors', async () => {
    const bad: Record<string, string>[] = [{ width: 'wide' }, { width: '10' }, { time: 'local' }, { lanes: 'ip' }];
    for (const flags of bad) {
      const error = await ladder(TRAPEZOID, flags).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(EXIT.usage);
    }
  });

  it('has help with examples', () => {
    expect(ladderHelp).toMatch(/^Usage: sipladder ladder FILE/);
    expect(ladderHelp).toContain('Examples:');
    expect(ladderHelp).toContain('--hops');
  });
});
