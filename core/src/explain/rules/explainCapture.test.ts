/**
 * The explanation rules checked on the golden scenarios (fixtures/scenarios): every line must say what the
 * analysis says — a Record-Route line exactly where the hop annotation records an added Record-Route, and
 * so on — and agree with the hand-written expected.json. Then spot checks a teacher would make.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hopAnnotation } from '../../correlate/hopAnnotation.ts';
import { analyzeCaptureBytes, type CaptureAnalysis } from '../../pipeline/captureAnalysis.ts';
import type { CatalogueKey } from '../i18n/catalogueEn.ts';
import { LOCALES } from '../i18n/locale.ts';
import { explainCapture, explainMessage } from './explainCapture.ts';
import type { ExplanationLine, MessageExplanation } from './explanation.ts';
import { renderExplanationLine } from './renderExplanation.ts';

const ROOT = join(__dirname, '../../../../fixtures/scenarios');
const SCENARIOS = readdirSync(ROOT).filter((d) => existsSync(join(ROOT, d, 'expected.json')));

interface ExpectedHop { message: number; viaDepth?: number; maxForwards?: number; recordRouteAdded?: boolean; routeConsumed?: boolean; received?: string; requestUriRewritten?: boolean }
interface Expected {
  retransmissions?: number;
  calls?: { outcome: string; codecs?: string[] }[];
  hops?: ExpectedHop[];
  registrations?: { expires?: number }[];
}

function load(name: string): { result: CaptureAnalysis; expected: Expected; explanations: MessageExplanation[] } {
  const bytes = readFileSync(join(ROOT, name, `${name}.pcap`));
  const result = analyzeCaptureBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const expected = JSON.parse(readFileSync(join(ROOT, name, 'expected.json'), 'utf8')) as Expected;
  return { result, expected, explanations: explainCapture(result) };
}

const has = (e: MessageExplanation | undefined, key: CatalogueKey): boolean => e?.lines.some((l) => l.key === key) ?? false;
const lineOf = (e: MessageExplanation | undefined, key: CatalogueKey): ExplanationLine | undefined => e?.lines.find((l) => l.key === key);
/** Record indices whose explanation has one of the keys. */
const where = (all: MessageExplanation[], ...keys: CatalogueKey[]): number[] =>
  all.filter((e) => e.lines.some((l) => keys.includes(l.key))).map((e) => e.index);

