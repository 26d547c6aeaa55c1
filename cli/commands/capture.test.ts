/**
 * `sipladder capture` end to end, the way users run it: real SIP traffic from sipp on the loopback interface
 * only, captured through dumpcap and tcpdump, every call sipp made found with its transactions and dialog; the
 * errors users see when the tool is missing, refused permission, given a bad filter or interface, or when the
 * interface goes away; and live output from standard input. Tests that need root (or capture rights), a tool or
 * sipp say why they do not run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureReader } from '../../core/src/capture/captureReader.ts';
import { analyzeCaptureBytes } from '../../core/src/pipeline/captureAnalysis.ts';
import type { LiveDetail, LiveEntry } from '../../core/src/pipeline/liveSession.ts';
import { testCallCapture } from '../../core/src/pipeline/testLiveCalls.ts';
import { findOnPath } from '../live/captureTool.ts';
import type { FeedEvent } from '../live/liveFeed.ts';
import { captureTools, freePort, IS_ROOT, SIPP, sippUac, sippUas, sleep, waitFor, type SippRun } from '../live/testSipp.ts';
import { captureMain, type LiveIo } from './capture.ts';

const tmp = mkdtempSync(join(tmpdir(), 'sipladder-capture-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const tools = captureTools();
const SIPP_MISSING = SIPP === undefined ? 'sipp is not installed (Debian package sip-tester)' : undefined;

function reasonFor(tool: 'dumpcap' | 'tcpdump' | 'any', needSipp: boolean): string | undefined {
  if (needSipp && SIPP_MISSING) return SIPP_MISSING;
  if (tool === 'any') return tools.usable.length > 0 ? undefined : `no usable capture tool: ${tools.reasons.join('; ')}`;
  return tools.usable.includes(tool) ? undefined : tools.reasons.find((r) => r.startsWith(tool)) ?? `${tool} is not usable`;
}

/** it(), or a visible skip that prints why. */
function test(name: string, reason: string | undefined, body: () => Promise<void>, timeoutMs = 45_000): void {
  if (reason !== undefined) {
    console.log(`skipped: ${name} — ${reason}`);
    it.skip(`${name} (not run: ${reason})`, body);
  } else {
    it(name, body, timeoutMs);
  }
}

interface Text {
  text: string;
  write(chunk: string | Uint8Array): boolean;
}
const collector = (): Text => ({ text: '', write(c) { this.text += typeof c === 'string' ? c : Buffer.from(c).toString(); return true; } });

interface CaptureRun {
  code: number;
  out: string;
  err: string;
  events: FeedEvent[];
  ready: boolean;
}

/** Runs `sipladder capture ARGS` in-process; once capturing, runs `traffic`, then waits for `until` and stops it (Ctrl-C). */
async function runCapture(args: string[], options: {
  env?: NodeJS.ProcessEnv; stdin?: LiveIo['stdin']; traffic?: () => Promise<void>; until?: (events: FeedEvent[]) => boolean; waitMs?: number;
  /** Stop a -r reading too (it otherwise ends with its input). */
  interrupt?: boolean;
} = {}): Promise<CaptureRun> {
  const out = collector();
  const err = collector();
  const events: FeedEvent[] = [];
  const controller = new AbortController();
  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<'ready'>((resolve) => (markReady = () => resolve('ready')));
  const running = captureMain(args, {
    out, err, signal: controller.signal, onReady: () => markReady(), onEvent: (e) => events.push(e),
    ...(options.env ? { env: options.env } : {}), ...(options.stdin ? { stdin: options.stdin } : {}),
  });
  const first = await Promise.race([readyPromise, running.then(() => 'done' as const)]);
  if (first === 'ready') {
    await options.traffic?.();
    if (options.until) await waitFor(() => options.until!(events), options.waitMs ?? 15_000);
    // A capture runs until stopped (Ctrl-C); reading a file or standard input ends by itself.
    if (!args.includes('-r') || options.interrupt) controller.abort();
  }
  const code = await running;
  return { code, out: out.text, err: err.text, events, ready: first === 'ready' };
}

const completedEntries = (events: readonly FeedEvent[]): { entry: LiveEntry; detail: LiveDetail }[] =>
  events.flatMap((e) => (e.type === 'completed' ? [{ entry: e.entry, detail: e.detail }] : []));

