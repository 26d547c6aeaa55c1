/**
 * Test helper for the live-capture tests (and the soak benchmark's ideas): free loopback ports, sipp as UAS and
 * UAC on 127.0.0.1 only, bounded in calls and time, and what this machine can do (tools present, capture rights).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath } from './captureTool.ts';

export const SIPP = findOnPath('sipp');
export const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

/** Tools that are installed and can capture on `lo` here (root, or granted rights), with the reason for the others. */
export function captureTools(): { usable: ('dumpcap' | 'tcpdump')[]; reasons: string[] } {
  const usable: ('dumpcap' | 'tcpdump')[] = [];
  const reasons: string[] = [];
  for (const tool of ['dumpcap', 'tcpdump'] as const) {
    const path = findOnPath(tool);
    if (path === undefined) {
      reasons.push(`${tool} is not installed`);
      continue;
    }
    if (IS_ROOT || canCapture(tool, path)) usable.push(tool);
    else reasons.push(`${tool} may not capture here (not root, no capture rights granted)`);
  }
  return { usable, reasons };
}

/** A short probe: a permission error shows at once; a tool still running after 1.5 s is capturing. */
function canCapture(tool: 'dumpcap' | 'tcpdump', path: string): boolean {
  const args = tool === 'dumpcap' ? ['-i', 'lo', '-q', '-a', 'duration:1', '-w', '/dev/null'] : ['-i', 'lo', '-c', '1', '-w', '/dev/null'];
  const r = spawnSync(path, args, { timeout: 1500, encoding: 'utf8' });
  return !/permission|not permitted/i.test(r.stderr ?? '');
}

/** A port free for both UDP and TCP on 127.0.0.1. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 40000);
    if ((await tcpFree(port)) && (await udpFree(port))) return port;
  }
  throw new Error('no free port found');
}

function tcpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

export interface SippRun {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Runs sipp in its own temporary directory (it writes logs there), on loopback only. */
export function runSipp(args: readonly string[], timeoutMs: number): SippRun {
  const dir = mkdtempSync(join(tmpdir(), 'sipladder-sipp-'));
  const child = spawn(SIPP!, [...args, '-nostdin', '-timeout', `${Math.ceil(timeoutMs / 1000)}s`, '-timeout_error'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20000)));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => {
    rmSync(dir, { recursive: true, force: true });
    resolve(code);
  }));
  const kill = setTimeout(() => child.kill('SIGKILL'), timeoutMs + 5000);
  void exited.then(() => clearTimeout(kill));
  return {
    child, exited, output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export function sippUas(port: number, transport: 'udp' | 'tcp', timeoutMs = 30_000): SippRun {
  return runSipp(['-sn', 'uas', '-i', '127.0.0.1', '-p', String(port), '-t', transport === 'tcp' ? 't1' : 'u1'], timeoutMs);
}

export function sippUac(serverPort: number, clientPort: number, transport: 'udp' | 'tcp', calls: number, ratePerSecond: number, timeoutMs = 30_000): SippRun {
  return runSipp(['-sn', 'uac', `127.0.0.1:${serverPort}`, '-i', '127.0.0.1', '-p', String(clientPort), '-t', transport === 'tcp' ? 't1' : 'u1',
    '-m', String(calls), '-r', String(ratePerSecond)], timeoutMs);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `done()` holds or the time is up; returns whether it held. */
export async function waitFor(done: () => boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) return false;
    await sleep(stepMs);
  }
  return true;
}
