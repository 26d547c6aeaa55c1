/**
 * What the tools print (recorded from dumpcap 4.0.17 and tcpdump 4.99.3 on Debian 12) turned into actionable
 * errors and drop counts.
 */
import { describe, expect, it } from 'vitest';
import { classifyToolFailure } from './captureError.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dumpcapArguments, tcpdumpArguments, tcpdumpBufferMiB } from './captureTool.ts';
import { parseDumpcapDrops, parseTcpdumpDrops } from './toolStats.ts';

const DUMPCAP_PERMISSION = `Capturing on 'Loopback: lo'
dumpcap: You do not have permission to capture on device "lo".
(socket: Operation not permitted)
Please check to make sure you have sufficient permissions.
`;
const TCPDUMP_PERMISSION = "tcpdump: lo: You don't have permission to perform this capture on that device\n(socket: Operation not permitted)\n";
const DUMPCAP_FILTER = `Capturing on 'Loopback: lo'
dumpcap: Invalid capture filter "port 5060 or" for interface 'lo'.

That string isn't a valid capture filter (can't parse filter expression: syntax error).
See the User's Guide for a description of the capture filter syntax.
`;
const TCPDUMP_FILTER = "tcpdump: can't parse filter expression: syntax error\n";
const DUMPCAP_NO_DEVICE = `Capturing on 'nosuch0'\ndumpcap: There is no device named "nosuch0".\n(No such device exists)\n`;
const TCPDUMP_NO_DEVICE = 'tcpdump: nosuch0: No such device exists\n(No such device exists)\n';
const DUMPCAP_VANISHED = `Capturing on 'vx0'
File: -
dumpcap: The network adapter "vx0" is no longer attached; the capture has stopped.
Packets captured: 4
Packets received/dropped on interface 'vx0': 4/0 (pcap:0/dumpcap:0/flushed:0/ps_ifdrop:0) (100.0%)
`;
const TCPDUMP_VANISHED = `tcpdump: listening on vx1, link-type EN10MB (Ethernet), snapshot length 262144 bytes
tcpdump: pcap_loop: The interface disappeared
4 packets captured
4 packets received by filter
0 packets dropped by kernel
`;

