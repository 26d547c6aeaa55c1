import { describe, expect, it } from 'vitest';
import { buildFlow } from './buildFlow.ts';
import { buildFlowFile } from './buildFlowFile.ts';
import { parseFlowText } from './parseFlowText.ts';

const FLOW = `# a comment
node alice 192.0.2.10:5060
node bob   192.0.2.30:5060
start 2024-05-01T08:00:00Z
link ethernet
vlan 100
format pcapng
nanosecond
hep collector=198.51.100.9:9060 agentId=7
comment two messages

--- alice -> bob tcp @0.5 segments=100,50 comment="first one"
INVITE sip:bob@biloxi.example.com SIP/2.0
CSeq: 1 INVITE

v=0

--- bob -> alice @0.6 coalesceWithNext keepContentLength
SIP/2.0 100 Trying
Content-Length: 3
--- bob -> alice
SIP/2.0 180 Ringing
--- frame @1 link=raw
45 00 # not a whole packet
--- alice -> bob udp hex fragment=576 vlan=10,20 reorder=0 duplicate=0 dropSegment=0 truncate=64
80 00 00 01
`;

describe('parseFlowText', () => {
  it('reads directives, arrow lines with options, and message bodies', () => {
    const flow = parseFlowText(FLOW);
    expect(flow.nodes).toEqual({ alice: '192.0.2.10:5060', bob: '192.0.2.30:5060' });
    expect([flow.start, flow.link, flow.vlan, flow.format, flow.nanosecond, flow.comment]).toEqual([
      '2024-05-01T08:00:00Z', 'ethernet', [100], 'pcapng', true, 'two messages',
    ]);
    expect(flow.hep).toEqual({ collector: '198.51.100.9:9060', agentId: 7 });
    expect(flow.messages[0]).toEqual({
      from: 'alice', to: 'bob', transport: 'tcp', at: 0.5, segments: [100, 50], comment: 'first one',
      text: 'INVITE sip:bob@biloxi.example.com SIP/2.0\nCSeq: 1 INVITE\n\nv=0\n',
    });
    expect(flow.messages[1]).toEqual({
      from: 'bob', to: 'alice', at: 0.6, coalesceWithNext: true, keepContentLength: true, text: 'SIP/2.0 100 Trying\nContent-Length: 3\n',
    });
    expect(flow.messages[3]).toEqual({ at: 1, link: 'raw', frame: '45 00 # not a whole packet\n' });
    expect(flow.messages[4]).toEqual({
      from: 'alice', to: 'bob', transport: 'udp', fragment: 576, vlan: [10, 20], reorder: [0], duplicate: [0], dropSegment: [0], truncate: 64,
      bytes: '80 00 00 01\n',
    });
  });

  it('builds the same capture from text, from JSON and from the typed description', () => {
    const flow = parseFlowText(FLOW);
    const fromText = buildFlowFile(FLOW);
    expect(fromText.bytes).toEqual(buildFlow(flow).bytes);
    expect(buildFlowFile(JSON.stringify(flow)).bytes).toEqual(fromText.bytes);
    expect(fromText.frames.length).toBeGreaterThan(5);
  });

  it('keeps a rawText body exactly, trailing empty lines included', () => {
    const flow = parseFlowText('node a 192.0.2.1:1\nnode b 192.0.2.2:2\n--- a -> b rawText\nX\n\n');
    expect(flow.messages[0]).toEqual({ from: 'a', to: 'b', rawText: true, text: 'X\n\n' });
  });

  it('names the line of a truncated arrow line', () => {
    expect(() => parseFlowText('node a 192.0.2.1:1\n--- a ->\nINVITE')).toThrow(/line 2: expected "--- from -> to/);
    expect(() => parseFlowText('node a\n')).toThrow(/line 1: node needs a name and an address/);
  });

  it('rejects garbage directives and options', () => {
    expect(() => parseFlowText('frobnicate 3\n')).toThrow(/line 1: unknown directive "frobnicate"/);
    expect(() => parseFlowText('--- a -> b sideways\nX')).toThrow(/unknown option "sideways"/);
    expect(() => parseFlowText('--- a -> b segments=1,x\nX')).toThrow(/not a list of numbers/);
    expect(() => parseFlowText('--- a -> b @soon\nX')).toThrow(/bad time/);
    expect(() => buildFlowFile('{ "nodes": ')).toThrow(/flow JSON does not parse/);
  });
});