describe.each(SCENARIOS)('explanations of %s', (name) => {
  const { result, expected, explanations } = load(name);
  const { model, records, lookup } = result;
  const hops = records.map((r) => hopAnnotation(model, r.index, lookup));
  const isRequest = (i: number) => records[i]!.facts.kind === 'request';
  const isRetransmission = (i: number) => (model.columns.retransmissionOf[i] ?? -1) >= 0;
  const indices = (test: (i: number) => boolean) => records.map((r) => r.index).filter(test);

  it('explains every message, in all four languages, with every parameter filled', () => {
    expect(explanations).toHaveLength(records.length);
    for (const e of explanations) {
      expect(e.lines.length, `message ${e.index + 1}`).toBeGreaterThan(0);
      for (const l of e.lines) {
        expect(l.ref, l.key).toMatch(/^RFC \d+/);
        for (const locale of LOCALES) expect(renderExplanationLine(l, locale)).not.toMatch(/\{[A-Za-z]+\}/);
      }
    }
  });

  it('says a proxy added Record-Route exactly where the hop annotation records one', () => {
    expect(where(explanations, 'hop.recordRouteAdded')).toEqual(indices((i) => (hops[i]?.recordRouteAdded.length ?? 0) > 0 && !isRetransmission(i)));
    for (const h of expected.hops ?? []) {
      if (h.recordRouteAdded !== undefined) expect(has(explanations[h.message - 1], 'hop.recordRouteAdded'), `message ${h.message}`).toBe(h.recordRouteAdded);
    }
  });

  it('says a Route entry was consumed exactly where the hop annotation says so', () => {
    expect(where(explanations, 'hop.routeConsumed', 'hop.routeConsumedStrict')).toEqual(indices((i) => hops[i]?.routeConsumed !== undefined && !isRetransmission(i)));
    for (const h of expected.hops ?? []) {
      if (h.routeConsumed !== undefined) expect(has(explanations[h.message - 1], 'hop.routeConsumed'), `message ${h.message}`).toBe(h.routeConsumed);
    }
  });

  it('says the Request-URI was retargeted exactly where it changed between hops', () => {
    const changed = (i: number) => hops[i]?.requestUriBefore !== undefined && hops[i]?.requestUriAfter !== undefined && hops[i]!.requestUriBefore !== hops[i]!.requestUriAfter;
    expect(where(explanations, 'hop.requestUriRewritten')).toEqual(indices((i) => changed(i) && !isRetransmission(i)));
    for (const h of expected.hops ?? []) {
      if (h.requestUriRewritten !== undefined) expect(has(explanations[h.message - 1], 'hop.requestUriRewritten'), `message ${h.message}`).toBe(h.requestUriRewritten);
    }
  });

  it('counts the Via entries and Max-Forwards of each forwarded copy as the expert did', () => {
    expect(where(explanations, 'hop.viaPushed')).toEqual(indices((i) => isRequest(i) && (hops[i]?.counterpart ?? -1) >= 0 && !isRetransmission(i)));
    for (const h of expected.hops ?? []) {
      const e = explanations[h.message - 1];
      const pushed = lineOf(e, 'hop.viaPushed');
      if (pushed !== undefined && h.viaDepth !== undefined) expect(pushed.params.vias, `message ${h.message}`).toBe(h.viaDepth);
      const mf = lineOf(e, 'hop.maxForwards');
      if (mf !== undefined && h.maxForwards !== undefined) expect(mf.params.after, `message ${h.message}`).toBe(h.maxForwards);
    }
  });

  it('names the received= address the next hop wrote, exactly on the requests that have one', () => {
    expect(where(explanations, 'hop.received')).toEqual(indices((i) => isRequest(i) && hops[i]?.received !== undefined && !isRetransmission(i)));
    for (const h of expected.hops ?? []) {
      if (h.received !== undefined) expect(lineOf(explanations[h.message - 1], 'hop.received')?.params.received, `message ${h.message}`).toBe(h.received);
    }
  });

  it('says a proxy popped its Via exactly on the responses it relayed', () => {
    expect(where(explanations, 'hop.viaPopped')).toEqual(indices((i) => !isRequest(i) && hops[i]?.poppedVia !== undefined && !isRetransmission(i)));
  });

  it('tells the ACK of a 2xx (own transaction) from the ACK of a failure (INVITE transaction)', () => {
    const acks = indices((i) => records[i]!.facts.method === 'ACK' && !isRetransmission(i));
    for (const i of acks) {
      const tx = model.transactions[model.columns.transaction[i]!]!;
      if (tx.method === 'INVITE') expect(lineOf(explanations[i], 'request.ack.non2xx')?.params.status, `message ${i + 1}`).toBe(tx.finalStatus);
      else if ((model.columns.counterpart[i] ?? -1) < 0) expect(has(explanations[i], 'request.ack.2xx'), `message ${i + 1}`).toBe(true);
    }
    expect(where(explanations, 'request.ack.2xx').every((i) => model.transactions[model.columns.transaction[i]!]!.method === 'ACK')).toBe(true);
  });

  it('marks retransmissions exactly where the model found them, and only those', () => {
    const marked = where(explanations, 'retransmission.invite', 'retransmission.request', 'retransmission.2xx', 'retransmission.ack', 'retransmission.response');
    expect(marked).toEqual(indices(isRetransmission));
    if (expected.retransmissions !== undefined) expect(marked).toHaveLength(expected.retransmissions);
  });

  it('speaks of an early dialog only inside a dialog, and on the message that created each early dialog', () => {
    for (const i of where(explanations, 'dialog.early')) expect(model.columns.dialog[i], `message ${i + 1}`).toBeGreaterThanOrEqual(0);
    for (const d of model.dialogs) {
      const created = records[d.createdIndex];
      const status = created?.facts.statusCode ?? 0;
      if (status > 100 && status < 200) expect(has(explanations[d.createdIndex], 'dialog.early'), `dialog ${d.id}`).toBe(true);
    }
  });

  it('gives the stateful proxy its own 100 and the stateless one a relayed 100', () => {
    for (const i of where(explanations, 'response.trying.proxy')) {
      expect(['statefulProxy', 'proxy', 'statelessProxy']).toContain(model.nodes[model.columns.srcNode[i]!]!.role);
    }
    for (const i of where(explanations, 'response.trying.relayed')) {
      expect(model.nodes[model.columns.srcNode[i]!]!.role).toBe('statelessProxy');
    }
  });

  it('explains the final response that decides the call outcome', () => {
    const byOutcome: Record<string, CatalogueKey[]> = {
      cancelled: ['response.487'], busy: ['response.486', 'response.600'], declined: ['response.603'],
      timedOut: ['response.408'], rejected: ['response.483', 'response.488', 'response.failure'], answered: ['response.ok.invite'],
    };
    for (const call of result.analysis.calls) {
      const keys = byOutcome[call.outcome];
      if (keys !== undefined) expect(where(explanations, ...keys).length, call.outcome).toBeGreaterThan(0);
    }
  });

  it('says who hung up as the analysis does', () => {
    for (const call of result.analysis.calls) {
      if (call.hungUpBy === undefined || call.outcome !== 'answered') continue;
      expect(where(explanations, call.hungUpBy === 'caller' ? 'request.bye.caller' : 'request.bye.callee').length).toBeGreaterThan(0);
    }
  });

  it('lists the negotiated codecs in the SDP answer', () => {
    for (const call of expected.calls ?? []) {
      if (!call.codecs || call.codecs.length === 0) continue;
      const answers = explanations.flatMap((e) => e.lines.filter((l) => l.key === 'sdp.answer').map((l) => String(l.params.media)));
      for (const codec of call.codecs) expect(answers.some((a) => a.includes(codec)), codec).toBe(true);
    }
  });

  it('gives the granted registration time', () => {
    for (const reg of expected.registrations ?? []) {
      const granted = explanations.flatMap((e) => e.lines.filter((l) => l.key === 'response.ok.register').map((l) => l.params.expires));
      if (reg.expires !== undefined) expect(granted).toContain(reg.expires);
    }
  });
});

