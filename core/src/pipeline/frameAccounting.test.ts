import { describe, expect, it } from 'vitest';
import { FrameAccounting, accountedFrames } from './frameAccounting.ts';

describe('FrameAccounting', () => {
  it('puts every frame in one category and adds up to the frames read', () => {
    const a = new FrameAccounting();
    a.count(1, { kind: 'sip' });
    a.count(2, { kind: 'stream' });
    a.count(3, { kind: 'other', protocol: 'rtp' });
    a.count(4, { kind: 'other', protocol: 'rtp' });
    a.count(5, { kind: 'malformed', code: 'ipv4.bad_version' });
    a.count(6, { kind: 'fragment' });
    a.count(7, { kind: 'truncated' });
    const s = a.snapshot();
    expect(s).toEqual({ framesRead: 7, sip: 1, stream: 1, fragment: 1, truncated: 1, other: { rtp: 2 }, malformed: { 'ipv4.bad_version': 1 } });
    expect(accountedFrames(s)).toBe(7);
  });

  it('promotes a stream frame to SIP once, and only a stream frame', () => {
    const a = new FrameAccounting();
    a.count(1, { kind: 'stream' });
    a.count(2, { kind: 'other', protocol: 'udp' });
    a.promoteToSip(1);
    a.promoteToSip(1);
    a.promoteToSip(2);
    expect(a.snapshot()).toMatchObject({ framesRead: 2, sip: 1, stream: 0, other: { udp: 1 } });
  });
});
