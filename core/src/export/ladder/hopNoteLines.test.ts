import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hopAnnotation } from '../../correlate/hopAnnotation.ts';
import type { HopAnnotation } from '../../correlate/model.ts';
import { analyzeCaptureBytes } from '../../pipeline/captureAnalysis.ts';
import { hopNoteLines } from './hopNoteLines.ts';

const trapezoid = analyzeCaptureBytes(new Uint8Array(readFileSync(new URL('../../../../fixtures/samples/trapezoid/trapezoid.pcap', import.meta.url))));
const hop = (index: number): HopAnnotation => hopAnnotation(trapezoid.model, index, trapezoid.lookup)!;

describe('hop annotations as note lines', () => {
  it('shows what biloxi did to the INVITE: its Via pushed, Max-Forwards decremented, the Request-URI rewritten', () => {
    expect(hopNoteLines(hop(4), 'request')).toEqual([
      '+ Via: SIP/2.0/UDP server10.biloxi.example.com;branch=z9hG4bK4b43c2ff8.1',
      '  Via: SIP/2.0/UDP bigbox3.site3.atlanta.example.com;branch=z9hG4bK77ef4c2312983.1;received=192.0.2.2',
      '  Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8;received=192.0.2.1',
      'Max-Forwards: 69 → 68',
      'Request-URI: sip:bob@biloxi.example.com → sip:bob@192.0.2.4',
      'Receiver noted: received=192.0.2.3',
    ]);
  });

  it('shows the Via a proxy popped from a response on its way back, or only the changes when asked', () => {
    const lines = hopNoteLines(hop(6), 'response', { viaStack: false });
    expect(lines).toEqual([
      '− Via: SIP/2.0/UDP server10.biloxi.example.com;branch=z9hG4bK4b43c2ff8.1;received=192.0.2.3 (popped)',
      'Receiver noted: received=192.0.2.2',
    ]);
  });

  it('names Record-Route added, Route consumed (strict routing too), rport asked for and a NAT suspicion', () => {
    const synthetic: HopAnnotation = {
      index: 0, transaction: 0, depth: 1, counterpart: -1, viaStack: ['SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1;rport'],
      pushedVia: 'SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1;rport', rport: null, sentByMismatch: true,
      recordRouteAdded: ['<sip:p1.example.com;lr>'], routes: ['<sip:p2.example.com;lr>'], routeConsumed: '<sip:p1.example.com>', strictRouting: true,
    };
    expect(hopNoteLines(synthetic, 'request')).toEqual([
      '+ Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1;rport',
      '+ Record-Route: <sip:p1.example.com;lr>',
      '− Route: <sip:p1.example.com> (consumed, strict routing)',
      '  Route: <sip:p2.example.com;lr>',
      'Receiver noted: rport (asked for)',
      'sent-by ≠ source address (NAT?)',
    ]);
  });

  it('makes control characters in header values visible', () => {
    const hostile: HopAnnotation = { index: 0, transaction: 0, depth: 0, counterpart: -1, viaStack: ['SIP/2.0/UDP a\u001b[2J;branch=z9hG4bK\u0000'], recordRouteAdded: [], routes: [] };
    expect(hopNoteLines(hostile, 'response')).toEqual(['  Via: SIP/2.0/UDP a\\x1b[2J;branch=z9hG4bK\\x00']);
  });
});
