import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../src/shared/time.ts';
import { buildFlow } from './buildFlow.ts';
import { ipOfFrame } from './decodeFrameForTests.ts';
import { FLOW_SCENARIOS } from './scenarios.ts';
// What tshark 4.0.17 said about each scenario's capture (expected/README.md has the command).
import udpCallFrames from './expected/udp-call.frames.tsv?raw';
import udpCallSip from './expected/udp-call.sip.tsv?raw';
import tcpStreamFrames from './expected/tcp-stream.frames.tsv?raw';
import tcpStreamSip from './expected/tcp-stream.sip.tsv?raw';
import tcpGapFrames from './expected/tcp-gap.frames.tsv?raw';
import tcpGapSip from './expected/tcp-gap.sip.tsv?raw';
import ipv4FragmentsFrames from './expected/ipv4-fragments.frames.tsv?raw';
import ipv4FragmentsSip from './expected/ipv4-fragments.sip.tsv?raw';
import ipv6Frames from './expected/ipv6.frames.tsv?raw';
import ipv6Sip from './expected/ipv6.sip.tsv?raw';
import websocketFrames from './expected/websocket.frames.tsv?raw';
import websocketSip from './expected/websocket.sip.tsv?raw';
import hep3Frames from './expected/hep3.frames.tsv?raw';
import hep3Sip from './expected/hep3.sip.tsv?raw';
import sctpFrames from './expected/sctp.frames.tsv?raw';
import sctpSip from './expected/sctp.sip.tsv?raw';
import linksPcapngFrames from './expected/links-pcapng.frames.tsv?raw';
import linksPcapngSip from './expected/links-pcapng.sip.tsv?raw';
import injectedFrames from './expected/injected.frames.tsv?raw';
import injectedSip from './expected/injected.sip.tsv?raw';

const EXPECTED: Record<string, { frames: string; sip: string }> = {
  'udp-call': { frames: udpCallFrames, sip: udpCallSip },
  'tcp-stream': { frames: tcpStreamFrames, sip: tcpStreamSip },
  'tcp-gap': { frames: tcpGapFrames, sip: tcpGapSip },
  'ipv4-fragments': { frames: ipv4FragmentsFrames, sip: ipv4FragmentsSip },
  'ipv6': { frames: ipv6Frames, sip: ipv6Sip },
  'websocket': { frames: websocketFrames, sip: websocketSip },
  'hep3': { frames: hep3Frames, sip: hep3Sip },
  'sctp': { frames: sctpFrames, sip: sctpSip },
  'links-pcapng': { frames: linksPcapngFrames, sip: linksPcapngSip },
  'injected': { frames: injectedFrames, sip: injectedSip },
};

/** TSV with a header line → one record per row, keyed by tshark field name. */
function parseTsv(text: string): Record<string, string>[] {
  const [header, ...rows] = text.replace(/\n+$/, '').split('\n');
  const keys = header!.split('\t');
  return rows.map((row) => Object.fromEntries(row.split('\t').map((v, i) => [keys[i]!, v])));
}

/** Wireshark's WTAP_ENCAP numbers for the LINKTYPEs the builder writes. */
const WTAP_ENCAP: Record<number, string> = { 0: '15', 1: '1', 101: '7', 113: '25', 276: '210' };

/** Checksums tshark is expected to call bad (0) or unverifiable (2), by scenario and frame. */
const EXPECTED_BAD_CHECKSUMS: Record<string, Record<number, Record<string, string>>> = {
  injected: { 3: { 'ip.checksum.status': '0' }, 4: { 'udp.checksum.status': '2' } },
};

const firstLine = (payload: Uint8Array): string => new TextDecoder().decode(payload).split(/\r?\n/, 1)[0]!;