/** sipp's default uac/uas call: INVITE, 180, 200, ACK, BYE, 200 — three transactions, one dialog ended by BYE. */
function expectSippCalls(events: readonly FeedEvent[], sippPid: number, calls: number, transport: 'udp' | 'tcp'): void {
  const mine = completedEntries(events).filter((c) => c.entry.callIds.some((id) => id.endsWith(`-${sippPid}@127.0.0.1`)));
  expect(mine.map((c) => Number(c.entry.callIds[0]!.split('-')[0])).sort((a, b) => a - b)).toEqual(Array.from({ length: calls }, (_, i) => i + 1));
  for (const { entry, detail } of mine) {
    expect(entry.kind).toBe('call');
    expect(entry.calls.map((c) => [c.outcome, c.finalStatus, c.messages])).toEqual([['answered', 200, 6]]);
    expect(detail.records.map((r) => r.facts.method ?? r.facts.statusCode)).toEqual(['INVITE', 180, 200, 'ACK', 'BYE', 200]);
    expect(detail.records.every((r) => r.transport === transport)).toBe(true);
    const transactions = detail.model.transactions.map((t) => `${t.method} ${t.finalStatus}`).sort();
    expect(transactions).toEqual(['ACK 0', 'BYE 200', 'INVITE 200']);
    expect(detail.model.dialogs.map((d) => [d.usage, d.state, d.termination, d.terminatedByCaller])).toEqual([['invite', 'terminated', 'bye', true]]);
  }
}

