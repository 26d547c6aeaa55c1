import { describe, expect, it } from 'vitest';
import { hostOf, laneKey } from './lanes.ts';

describe('ladder lanes', () => {
  it('takes the host of IPv4 and bracketed IPv6 endpoints', () => {
    expect(hostOf('192.0.2.1:5060')).toBe('192.0.2.1');
    expect(hostOf('[2001:db8::1]:5060')).toBe('2001:db8::1');
    expect(hostOf('host')).toBe('host');
  });

  it('keys a lane by node (its first endpoint, stable across captures), host, or host:port', () => {
    const node = { id: 3, name: 'proxy', role: 'statefulProxy', endpoints: ['192.0.2.9:5060', '192.0.2.2:5060'] };
    expect(laneKey('192.0.2.9:5060', node, 'node')).toBe('192.0.2.2:5060');
    expect(laneKey('192.0.2.9:5060', undefined, 'node')).toBe('192.0.2.9:5060');
    expect(laneKey('192.0.2.9:5060', node, 'host')).toBe('192.0.2.9');
    expect(laneKey('192.0.2.9:5060', node, 'hostPort')).toBe('192.0.2.9:5060');
  });
});
