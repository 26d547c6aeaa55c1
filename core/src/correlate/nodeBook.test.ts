import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { Correlator, type CorrelatorOptions } from './correlator.ts';
import type { CorrelationModel, SipNode } from './model.ts';
import { NodeBook } from './nodeBook.ts';
import { OPENSER, PHONE_308, proxyCancel, statelessProxyBusy } from './testFlows.ts';
import { b2buaCall, B2BUA, registerWithDigest } from './testFlowsMore.ts';
import { trapezoid } from './testScenarios.ts';

function correlate(records: readonly MessageRecord[], options: CorrelatorOptions = {}): CorrelationModel {
  const c = new Correlator(options);
  c.addAll(records);
  return c.finish();
}

function nodeWith(model: CorrelationModel, endpoint: string): SipNode {
  return model.nodes.find((n) => n.endpoints.includes(endpoint))!;
}

describe('NodeBook', () => {
  it('merges two addresses seen on the wire on cross-IP evidence, but not an address never seen', () => {
    const book = new NodeBook();
    const a = book.observe({ ip: '10.0.0.1', port: 5060 });
    const b = book.observe({ ip: '10.0.0.2', port: 5060 });
    book.merge(a, b, 'record-route', 'test', 0);
    book.merge(a, '192.168.0.99:5060', 'contact', 'private address', 1);
    const resolve = book.resolve({});
    expect(resolve(a)).toBe(resolve(b));
    expect(resolve('192.168.0.99:5060')).not.toBe(resolve(a));
    const { nodes } = book.build({});
    expect(nodes).toHaveLength(1);
    expect(nodes[0]!.endpoints).toEqual([a, b]);
    expect(nodes[0]!.evidence.map((e) => e.rule)).toEqual(['record-route']);
  });

  it('merges on same-IP evidence even for an address that carried no packet (a TCP listening port)', () => {
    const model = correlate(registerWithDigest());
    const ua = nodeWith(model, '192.168.1.10:49152');
    expect(ua.endpoints).toEqual(['192.168.1.10:49152', '192.168.1.10:5060']);
    expect(ua.evidence.some((e) => e.rule === 'via-sent-by')).toBe(true);
  });

  it('lets aliases merge and name nodes', () => {
    const model = correlate(trapezoid(), { aliases: { '192.0.2.2': 'atlanta proxy', '192.0.2.3:5060': 'atlanta proxy' } });
    const proxy = nodeWith(model, '192.0.2.2:5060');
    expect(proxy.name).toBe('atlanta proxy');
    expect(proxy.endpoints).toEqual(['192.0.2.2:5060', '192.0.2.3:5060']);
    expect(model.nodes).toHaveLength(3);
  });
});

describe('node roles from behaviour', () => {
  it('finds two UAs and two stateful proxies in the §24.2 trapezoid', () => {
    const model = correlate(trapezoid());
    expect(model.nodes.map((n) => [n.name, n.role])).toEqual([
      ['192.0.2.1:5060', 'ua'], ['192.0.2.2:5060', 'statefulProxy'], ['192.0.2.3:5060', 'statefulProxy'], ['192.0.2.4:5060', 'ua'],
    ]);
    expect(nodeWith(model, '192.0.2.1:5060').hostnames).toEqual(['pc33.atlanta.com']);
    expect(model.columns.srcNode.slice(0, 3)).toEqual([0, 1, 1]);
    expect(model.columns.dstNode.slice(0, 3)).toEqual([1, 0, 2]);
  });

  it('recognises a stateful proxy from its own CANCEL and hop-by-hop ACK', () => {
    const proxy = nodeWith(correlate(proxyCancel()), OPENSER);
    expect(proxy.role).toBe('statefulProxy');
    const rules = proxy.evidence.map((e) => e.rule);
    expect(rules).toContain('statefulProxy: sends its own CANCEL downstream');
    expect(rules).toContain('statefulProxy: acknowledges non-2xx responses itself');
  });

  it('recognises a stateless proxy from the ACK it forwards end to end', () => {
    const model = correlate(statelessProxyBusy());
    expect(nodeWith(model, OPENSER).role).toBe('statelessProxy');
    expect(nodeWith(model, PHONE_308).role).toBe('ua');
  });

  it('recognises a registrar', () => {
    expect(nodeWith(correlate(registerWithDigest()), '192.168.1.15:5060').role).toBe('registrar');
  });

  it('recognises a B2BUA from the call legs it bridges', () => {
    const node = nodeWith(correlate(b2buaCall()), B2BUA);
    expect(node.role).toBe('b2bua');
    expect(node.evidence.some((e) => e.rule === 'b2bua: bridges two call legs')).toBe(true);
  });
});