describe('sipladder capture on the loopback interface with sipp traffic', () => {
  for (const tool of ['dumpcap', 'tcpdump'] as const) {
    for (const transport of ['udp', 'tcp'] as const) {
      test(`finds every call sipp made over ${transport.toUpperCase()}, through ${tool}, and saves them as pcapng`, reasonFor(tool, true), async () => {
        const calls = 25;
        const serverPort = await freePort();
        const clientPort = await freePort();
        const file = join(tmp, `${tool}-${transport}.pcapng`);
        let uas: SippRun | undefined;
        let uacPid = 0;
        const run = await runCapture(['-i', 'lo', '-f', `port ${serverPort}`, '--tool', tool, '--json', '--write', file], {
          traffic: async () => {
            uas = sippUas(serverPort, transport);
            await sleep(300);
            const uac = sippUac(serverPort, clientPort, transport, calls, 50);
            uacPid = uac.child.pid!;
            expect(await uac.exited, uac.output()).toBe(0);
          },
          until: (events) => completedEntries(events).length >= calls,
        });
        await uas?.stop();
        expect(run.code, run.err).toBe(0);
        expectSippCalls(run.events, uacPid, calls, transport);
        // --json: one line per call, then the summary with the tool's drop count.
        const lines = run.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(lines.filter((l) => l.event === 'call')).toHaveLength(calls);
        expect(lines.every((l) => l.event !== 'call' || (l.outcome === 'answered' && l.status === 200 && l.messages === 6))).toBe(true);
        const summary = lines[lines.length - 1]!;
        expect(summary).toMatchObject({ event: 'summary', endedBy: 'stop', sipMessages: calls * 6, drops: 0, calls: { completed: calls, evicted: 0 } });
        // --write: a pcapng file (whatever the tool) holding the same calls.
        const saved = readFileSync(file);
        expect(saved.readUInt32LE(0)).toBe(0x0a0d0d0a);
        const analysis = analyzeCaptureBytes(new Uint8Array(saved));
        expect(analysis.analysis.calls.filter((c) => c.outcome === 'answered')).toHaveLength(calls);
      });
    }
  }

  test('captures two interfaces at once (lo twice through tcpdump: one process each, merged)', reasonFor('tcpdump', true), async () => {
    const serverPort = await freePort();
    const clientPort = await freePort();
    let uas: SippRun | undefined;
    let uacPid = 0;
    const run = await runCapture(['-i', 'lo', '-i', 'lo', '-f', `udp port ${serverPort}`, '--tool', 'tcpdump'], {
      traffic: async () => {
        uas = sippUas(serverPort, 'udp');
        await sleep(300);
        const uac = sippUac(serverPort, clientPort, 'udp', 5, 50);
        uacPid = uac.child.pid!;
        await uac.exited;
      },
      until: (events) => completedEntries(events).length >= 5,
    });
    await uas?.stop();
    expect(run.code, run.err).toBe(0);
    // Each message is seen once per capture process: the copies are retransmission-like duplicates of one call.
    const mine = completedEntries(run.events).filter((c) => c.entry.callIds[0]!.endsWith(`-${uacPid}@127.0.0.1`));
    expect(mine).toHaveLength(5);
    expect(mine.every((c) => c.entry.messages === 12 && c.entry.calls[0]!.outcome === 'answered')).toBe(true);
    expect(run.err).toMatch(/Drops reported by tcpdump: 0 \(lo 0, lo 0\)\./);
  });

  test('prints a line per call and a summary on Ctrl-C (SIGINT to the process)', reasonFor('any', true), async () => {
    const serverPort = await freePort();
    const clientPort = await freePort();
    const entry = join(tmp, 'entry.mts');
    writeFileSync(entry, `import { captureMain } from ${JSON.stringify(join(__dirname, 'capture.ts'))};\n` +
      'process.exitCode = await captureMain(process.argv.slice(2), { out: process.stdout, err: process.stderr });\n');
    const child = spawn(process.execPath, ['--import', 'tsx', entry, '-i', 'lo', '-f', `udp port ${serverPort}`], {
      cwd: join(__dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    expect(await waitFor(() => /Capturing on lo/.test(err), 20_000), err).toBe(true);
    const uas = sippUas(serverPort, 'udp');
    await sleep(300);
    const uac = sippUac(serverPort, clientPort, 'udp', 3, 20);
    await uac.exited;
    expect(await waitFor(() => out.trim().split('\n').filter(Boolean).length >= 3, 10_000), out).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await uas.stop();
    expect(out.trim().split('\n')).toHaveLength(3);
    expect(out).toMatch(/answered\s+200 .* sip:sipp@127\.0\.0\.1:\d+ → sip:service@127\.0\.0\.1:\d+/);
    expect(err).toMatch(/Captured for 0:00:\d\d from lo \(\w+\): \d+ packets, 18 SIP messages\.\nCalls: 3 \(answered 3\)/);
  });
});

describe('sipladder capture --list', () => {
  it('lists the interfaces with their state and addresses, the tool it would use and the default filter', async () => {
    const run = await runCapture(['--list']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^interface\s+state\s+description\s+addresses\n/);
    expect(run.out).toMatch(/\nlo\s+up\s+loopback\s+127\.0\.0\.1\/8/);
    expect(run.out).toMatch(/\nCapture tool: (dumpcap|tcpdump|none)/);
    const json = JSON.parse((await runCapture(['--list', '--json'])).out) as { interfaces: { name: string }[]; defaultFilter: string };
    expect(json.interfaces.map((i) => i.name)).toContain('lo');
    expect(json.defaultFilter).toMatch(/^port 5060 or /);
  });
});

describe('sipladder capture errors', () => {
  it('says which package to install when no capture tool is on PATH', async () => {
    const empty = mkdtempSync(join(tmp, 'empty-path-'));
    const run = await runCapture(['-i', 'lo'], { env: { PATH: empty } });
    expect(run.code).toBe(3);
    expect(run.err).toBe('sipladder capture: no capture tool found: sipladder captures through dumpcap or tcpdump, and neither is on PATH. ' +
      'Install one: sudo apt install wireshark-common (dumpcap; lets a group capture without root) or sudo apt install tcpdump.\n');
    const dumpcapOnly = await runCapture(['-i', 'lo', '--tool', 'dumpcap'], { env: { PATH: empty } });
    expect(dumpcapOnly.err).toMatch(/^sipladder capture: dumpcap was not found on PATH\. Install it: sudo apt install wireshark-common/);
  });

  for (const tool of ['dumpcap', 'tcpdump'] as const) {
    const path = findOnPath(tool);
    const setpriv = findOnPath('setpriv', { PATH: `${process.env.PATH}:/usr/bin:/bin` });
    const reason = path === undefined ? `${tool} is not installed`
      : IS_ROOT && setpriv === undefined ? 'setpriv (util-linux) is missing: cannot drop to an unprivileged user'
      : !IS_ROOT && tools.usable.includes(tool) ? `this user may capture with ${tool}: no refusal to show` : undefined;
    test(`explains how to grant capture rights when ${tool} is refused permission`, reason, async () => {
      let env: NodeJS.ProcessEnv = process.env;
      if (IS_ROOT) {
        // Run the real tool as `nobody`, as an ordinary user would: a wrapper earlier on PATH drops privileges.
        const dir = mkdtempSync(join(tmp, 'nobody-'));
        const wrapper = join(dir, tool);
        writeFileSync(wrapper, `#!/bin/sh\nexec ${setpriv} --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all --bounding-set=-all ${path} "$@"\n`);
        chmodSync(wrapper, 0o755);
        env = { ...process.env, PATH: `${dir}:${process.env.PATH}` };
      }
      const run = await runCapture(['-i', 'lo', '--tool', tool], { env });
      expect(run.code).toBe(3);
      expect(run.err).toMatch(new RegExp(`^sipladder capture: no permission to capture on lo with ${tool} \\(.*(permission|not permitted).*\\)\\. `));
      if (tool === 'dumpcap') expect(run.err).toMatch(/sudo usermod -aG wireshark \$USER.*sudo setcap cap_net_raw,cap_net_admin\+eip /);
      else expect(run.err).toMatch(/sudo setcap cap_net_raw,cap_net_admin\+eip .*sipladder capture -r -/);
      expect(run.err).not.toMatch(/Captured for/);
    });

    test(`reports ${tool}'s own words for a capture filter syntax error`, reasonFor(tool, false), async () => {
      const run = await runCapture(['-i', 'lo', '--tool', tool, '-f', 'port 5060 or']);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/^sipladder capture: the capture filter is not valid — \w+ says: .*syntax error.*man 7 pcap-filter/);
    });

    test(`says an interface does not exist and how to list them (${tool})`, reasonFor(tool, false), async () => {
      const run = await runCapture(['-i', 'nosuch0', '--tool', tool]);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/^sipladder capture: no interface nosuch0 \(.*\)\. `sipladder capture --list` shows the interfaces\.\n$/);
    });
  }

  const ip = findOnPath('ip', { PATH: `${process.env.PATH}:/usr/sbin:/sbin` });
  const vethReason = ((): string | undefined => {
    if (!IS_ROOT) return 'creating a network interface needs root';
    if (ip === undefined) return 'the ip command (iproute2) is missing';
    const probe = `slvprobe${process.pid % 10000}`;
    const r = spawnSync(ip, ['link', 'add', probe, 'type', 'veth', 'peer', 'name', `${probe}p`]);
    if (r.status !== 0) return `this kernel cannot create veth interfaces (${String(r.stderr).trim()})`;
    spawnSync(ip, ['link', 'del', probe]);
    return undefined;
  })();
  for (const tool of ['dumpcap', 'tcpdump'] as const) {
    test(`stops with a clear error when the interface vanishes mid-capture (${tool})`, reasonFor(tool, false) ?? vethReason, async () => {
      const name = `slv${tool[0]}${process.pid % 100000}`;
      spawnSync(ip!, ['link', 'add', name, 'type', 'veth', 'peer', 'name', `${name}p`]);
      spawnSync(ip!, ['link', 'set', name, 'up']);
      spawnSync(ip!, ['link', 'set', `${name}p`, 'up']);
      try {
        const run = await runCapture(['-i', name, '--tool', tool], {
          traffic: async () => {
            await sleep(300);
            spawnSync(ip!, ['link', 'del', name]);
          },
        });
        expect(run.ready).toBe(true);
        expect(run.code).toBe(3);
        expect(run.err).toMatch(/sipladder capture: the interface went away during the capture \(.*\): the capture stopped\.\n$/);
      } finally {
        if (existsSync(`/sys/class/net/${name}`)) spawnSync(ip!, ['link', 'del', name]);
      }
    });
  }

  it('refuses to overwrite --write FILE without --force, before starting any tool', async () => {
    const file = join(tmp, 'exists.pcapng');
    writeFileSync(file, 'keep me');
    const run = await runCapture(['-i', 'lo', '--write', file], { env: { PATH: '' } });
    expect([run.code, run.err]).toEqual([5, `sipladder capture: ${file} exists: add --force to overwrite it\n`]);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('rejects bad command lines with usage errors', async () => {
    expect((await runCapture([])).err).toMatch(/choose interfaces with -i/);
    expect((await runCapture(['-i', 'lo', '-r', '-'])).code).toBe(2);
    expect((await runCapture(['-i', 'lo', '--tool', 'wireshark'])).err).toMatch(/--tool: expected dumpcap or tcpdump/);
    expect((await runCapture(['-i', 'lo', '--limit-mb', 'lots'])).err).toMatch(/--limit-mb: expected a number > 0/);
    expect((await runCapture(['-i', 'lo', '--bogus'])).code).toBe(2);
  });
});

describe('sipladder capture -r (live output from a file or standard input)', () => {
  const calls = [
    { kind: 'answered' as const, callId: 'stdin-1', at: 0 },
    { kind: 'busy' as const, callId: 'stdin-2', at: 1 },
    { kind: 'register' as const, callId: 'stdin-3', at: 1.5 },
    { kind: 'unanswered' as const, callId: 'stdin-4', at: 9 },
  ];
  const bytes = testCallCapture(calls);

  it('prints each call as it completes from standard input, and a summary at its end', async () => {
    const stdin = Readable.from([bytes.subarray(0, 700), bytes.subarray(700)]);
    const run = await runCapture(['-r', '-'], { stdin });
    expect(run.code).toBe(0);
    const lines = run.out.trim().split('\n');
    expect(lines.map((l) => /^\d\d:\d\d:\d\d\.\d{3}  (\w+)\s+(\S+) .*\[(\S+)\]/.exec(l)!.slice(1))).toEqual([
      ['busy', '486', 'stdin-2'], ['answered', '200', 'stdin-1'], ['inProgress', '—', 'stdin-4'],
    ]);
    expect(run.err).toMatch(/^Read for 0:00:00 from standard input: 15 packets, 15 SIP messages\.\nCalls: 3 \(answered 1, busy 1, inProgress 1\); other dialogs and usages: 1\./);
  });

  it('saves what it read as a ring of files with --write --ring, the newest frames kept, each file readable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sipladder-capture-ring-'));
    const run = await runCapture(['-r', '-', '--write', join(dir, 'calls.pcap'), '--ring', '2', '--ring-mb', '0.002', '--quiet'], {
      stdin: Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]),
    });
    expect(run.code).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^calls_\d{5}_\d{14}\.pcap$/);
    const frames = files.map((f) => {
      const r = new CaptureReader();
      const batch = r.push(new Uint8Array(readFileSync(join(dir, f))));
      expect(batch.issues).toEqual([]);
      return batch.frames.length;
    });
    expect(frames.every((n) => n > 0)).toBe(true);
    expect(frames.reduce((a, b) => a + b, 0)).toBeLessThan(15);
    expect((await runCapture(['-r', '-', '--ring', '2'], { stdin: Readable.from([bytes]) })).code).toBe(2);
  });

  it('redraws a statistics line on a terminal, and erases it before printing calls and the summary', async () => {
    const err = Object.assign(collector(), { isTTY: true, columns: 120 });
    const out = collector();
    const code = await captureMain(['-r', '-'], { out, err, stdin: Readable.from([bytes]) });
    expect(code).toBe(0);
    expect(err.text).toMatch(/\r\u001b\[2K● standard input {2}0:00:00 {2}packets 15 {2}SIP 15 \([\d,]+\/s\) {2}calls 3 \+0 active {2}mem \d+ MiB\r\u001b\[2KRead for /);
  });

  it('writes JSON lines with --json (--all adds registrations) and reads files too', async () => {
    const file = join(tmp, 'calls.pcap');
    writeFileSync(file, bytes);
    const run = await runCapture(['-r', file, '--json', '--all']);
    const lines = run.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.event, l.kind, l.callIds, l.outcome])).toEqual([
      ['call', 'call', ['stdin-2'], 'busy'], ['call', 'call', ['stdin-1'], 'answered'],
      ['usage', 'registration', ['stdin-3'], 'registered'], ['call', 'call', ['stdin-4'], 'inProgress'], ['summary', undefined, undefined, undefined],
    ]);
    expect(lines[0]).toMatchObject({ id: 2, row: 2, closedBy: 'ended', updates: 0, method: 'INVITE', status: 486, start: '2024-03-01T10:00:01.000000Z' });
    expect(lines[3]).toMatchObject({ closedBy: 'end', outcome: 'inProgress' });
  });

  it('stops reading a standard input that never ends on Ctrl-C, and sums up what it read', async () => {
    const stdin = new PassThrough();
    stdin.write(bytes);
    const run = await runCapture(['-r', '-'], { stdin, interrupt: true, until: (events) => events.some((e) => e.type === 'records') });
    expect(run.code).toBe(0);
    expect(run.out.trim().split('\n')).toHaveLength(3);
    expect(run.err).toMatch(/^Captured for 0:00:00 from standard input: 15 packets, 15 SIP messages\./);
  });

  it('says so when the input is not a capture, or is a terminal', async () => {
    const run = await runCapture(['-r', '-'], { stdin: Readable.from([Buffer.from('\u0000\u0001 this is not a capture')]) });
    expect([run.code, run.err.split('\n').at(-2)]).toEqual([4, 'sipladder capture: standard input: not a capture this tool reads (expected pcap, pcapng, gzip of either, or plain SIP text)']);
    const tty = Object.assign(Readable.from([]), { isTTY: true });
    expect((await runCapture(['-r', '-'], { stdin: tty })).err).toMatch(/standard input, but it is a terminal/);
    expect((await runCapture(['-r', join(tmp, 'missing.pcap')])).code).toBe(3);
  });
});
