import { describe, expect, it } from 'vitest';
import { runCli } from './fakeTerminal.ts';
import { Progress } from './progress.ts';

function terminal() {
  let text = '';
  return { stream: { isTTY: true, columns: 120, write: (t: string) => ((text += t), true) }, text: () => text };
}

describe('the progress line', () => {
  it('shows bytes, percentage, messages, calls and an ETA once the work takes a moment', () => {
    let now = 0;
    const t = terminal();
    const p = new Progress(t.stream, 200e6, () => now);
    p.update(1e6, 10, 1);
    expect(t.text()).toBe('');
    now = 10_000;
    p.update(50e6, 12_345, 678);
    expect(t.text()).toBe('\r\u001b[2Kreading  [█████░░░░░░░░░░░░░░░]  25%  50.0/200.0 MB  678 calls  12,345 messages  ETA 0:30');
    p.done();
    expect(t.text().endsWith('\r\u001b[2K')).toBe(true);
  });

  it('redraws at most ten times a second', () => {
    let now = 5000;
    const t = terminal();
    const p = new Progress(t.stream, 100, () => now);
    now = 6000;
    for (let i = 0; i < 50; i++) p.update(i, i, 0);
    expect(t.text().split('\r').length - 1).toBe(1);
  });

  it('says nothing when stderr is not a terminal or with --quiet', async () => {
    const piped = { isTTY: false, write: () => { throw new Error('written'); } };
    Progress.for(piped, true, 10).update(5, 1, 1);
    const quiet = terminal();
    Progress.for(quiet.stream, false, 10).update(5, 1, 1);
    expect(quiet.text()).toBe('');
    const r = await runCli(['summary', 'fixtures/samples/trapezoid/trapezoid.pcap'], { stderrTty: true });
    expect(r.err).toBe('');
  });

  it('shows megabytes without a percentage when the size is unknown (standard input)', () => {
    let now = 0;
    const p = new Progress(terminal().stream, undefined, () => now);
    now = 1000;
    p.update(3.5e6, 2, 0);
    expect(p.line('reading')).toBe('reading  3.5 MB  0 calls  2 messages');
  });
});
