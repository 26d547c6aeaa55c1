import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../sip/messageRecord.ts';
import { replacedCallId } from './callIdGroups.ts';
import { Correlator } from './correlator.ts';
import type { CorrelationModel } from './model.ts';
import { Flow } from './testFlows.ts';
import { registerTooBrief, registerWithDigest } from './testFlowsMore.ts';
import { responseTo, type MessageSpec } from './testMessages.ts';

function correlate(records: readonly MessageRecord[]): CorrelationModel {
  const c = new Correlator();
  c.addAll(records);
  return c.finish();
}

function request(method: string, callId: string, branch: string, extra: Partial<MessageSpec> = {}): MessageSpec {
  return { start: `${method} sip:srv@10.8.0.2`, via: [`10.8.0.1;branch=${branch}`], maxForwards: 70, from: '<sip:a@d>;tag=u1', to: '<sip:srv@d>', callId, cseq: `1 ${method}`, ...extra };
}

describe('usages by Call-ID', () => {
  it('follows a REGISTER through the digest challenge to the binding', () => {
    const model = correlate(registerWithDigest());
    expect(model.calls).toHaveLength(0);
    expect(model.usages).toHaveLength(1);
    const usage = model.usages[0]!;
    expect(usage).toMatchObject({ kind: 'registration', transactions: 2, noise: false });
    expect(usage.registration).toMatchObject({
      aor: 'sip:308@192.168.1.15', outcome: 'registered', contacts: ['sip:308@192.168.1.10:5060;transport=tcp'],
    });
    expect(usage.registration!.attempts.map((a) => [a.status, a.expiresRequested, a.expiresGranted ?? null])).toEqual([[401, 3600, null], [200, 3600, 3600]]);
    expect(model.columns.usage.every((u) => u === 0)).toBe(true);
    expect(model.columns.call.every((c) => c === -1)).toBe(true);
  });

  it('records the Min-Expires of a 423 and the retry that satisfies it', () => {
    const usage = correlate(registerTooBrief()).usages[0]!;
    expect(usage.registration!.attempts.map((a) => [a.status, a.expiresRequested, a.minExpires ?? null])).toEqual([[423, 60, 3600], [200, 3600, null]]);
    expect(usage.registration!.outcome).toBe('registered');
  });

  it('calls a registration that never passes the challenge challenged, and expires 0 unregistered', () => {
    const challenged = registerWithDigest().slice(0, 2);
    expect(correlate(challenged).usages[0]!.registration!.outcome).toBe('challenged');
    const f = new Flow();
    const reg = f.send(request('REGISTER', 'unreg', 'z9hG4bK-u1', { headers: ['Expires: 0'], contact: '<sip:a@10.8.0.1>' }), '10.8.0.1:5060', '10.8.0.2:5060');
    f.send(responseTo(reg, '200 OK', { toTag: 'r' }), '10.8.0.2:5060', '10.8.0.1:5060');
    expect(correlate(f.records).usages[0]!.registration!.outcome).toBe('unregistered');
  });

  it('classifies OPTIONS keep-alives as noise and SUBSCRIBE/NOTIFY, MESSAGE, PUBLISH as their usages', () => {
    const f = new Flow();
    const c = '10.8.0.1:5060';
    const s = '10.8.0.2:5060';
    for (const [method, callId] of [['OPTIONS', 'ka'], ['SUBSCRIBE', 'sub'], ['MESSAGE', 'im'], ['PUBLISH', 'pub'], ['INFO', 'info'], ['FOO', 'odd']] as const) {
      const req = f.send(request(method, callId, `z9hG4bK-${callId}`), c, s);
      f.send(responseTo(req, '200 OK', { toTag: 't' }), s, c);
    }
    const model = correlate(f.records);
    expect(model.usages.map((u) => [u.callId, u.kind, u.noise])).toEqual([
      ['ka', 'options', true], ['sub', 'subscription', false], ['im', 'message', false], ['pub', 'publish', false],
      ['info', 'info', false], ['odd', 'other', false],
    ]);
  });
});

describe('replacedCallId', () => {
  it('reads the Call-ID out of an escaped Replaces in a Refer-To URI', () => {
    expect(replacedCallId('<sip:bob@x?Replaces=abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2>')).toBe('abc@host');
    expect(replacedCallId('<sip:bob@x>')).toBeUndefined();
    expect(replacedCallId('<sip:bob@x?Replaces=%E0%A4%A>')).toBeUndefined();
  });
});
