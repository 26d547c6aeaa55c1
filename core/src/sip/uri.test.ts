import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SipUri } from './uri.ts';
import { parseUri } from './uri.ts';

function sip(text: string): SipUri {
  const parsed = parseUri(text);
  if (parsed.uri?.kind !== 'sip') throw new Error(`not a sip URI: ${text}`);
  return parsed.uri;
}

describe('parseUri', () => {
  it('reads every part of a sip URI', () => {
    const uri = sip('sip:alice:secret@atlanta.example.com:5061;transport=TCP;lr;Maddr=239.255.255.1?subject=project&priority=urgent');
    expect(uri).toMatchObject({ scheme: 'sip', user: 'alice', password: 'secret', host: 'atlanta.example.com', port: 5061, hasHeaders: true });
    expect({ ...uri.parameters }).toEqual({ transport: 'TCP', lr: '', maddr: '239.255.255.1' });
    expect({ ...uri.headers }).toEqual({ subject: 'project', priority: 'urgent' });
    expect(parseUri('sip:alice@example.com').problem).toBeUndefined();
  });

  it('reads sips and a scheme in any case', () => {
    expect(sip('SIPS:bob@example.com').scheme).toBe('sips');
  });

  it('keeps %-escapes as written and lets the user part hold ; ? / , (RFC 4475 §3.1.1.3, §3.1.1.9)', () => {
    expect(sip('sip:%75se%72@example.com').user).toBe('%75se%72');
    expect(sip('sip:user;par=u%40example.net@example.com')).toMatchObject({ user: 'user;par=u%40example.net', host: 'example.com' });
    expect(sip('sip:a?b,c/d@example.com')).toMatchObject({ user: 'a?b,c/d', host: 'example.com' });
  });

  it('reads IPv6 references with and without a port (RFC 5118 §4.1, §4.3, §4.4)', () => {
    expect(sip('sip:[2001:db8::10]')).toMatchObject({ host: '2001:db8::10', hostIsIpv6: true });
    expect(sip('sip:[2001:db8::10]').port).toBeUndefined();
    expect(sip('sip:[2001:db8::10:5070]').host).toBe('2001:db8::10:5070');
    expect(sip('sip:[2001:db8::10:5070]').port).toBeUndefined();
    expect(sip('sip:user@[2001:db8::10]:5070;transport=udp')).toMatchObject({ user: 'user', host: '2001:db8::10', port: 5070 });
    expect(sip('sip:ted@[::ffff:192.0.2.2]').host).toBe('::ffff:192.0.2.2');
  });

  it('reports IPv6 written without brackets or with three colons (RFC 5118 §4.2, §4.10)', () => {
    expect(parseUri('sip:2001:db8::10').problem).toMatch(/bad port/);
    expect(parseUri('sip:user@[2001:db8:::192.0.2.1]').problem).toMatch(/not a valid IPv6/);
    expect(parseUri('sip:user@[2001:db8::1').problem).toMatch(/unterminated/);
  });

  it('reports malformed sip URIs but still reads what it can', () => {
    expect(parseUri('sip:user@example.com; lr').problem).toMatch(/white space/);
    expect(parseUri('sip:@example.com').problem).toMatch(/empty user/);
    expect(parseUri('sip:user@').problem).toMatch(/empty host/);
    expect(parseUri('sip:host:99999').problem).toMatch(/bad port/);
    expect(parseUri('sip:host;;lr').problem).toMatch(/empty URI parameter/);
    const broken = parseUri('sip:us"er@exa$mple.com');
    expect(broken.problem).toBeDefined();
    expect(broken.uri?.kind).toBe('sip');
  });

  it('reads tel URIs (RFC 3966)', () => {
    const parsed = parseUri('tel:+1-201-555-0123;phone-context=example.com');
    expect(parsed.problem).toBeUndefined();
    expect(parsed.uri).toMatchObject({ kind: 'tel', number: '+1-201-555-0123' });
    expect(parsed.uri?.kind === 'tel' && { ...parsed.uri.parameters }).toEqual({ 'phone-context': 'example.com' });
    expect(parseUri('tel:7042;phone-context=example.com').uri).toMatchObject({ number: '7042' });
    expect(parseUri('tel:12x4').problem).toMatch(/telephone number/);
  });

  it('reads any other absoluteURI as scheme and rest (RFC 4475 §3.3.2–3.3.4)', () => {
    expect(parseUri('soap.beep://192.0.2.103:3002').uri).toEqual({ kind: 'absolute', scheme: 'soap.beep', rest: '//192.0.2.103:3002', raw: 'soap.beep://192.0.2.103:3002' });
    expect(parseUri('nobodyKnowsThisScheme:totallyopaquecontent').uri).toMatchObject({ scheme: 'nobodyknowsthisscheme' });
    expect(parseUri('isbn:2983792873').problem).toBeUndefined();
  });

  it('refuses text without a scheme, and a Request-URI in < >', () => {
    expect(parseUri('alice@example.com')).toEqual({ uri: undefined, problem: expect.stringMatching(/no scheme/) });
    expect(parseUri('<sip:user@example.com>').uri).toBeUndefined();
    expect(parseUri('').uri).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (text) => {
      parseUri(text);
      parseUri(`sip:${text}`);
      parseUri(`tel:${text}`);
    }), { numRuns: 3000 });
  });
});
