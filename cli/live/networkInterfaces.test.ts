import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatInterfaceList, listNetworkInterfaces } from './networkInterfaces.ts';

const tmp = mkdtempSync(join(tmpdir(), 'sipladder-sysnet-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A fake /sys/class/net entry: flags (hex, IFF_UP 0x1, IFF_LOOPBACK 0x8), operstate, ARPHRD type. */
function fakeInterface(name: string, files: Record<string, string>, dirs: string[] = []): void {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text + '\n');
  for (const d of dirs) mkdirSync(join(dir, d));
}

describe('listNetworkInterfaces', () => {
  it('reads name, state, kind and alias from sysfs, up interfaces first, plus `any`', () => {
    fakeInterface('eth9', { flags: '0x1003', operstate: 'up', type: '1', mtu: '1500', address: '02:00:00:00:00:09', ifalias: 'uplink to the SBC' });
    fakeInterface('br9', { flags: '0x1003', operstate: 'down', type: '1', mtu: '1500' }, ['bridge']);
    fakeInterface('vlan9', { flags: '0x1002', operstate: 'down', type: '1', uevent: 'DEVTYPE=vlan' });
    fakeInterface('lo9', { flags: '0x9', operstate: 'unknown', type: '772', address: '00:00:00:00:00:00' });
    const list = listNetworkInterfaces(tmp);
    expect(list.map((i) => [i.name, i.up, i.running, i.description])).toEqual([
      ['br9', true, false, 'bridge'], ['eth9', true, true, 'uplink to the SBC — Ethernet'], ['lo9', true, true, 'loopback'],
      ['vlan9', false, false, 'VLAN'], ['any', true, true, 'every interface at once (Linux cooked capture; no promiscuous mode)'],
    ]);
    expect(list[1]).toMatchObject({ mtu: 1500, mac: '02:00:00:00:00:09', loopback: false });
    expect(list[2]!.mac).toBeUndefined();
    expect(formatInterfaceList(list).split('\n')[0]).toMatch(/^interface\s+state\s+description\s+addresses$/);
    expect(formatInterfaceList(list)).toMatch(/\nbr9\s+up, no carrier\s+bridge\s+—\n/);
  });

  it('lists this machine\'s loopback with its address', () => {
    const lo = listNetworkInterfaces().find((i) => i.loopback);
    expect(lo?.addresses.some((a) => a.startsWith('127.0.0.1'))).toBe(true);
  });
});
