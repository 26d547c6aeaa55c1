/**
 * Flows that exercise every wire feature of the builder. Each was built and decoded with tshark; what
 * tshark said is stored in expected/<name>.frames.tsv and .sip.tsv (see expected/README.md), and
 * oracle.test.ts checks the builder still produces exactly what tshark confirmed.
 */
import type { FlowDescription } from './flowTypes.ts';
import { callTexts } from './sampleCall.ts';

export interface FlowScenario {
  readonly name: string;
  readonly purpose: string;
  readonly flow: FlowDescription;
}

const v4 = { alice: '192.0.2.10:5060', bob: '192.0.2.30:5060' };
const call = callTexts({ caller: '192.0.2.10:5060', callee: '192.0.2.30:5060', via: 'UDP', callId: 'a84b4c76e66710@pc33.atlanta.example.com' });
const tcpCall = callTexts({ caller: '192.0.2.10:5060', callee: '192.0.2.30:5060', via: 'TCP', callId: 'tcp-1@pc33.atlanta.example.com', padding: 4 });
const bigCall = callTexts({ caller: '192.0.2.10:5060', callee: '192.0.2.30:5060', via: 'UDP', callId: 'frag-4@pc33.atlanta.example.com', padding: 30 });
const v6Call = callTexts({ caller: '[2001:db8::10]:5060', callee: '[2001:db8::30]:5060', via: 'UDP', callId: 'v6-6@pc33.atlanta.example.com', padding: 30 });
const wsCall = callTexts({ caller: 'df7jal23ls0d.invalid', callee: '192.0.2.30:80', via: 'WS', callId: 'ws-1@df7jal23ls0d.invalid', padding: 2 });
const sctpCall = callTexts({ caller: '192.0.2.10:5060', callee: '192.0.2.30:5060', via: 'SCTP', callId: 'sctp-1@pc33.atlanta.example.com' });