describe('the builder against what tshark decoded', () => {
  it('has expected data for every scenario', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(FLOW_SCENARIOS.map((s) => s.name).sort());
  });

  for (const scenario of FLOW_SCENARIOS) {
    describe(scenario.name, () => {
      const built = buildFlow(scenario.flow);
      const expected = EXPECTED[scenario.name]!;
      const frameRows = parseTsv(expected.frames);
      const sipRows = parseTsv(expected.sip);

      it('writes the frames tshark saw: count, lengths, times, interfaces, comments', () => {
        expect(frameRows.length).toBe(built.frames.length);
        frameRows.forEach((row, i) => {
          const f = built.frames[i]!;
          expect(row['frame.number']).toBe(String(f.number));
          expect(row['frame.len']).toBe(String(f.originalLength));
          expect(row['frame.cap_len']).toBe(String(f.data.length));
          expect(row['frame.time_epoch']).toBe(formatTimestamp(f.timestamp, 9));
          expect(row['frame.encap_type']).toBe(WTAP_ENCAP[f.linkType]);
          if (built.format === 'pcapng') expect(row['frame.interface_id']).toBe(String(f.interfaceId));
          expect(row['frame.comment']).toBe(f.comment ?? '');
        });
      });

      it('writes the VLAN tags tshark saw', () => {
        frameRows.forEach((row, i) => {
          const f = built.frames[i]!;
          if (f.linkType !== 1) return;
          const seen = [row['ieee8021ad.id'], row['vlan.id']].filter((v) => v !== '').join('|');
          expect(seen).toBe(ipOfFrame(f.data, 1).vlanIds.join('|'));
        });
      });

      it('gets every checksum tshark verified right', () => {
        const bad = EXPECTED_BAD_CHECKSUMS[scenario.name] ?? {};
        for (const row of frameRows) {
          for (const key of ['ip.checksum.status', 'udp.checksum.status', 'tcp.checksum.status', 'sctp.checksum.status']) {
            const value = row[key]!;
            const allowed = bad[Number(row['frame.number'])]?.[key];
            expect(`${row['frame.number']} ${key} ${value}`).toBe(`${row['frame.number']} ${key} ${allowed ?? (value === '' ? '' : '1')}`);
          }
        }
      });

      it('completes each SIP message in the frame where tshark decoded it', () => {
        const sipMessages = built.messages.filter((m) => {
          const step = scenario.flow.messages[m.index]!;
          return 'text' in step && m.completedIn !== undefined;
        });
        const byFrame = new Map<number, string[]>();
        for (const m of sipMessages) byFrame.set(m.completedIn!, [...(byFrame.get(m.completedIn!) ?? []), firstLine(m.payload)]);
        const decoded = sipRows.filter((r) => r['sip.Request-Line'] !== '' || r['sip.Status-Line'] !== '');
        expect(decoded.map((r) => Number(r['frame.number']))).toEqual([...byFrame.keys()].sort((a, b) => a - b));
        for (const row of decoded) {
          const lines = [row['sip.Request-Line'], row['sip.Status-Line']].filter((v) => v !== '').join('|');
          expect(lines).toBe(byFrame.get(Number(row['frame.number']))!.join('|'));
        }
        // Rows where tshark saw SIP but no start line are bytes of a message the capture never completes.
        const incomplete = built.messages.filter((m) => m.completedIn === undefined).flatMap((m) => m.frames);
        for (const row of sipRows.filter((r) => !decoded.includes(r))) expect(incomplete).toContain(Number(row['frame.number']));
      });

      it('puts the original message time inside HEP packets', () => {
        for (const row of sipRows.filter((r) => r['hep3t.ts_sec'] !== '')) {
          const m = built.messages.find((x) => x.completedIn === Number(row['frame.number']))!;
          const at = scenario.flow.messages[m.index]!.at!;
          expect(Number(row['hep3t.ts_sec']) + Number(row['hep3t.ts_usec']) / 1e6).toBeCloseTo(Date.parse('2024-03-01T10:00:00Z') / 1000 + at, 6);
        }
      });
    });
  }
});