describe('capture tool failures', () => {
  it('tells how to grant capture rights, per tool', () => {
    const d = classifyToolFailure('dumpcap', '/usr/bin/dumpcap', ['lo'], DUMPCAP_PERMISSION, 1);
    expect([d.kind, d.exitCode]).toEqual(['permission', 3]);
    expect(d.message).toBe('no permission to capture on lo with dumpcap (You do not have permission to capture on device "lo".). ' +
      'To let your user capture without root (sipladder itself never needs root): sudo dpkg-reconfigure wireshark-common (answer Yes), ' +
      'then sudo usermod -aG wireshark $USER and log in again; or give dumpcap the capabilities directly: sudo setcap cap_net_raw,cap_net_admin+eip /usr/bin/dumpcap.');
    const t = classifyToolFailure('tcpdump', '/usr/bin/tcpdump', ['lo'], TCPDUMP_PERMISSION, 1);
    expect(t.kind).toBe('permission');
    expect(t.message).toMatch(/^no permission to capture on lo with tcpdump \(lo: You don't have permission to perform this capture on that device\)\. .*sudo setcap cap_net_raw,cap_net_admin\+eip \/usr\/bin\/tcpdump/);
  });

  it("quotes the tool's words for a filter syntax error", () => {
    const d = classifyToolFailure('dumpcap', '/usr/bin/dumpcap', ['lo'], DUMPCAP_FILTER, 1);
    expect([d.kind, d.exitCode]).toEqual(['bad-filter', 2]);
    expect(d.message).toBe('the capture filter is not valid — dumpcap says: Invalid capture filter "port 5060 or" for interface \'lo\'. ' +
      "That string isn't a valid capture filter (can't parse filter expression: syntax error). " +
      'Capture filters use the pcap-filter syntax (man 7 pcap-filter), e.g. -f "port 5060 or port 5061".');
    expect(classifyToolFailure('tcpdump', 'tcpdump', ['lo'], TCPDUMP_FILTER, 1).message).toMatch(/^the capture filter is not valid — tcpdump says: can't parse filter expression: syntax error\. /);
  });

  it('names a missing interface and points at --list', () => {
    for (const [tool, text] of [['dumpcap', DUMPCAP_NO_DEVICE], ['tcpdump', TCPDUMP_NO_DEVICE]] as const) {
      const e = classifyToolFailure(tool, tool, ['nosuch0'], text, 1);
      expect([e.kind, e.exitCode]).toEqual(['no-such-interface', 2]);
      expect(e.message).toMatch(/^no interface nosuch0 \(.+\)\. `sipladder capture --list` shows the interfaces\.$/);
    }
  });

  it('recognises an interface that went away, even when the tool exits 0', () => {
    expect(classifyToolFailure('dumpcap', 'dumpcap', ['vx0'], DUMPCAP_VANISHED, 0).message)
      .toBe('the interface went away during the capture (The network adapter "vx0" is no longer attached; the capture has stopped.): the capture stopped.');
    expect(classifyToolFailure('tcpdump', 'tcpdump', ['vx1'], TCPDUMP_VANISHED, 1).kind).toBe('interface-vanished');
  });

  it('falls back to the last lines of anything else', () => {
    const e = classifyToolFailure('tcpdump', 'tcpdump', ['eth0'], 'tcpdump: something odd\nreally odd\n', 2);
    expect([e.kind, e.message]).toEqual(['tool-failed', 'tcpdump stopped unexpectedly (exit 2): tcpdump: something odd / really odd']);
  });
});

describe('drop counts on stderr', () => {
  it("reads tcpdump's SIGUSR1 line and its three-line final report", () => {
    expect(parseTcpdumpDrops('tcpdump: 120 packets captured, 130 packets received by filter, 10 packets dropped by kernel')).toEqual({ received: 130, dropped: 10 });
    expect(parseTcpdumpDrops('0 packets dropped by kernel')).toEqual({ dropped: 0 });
    expect(parseTcpdumpDrops('5 packets dropped by kernel, 2 packets dropped by interface')).toEqual({ dropped: 7 });
    expect(parseTcpdumpDrops('4 packets captured')).toBeUndefined();
  });

  it("reads dumpcap's per-interface report", () => {
    expect(parseDumpcapDrops(DUMPCAP_VANISHED)).toEqual([{ name: 'vx0', received: 4, dropped: 0 }]);
    expect(parseDumpcapDrops("Packets received/dropped on interface 'Loopback: lo': 1000/12 (pcap:12/dumpcap:0/flushed:0/ps_ifdrop:0) (98.8%)"))
      .toEqual([{ name: 'Loopback: lo', received: 1000, dropped: 12 }]);
  });
});

describe('capture tool command lines', () => {
  it('gives dumpcap the filter and buffer before the interfaces (so they apply to all) and writes pcapng to stdout', () => {
    expect(dumpcapArguments(['eth0', 'lo'], 'port 5060')).toEqual(['-n', '-q', '-B', '16', '-f', 'port 5060', '-t', '-i', 'eth0', '-i', 'lo', '-w', '-']);
    expect(dumpcapArguments(['lo'], '')).toEqual(['-n', '-q', '-B', '16', '-i', 'lo', '-w', '-']);
  });

  it('runs tcpdump in immediate mode with a 16 MiB buffer, flushing each packet', () => {
    expect(tcpdumpArguments('eth0', 'port 5060')).toEqual(['--immediate-mode', '-B', '16384', '-U', '-s', '0', '-w', '-', '-i', 'eth0', 'port 5060']);
    expect(tcpdumpArguments('lo', '', 64)).toEqual(['--immediate-mode', '-B', '65536', '-U', '-s', '0', '-w', '-', '-i', 'lo']);
  });

  it('gives tcpdump 64 MiB on interfaces with a large MTU (loopback), where ring slots are 64 KiB each', () => {
    const sys = mkdtempSync(join(tmpdir(), 'sipladder-mtu-'));
    try {
      for (const [name, mtu] of [['lo', 65536], ['eth0', 1500], ['jumbo0', 9000]] as const) {
        mkdirSync(join(sys, name));
        writeFileSync(join(sys, name, 'mtu'), `${mtu}\n`);
      }
      expect(['lo', 'eth0', 'jumbo0', 'missing0', 'any'].map((i) => tcpdumpBufferMiB(i, sys))).toEqual([64, 16, 16, 16, 64]);
    } finally {
      rmSync(sys, { recursive: true, force: true });
    }
  });
});