export const FLOW_SCENARIOS: readonly FlowScenario[] = [
  {
    name: 'udp-call',
    purpose: 'A whole call over UDP/IPv4/Ethernet, default times and format',
    flow: {
      nodes: v4,
      messages: [
        { from: 'alice', to: 'bob', at: 0, text: call.invite },
        { from: 'bob', to: 'alice', at: 0.01, text: call.trying },
        { from: 'bob', to: 'alice', at: 0.05, text: call.ringing },
        { from: 'bob', to: 'alice', at: 1.2, text: call.ok },
        { from: 'alice', to: 'bob', at: 1.21, text: call.ack },
        { from: 'alice', to: 'bob', at: 5, text: call.bye },
        { from: 'bob', to: 'alice', at: 5.02, text: call.byeOk },
      ],
    },
  },
  {
    name: 'tcp-stream',
    purpose: 'TCP handshake, a segmented INVITE, two responses coalesced in one segment, a retransmitted and a reordered segment',
    flow: {
      nodes: v4,
      transport: 'tcp',
      messages: [
        { from: 'alice', to: 'bob', at: 0, text: tcpCall.invite, segments: [300, 200] },
        { from: 'bob', to: 'alice', at: 0.01, text: tcpCall.trying, coalesceWithNext: true },
        { from: 'bob', to: 'alice', text: tcpCall.ringing },
        { from: 'bob', to: 'alice', at: 1.2, text: tcpCall.ok, segments: [100, 100], reorder: [1, 0, 2] },
        { from: 'alice', to: 'bob', at: 1.21, text: tcpCall.ack, duplicate: 0 },
      ],
    },
  },
  {
    name: 'tcp-gap',
    purpose: 'A TCP segment missing from the capture (dropSegment) in the middle of a message, then a whole message',
    flow: {
      nodes: v4,
      transport: 'tcp',
      messages: [
        { from: 'alice', to: 'bob', at: 0, text: tcpCall.invite, segments: [200, 200], dropSegment: 1 },
        { from: 'alice', to: 'bob', at: 0.5, text: tcpCall.bye },
      ],
    },
  },
  {
    name: 'ipv4-fragments',
    purpose: 'A UDP INVITE fragmented at MTU 576, fragments reordered, one fragment duplicated; VLAN 100',
    flow: {
      nodes: v4,
      vlan: 100,
      messages: [
        { from: 'alice', to: 'bob', at: 0, text: bigCall.invite, fragment: 576, reorder: [2, 0, 1], duplicate: 1 },
        { from: 'bob', to: 'alice', at: 0.01, text: bigCall.trying },
      ],
    },
  },
  {
    name: 'ipv6',
    purpose: 'IPv6 UDP with fragment headers (MTU 600), and IPv6 TCP; QinQ 100/200; nanosecond pcap',
    flow: {
      nodes: { alice: '[2001:db8::10]:5060', bob: '[2001:db8::30]:5060' },
      vlan: [100, 200],
      nanosecond: true,
      messages: [
        { from: 'alice', to: 'bob', at: 0.000000001, text: v6Call.invite, fragment: 600 },
        { from: 'bob', to: 'alice', at: 0.010000002, text: v6Call.trying },
        { from: 'alice', to: 'bob', at: 2, transport: 'tcp', text: v6Call.bye.replace('SIP/2.0/UDP', 'SIP/2.0/TCP'), segments: [150] },
      ],
    },
  },
  {
    name: 'websocket',
    purpose: 'SIP over WebSocket: TCP and HTTP Upgrade handshakes, masked client frames, a message split in WS frames and TCP segments',
    flow: {
      nodes: { alice: '192.0.2.10:50123', proxy: '192.0.2.30:80' },
      transport: 'ws',
      messages: [
        { from: 'alice', to: 'proxy', at: 0, text: wsCall.invite, wsFrames: [200], segments: [150] },
        { from: 'proxy', to: 'alice', at: 0.01, text: wsCall.trying },
        { from: 'proxy', to: 'alice', at: 0.8, text: wsCall.ok },
        { from: 'alice', to: 'proxy', at: 0.81, text: wsCall.ack },
      ],
    },
  },
  {
    name: 'hep3',
    purpose: 'HEPv3 over UDP and over TCP (segmented) to a collector; IPv4 and IPv6 inner addresses',
    flow: {
      nodes: { ...v4, carol: '[2001:db8::44]:5060', dave: '[2001:db8::45]:5070' },
      messages: [
        { from: 'alice', to: 'bob', at: 0, transport: 'hep3', text: call.invite },
        { from: 'bob', to: 'alice', at: 0.01, transport: 'hep3', text: call.trying },
        { from: 'carol', to: 'dave', at: 0.02, transport: 'hep3-tcp', text: v6Call.invite, segments: [400] },
        { from: 'dave', to: 'carol', at: 0.03, transport: 'hep3-tcp', text: v6Call.trying },
      ],
    },
  },
  {
    name: 'sctp',
    purpose: 'SIP over SCTP DATA chunks: single, split over two packets, two bundled in one packet',
    flow: {
      nodes: v4,
      transport: 'sctp',
      messages: [
        { from: 'alice', to: 'bob', at: 0, text: sctpCall.invite },
        { from: 'bob', to: 'alice', at: 0.01, text: sctpCall.trying, coalesceWithNext: true },
        { from: 'bob', to: 'alice', text: sctpCall.ringing },
        { from: 'bob', to: 'alice', at: 1, text: sctpCall.ok, segments: [300] },
      ],
    },
  },
  {
    name: 'links-pcapng',
    purpose: 'pcapng with one interface per link type (Ethernet, SLL, SLL2, raw, null), 9-digit timestamps and comments',
    flow: {
      nodes: v4,
      format: 'pcapng',
      nanosecond: true,
      comment: 'sipladder testkit: link types',
      messages: [
        { from: 'alice', to: 'bob', at: 0.123456789, text: call.invite, comment: 'INVITE over Ethernet' },
        { from: 'bob', to: 'alice', link: 'sll', text: call.trying },
        { from: 'bob', to: 'alice', link: 'sll2', text: call.ringing },
        { from: 'bob', to: 'alice', link: 'raw', text: call.ok },
        { from: 'alice', to: 'bob', link: 'null', text: call.ack },
      ],
    },
  },
  {
    name: 'injected',
    purpose: 'Raw frames: an ARP request, an RTP packet as UDP payload, an IP packet of garbage, a truncated (snaplen) SIP frame, and malformed SIP',
    flow: {
      nodes: { ...v4, alice_rtp: '192.0.2.10:49172', bob_rtp: '192.0.2.30:3456' },
      messages: [
        {
          at: 0,
          frame: `ff ff ff ff ff ff 02 00 c0 00 02 0a 08 06   # Ethernet broadcast, ARP
                  00 01 08 00 06 04 00 01 02 00 c0 00 02 0a c0 00 02 0a   # request from 192.0.2.10
                  00 00 00 00 00 00 c0 00 02 1e                           # who has 192.0.2.30`,
        },
        { from: 'alice_rtp', to: 'bob_rtp', at: 0.1, bytes: '80 00 00 01 00 00 00 a0 12 34 56 78' + ' d5'.repeat(160) },
        { at: 0.2, ip: '45 00 00 18 00 01 00 00 40 fd 00 00 c0 00 02 0a c0 00 02 1e de ad be ef' },
        { from: 'alice', to: 'bob', at: 0.3, text: call.invite, truncate: 200 },
        { from: 'alice', to: 'bob', at: 0.4, text: call.bye.replace('\n', '\nContent-Length: 99\n'), keepContentLength: true },
        { from: 'bob', to: 'alice', at: 0.5, rawText: true, text: 'SIP/2.0 200 OK\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKnashds10\nCall-ID: a84b4c76e66710@pc33.atlanta.example.com\nCSeq: 314160 BYE\nContent-Length: 0\n\n' },
      ],
    },
  },
];
