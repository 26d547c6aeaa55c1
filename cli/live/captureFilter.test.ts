/**
 * The default capture filter, run by the real tcpdump over a built capture (`tcpdump -r FILE -w - FILTER`,
 * no privileges needed): SIP on its ports and on any UDP port, every IPv4 and IPv6 fragment (the later ones
 * carry no ports), and nothing else.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureReader } from '../../core/src/capture/captureReader.ts';
import { buildFlow } from '../../core/testkit/flow/buildFlow.ts';
import { callTexts } from '../../core/testkit/flow/sampleCall.ts';
import { DEFAULT_CAPTURE_FILTER } from './captureFilter.ts';
import { findOnPath } from './captureTool.ts';

const TCPDUMP = findOnPath('tcpdump');
const tmp = mkdtempSync(join(tmpdir(), 'sipladder-filter-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const v4 = callTexts({ caller: '192.0.2.10:7000', callee: '192.0.2.30:7002', via: 'UDP', callId: 'f4', padding: 40 });
const v6 = callTexts({ caller: '[2001:db8::10]:7000', callee: '[2001:db8::30]:7002', via: 'UDP', callId: 'f6', padding: 40 });

/** Each step names whether the filter must keep its frames. */
const steps = [
  { keep: true, m: { from: '192.0.2.10:7000', to: '192.0.2.30:7002', text: v4.invite, fragment: 576 } }, // SIP off-port, fragmented
  { keep: true, m: { from: '[2001:db8::10]:7000', to: '[2001:db8::30]:7002', text: v6.invite, fragment: 576 } }, // IPv6 fragments
  { keep: true, m: { from: '192.0.2.30:7002', to: '192.0.2.10:7000', text: v4.ringing } }, // SIP response on any UDP port
  { keep: true, m: { from: '192.0.2.10:5060', to: '192.0.2.30:5060', text: v4.bye, transport: 'tcp' as const } }, // TCP on 5060
  { keep: true, m: { from: '[2001:db8::10]:5080', to: '[2001:db8::30]:5080', text: v6.bye } }, // IPv6 on a SIP port
  { keep: false, m: { from: '192.0.2.10:7000', to: '192.0.2.30:7002', bytes: '80 00 00 01 00 00 00 00 de ad be ef' } }, // RTP-like
  { keep: false, m: { from: '192.0.2.10:40000', to: '192.0.2.30:8080', text: v4.bye, transport: 'tcp' as const } }, // TCP off-port
];

describe('the default capture filter', () => {
  const reason = TCPDUMP === undefined ? 'tcpdump is not installed (Debian package tcpdump)' : undefined;
  if (reason) console.log(`skipped: the default capture filter test — ${reason}`);
  it.skipIf(reason !== undefined)('keeps SIP on any UDP port and on SIP ports, and every IP fragment; drops other traffic', () => {
    const built = buildFlow({ nodes: {}, messages: steps.map((s, i) => ({ ...s.m, at: i })) });
    const file = join(tmp, 'mixed.pcap');
    writeFileSync(file, built.bytes);
    const result = spawnSync(TCPDUMP!, ['-r', file, '-w', '-', DEFAULT_CAPTURE_FILTER], { maxBuffer: 1 << 24 });
    expect(result.status, String(result.stderr)).toBe(0);
    const reader = new CaptureReader();
    const kept = [...reader.push(new Uint8Array(result.stdout)).frames, ...reader.end().frames];
    const expected = built.frames.filter((f) => steps[f.messageIndex]!.keep);
    expect(kept.map((f) => Buffer.from(f.data).toString('hex'))).toEqual(expected.map((f) => Buffer.from(f.data).toString('hex')));
    // The fragmented INVITEs really were fragmented (several frames each).
    expect(built.frames.filter((f) => f.messageIndex === 0).length).toBeGreaterThan(2);
    expect(built.frames.filter((f) => f.messageIndex === 1).length).toBeGreaterThan(2);
  });

  it('is a BPF expression of ports, UDP payload starts and fragment tests', () => {
    expect(DEFAULT_CAPTURE_FILTER).toMatch(/^port 5060 or port 5061 or .* or port 9060 or \(udp and \(udp\[8:4\] = 0x5349502f or udp\[8:4\] = 0x494e5649 or /);
    expect(DEFAULT_CAPTURE_FILTER.endsWith(' or (ip[6:2] & 0x3fff != 0) or (ip6 and ip6[6] = 44)')).toBe(true);
  });
});
