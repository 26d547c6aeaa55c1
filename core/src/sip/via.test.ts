import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVia } from './via.ts';

describe('parseVia', () => {
  it('reads protocol, transport, sent-by and the known parameters', () => {
    const parsed = parseVia('SIP/2.0/UDP pc33.atlanta.example.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5067;maddr=224.2.0.1;ttl=16;x-custom=1');
    expect(parsed.problem).toBeUndefined();
    expect(parsed.value).toMatchObject({
      protocolName: 'SIP', protocolVersion: '2.0', transport: 'UDP', host: 'pc33.atlanta.example.com', port: 5066,
      branch: 'z9hG4bK776asdhds', received: '192.0.2.1', rport: 5067, maddr: '224.2.0.1', ttl: 16,
    });
    expect(parsed.value?.parameters['x-custom']).toBe('1');
  });

  it('tells rport without a value (null) from an absent one (undefined), RFC 3581', () => {
    expect(parseVia('SIP/2.0/UDP h;rport;branch=z9hG4bK1').value?.rport).toBeNull();
    expect(parseVia('SIP/2.0/UDP h;branch=z9hG4bK1').value?.rport).toBeUndefined();
  });

  it('allows LWS around the slashes, before the sent-by and around ";" and "="', () => {
    const parsed = parseVia('SIP  /   2.0 /UDP    192.0.2.2 ; branch = 390skdjuw');
    expect(parsed.problem).toBeUndefined();
    expect(parsed.value).toMatchObject({ transport: 'UDP', host: '192.0.2.2', branch: '390skdjuw' });
  });

  it('reads IPv6 sent-by with and without a port (RFC 5118 §4.5, §4.7)', () => {
    expect(parseVia('SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111').value).toMatchObject({ host: '2001:db8::9:1', port: 6050 });
    expect(parseVia('SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255];branch=z9hG4bKas3-111').value).toMatchObject({ host: '2001:db8::9:1', received: '[2001:db8::9:255]' });
    expect(parseVia('SIP/2.0/UDP [2001:db8:::1]').problem).toMatch(/IPv6/);
  });

  it('keeps unusual transports as written', () => {
    expect(parseVia('SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en').value?.transport).toBe('UNKNOWN');
    expect(parseVia('SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK56sdasks').value?.transport).toBe('WSS');
  });

  it('reports problems, keeping the entry when protocol and host are readable', () => {
    expect(parseVia('SIP/2.0/UDP 192.0.2.15;;').problem).toBe('empty parameter');
    expect(parseVia('SIP/2.0/UDP 192.0.2.15;;').value?.host).toBe('192.0.2.15');
    expect(parseVia('SIP/7.0/UDP c.example.com').problem).toMatch(/SIP\/7.0/);
    expect(parseVia('SIP/2.0/UDP h:99999').problem).toMatch(/port/);
    expect(parseVia('SIP/2.0/UDP h;rport=x').problem).toMatch(/rport/);
    expect(parseVia('SIP/2.0/UDP h;ttl=300').problem).toMatch(/ttl/);
    expect(parseVia('SIP/2.0/UDP h;branch=').problem).toBeDefined();
  });

  it('gives no value when protocol or host is missing', () => {
    expect(parseVia('').value).toBeUndefined();
    expect(parseVia(';').value).toBeUndefined();
    expect(parseVia('SIP/2.0 host').value).toBeUndefined();
    expect(parseVia('SIP/2.0/UDP').value).toBeUndefined();
    expect(parseVia('SIP/2.0/UDP ;branch=1').value).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (text) => {
      parseVia(text);
      parseVia(`SIP/2.0/UDP ${text}`);
    }), { numRuns: 3000 });
  });
});