describe('what a teacher points at', () => {
  const spots: [scenario: string, message: number, key: CatalogueKey, params?: Record<string, string | number>][] = [
    ['trapezoid-two-proxies', 2, 'response.trying.proxy'],
    ['trapezoid-two-proxies', 6, 'dialog.early', { tag: 'a6c85cf' }],
    ['trapezoid-two-proxies', 12, 'request.ack.2xx'],
    ['trapezoid-two-proxies', 1, 'hop.sentByHostname', { sentBy: 'pc33.atlanta.com' }],
    ['one-proxy-no-record-route', 4, 'response.trying.ua'],
    ['one-proxy-record-route', 9, 'request.route'],
    ['cancel', 9, 'request.cancel.proxy'],
    ['cancel', 12, 'request.ack.non2xx', { status: 487 }],
    ['cancel', 11, 'dialog.earlyEnded'],
    ['stateless-proxy', 4, 'response.trying.relayed'],
    ['stateless-proxy', 8, 'hop.viaPushed', { vias: 2 }],
    ['timeout-408', 4, 'retransmission.invite', { original: 3 }],
    ['timeout-408', 10, 'response.408.proxy'],
    ['too-many-hops-483', 1, 'request.maxForwardsStart', { value: 1 }],
    ['too-many-hops-483', 3, 'request.maxForwardsZero'],
    ['too-many-hops-483', 4, 'response.483'],
    ['nat-received-rport', 1, 'hop.rport', { rport: 1029 }],
    ['nat-received-rport', 1, 'hop.sentByMismatch', { sentBy: '192.168.0.18', source: '81.56.73.55:1029' }],
    ['callee-hang-up', 10, 'request.bye.callee'],
    ['callee-hang-up', 10, 'hop.sentByMismatch', { sentBy: '198.51.100.20:5062', source: '198.51.100.20:32816' }],
    ['caller-hang-up', 10, 'request.bye.caller'],
    ['b2bua-call', 3, 'request.invite.b2bua'],
    ['b2bua-call', 3, 'call.legLink', { evidence: 'x-call-id: 5jhxTJ8wPp' }],
    ['bye-reason-q850', 6, 'request.reason.q850', { cause: 16 }],
    ['register-digest-tcp', 2, 'response.401'],
    ['register-digest-tcp', 3, 'request.register.retryAuth'],
    ['proxy-auth-407', 2, 'response.407'],
    ['proxy-auth-407', 3, 'request.register.retryProxyAuth'],
    ['register-423-min-expires', 2, 'response.423', { minExpires: 3600 }],
    ['register-423-min-expires', 3, 'request.register.retryInterval'],
    ['sdp-codec-negotiation', 3, 'sdp.rejected', { media: 'video H261/90000' }],
    ['redirect-302-voicemail', 7, 'response.redirect', { status: 302 }],
    ['redirect-server', 2, 'response.redirect', { status: 302 }],
    ['not-acceptable-488', 4, 'response.488'],
    ['ok-retransmission-udp', 5, 'retransmission.2xx', { original: 4 }],
    ['decline-603', 6, 'response.603'],
    ['decline-603', 6, 'dialog.earlyEnded'],
    ['busy-here-486', 4, 'response.486'],
    ['busy-everywhere-600', 6, 'response.600'],
  ];
  const cache = new Map<string, MessageExplanation[]>();
  it.each(spots)('%s message %i: %s', (scenario, message, key, params) => {
    if (!cache.has(scenario)) cache.set(scenario, load(scenario).explanations);
    const found = lineOf(cache.get(scenario)![message - 1], key);
    expect(found, `${key} on message ${message}`).toBeDefined();
    if (params) expect(found!.params).toMatchObject(params);
  });

  it('renders the issue\'s examples in plain language with the RFC section', () => {
    const trapezoid = load('trapezoid-two-proxies').explanations;
    expect(renderExplanationLine(lineOf(trapezoid[1], 'response.trying.proxy')!, 'en'))
      .toBe('100 Trying is hop-by-hop: the proxy answers at once so the sender stops retransmitting the INVITE (RFC 3261 §16.2)');
    const q850 = lineOf(load('bye-reason-q850').explanations[5], 'request.reason.q850')!;
    expect(renderExplanationLine(q850, 'fr')).toBe('L\'en-tête Reason dit pourquoi : cause Q.850 16, libération normale de l\'appel (RFC 3326)');
    expect(renderExplanationLine(q850, 'pl', false)).toBe('Nagłówek Reason podaje przyczynę: Q.850, przyczyna 16, normalne rozłączenie');
  });

  it('explains one message on its own as in the whole capture', () => {
    const { result, explanations } = load('cancel');
    expect(explainMessage(result, 8)).toEqual(explanations[8]);
  });

  it('returns no lines for an index outside the capture', () => {
    const { result } = load('cancel');
    expect(explainMessage(result, 999).lines).toEqual([]);
  });
});
