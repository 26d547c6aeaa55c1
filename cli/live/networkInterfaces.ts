/**
 * The machine's network interfaces for `sipladder capture --list`: name, a description, addresses, up or down.
 * Linux: /sys/class/net (every interface, addresses or not: flags, operstate, type, driver, alias); elsewhere
 * os.networkInterfaces() (interfaces with an address). Plus Linux's pseudo-interface `any`.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { networkInterfaces as osInterfaces } from 'node:os';
import { basename, join } from 'node:path';

export interface NetworkInterfaceInfo {
  readonly name: string;
  readonly description: string;
  readonly addresses: readonly string[];
  /** Administratively up (IFF_UP); `running` also needs a carrier (operstate up, or unknown on loopback). */
  readonly up: boolean;
  readonly running: boolean;
  readonly loopback: boolean;
  readonly mtu?: number;
  readonly mac?: string;
}

const IFF_UP = 0x1;
const IFF_RUNNING = 0x40;
const IFF_LOOPBACK = 0x8;
/** ARPHRD_* values (linux/if_arp.h) worth naming. */
const LINK_NAMES: Readonly<Record<number, string>> = {
  1: 'Ethernet', 24: 'FireWire', 32: 'InfiniBand', 65534: 'tunnel (no link layer)', 768: 'IP-in-IP tunnel', 769: 'IPv6-in-IPv6 tunnel',
  772: 'loopback', 776: 'IPv6-in-IPv4 tunnel', 778: 'GRE tunnel', 801: 'Wi-Fi', 803: 'Wi-Fi (radiotap)', 823: 'GRE6 tunnel',
};

export function listNetworkInterfaces(sysRoot = '/sys/class/net'): NetworkInterfaceInfo[] {
  const addresses = addressesByName();
  let names: string[] = [];
  try {
    names = readdirSync(sysRoot);
  } catch {
    names = [];
  }
  const list: NetworkInterfaceInfo[] = names.length > 0
    ? names.map((name) => fromSys(join(sysRoot, name), name, addresses.get(name) ?? []))
    : [...addresses].map(([name, addrs]) => fromOs(name, addrs));
  list.sort((a, b) => Number(b.up) - Number(a.up) || Number(a.loopback) - Number(b.loopback) || a.name.localeCompare(b.name));
  if (names.length > 0) {
    list.push({ name: 'any', description: 'every interface at once (Linux cooked capture; no promiscuous mode)', addresses: [], up: true, running: true, loopback: false });
  }
  return list;
}

function addressesByName(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, infos] of Object.entries(osInterfaces())) {
    out.set(name, (infos ?? []).map((i) => (i.family === 'IPv6' ? `${i.address}/${prefixOf(i.cidr)}` : i.cidr ?? i.address)));
  }
  return out;
}

function prefixOf(cidr: string | null): string {
  return cidr?.split('/')[1] ?? '128';
}

function fromSys(dir: string, name: string, addresses: string[]): NetworkInterfaceInfo {
  const flags = Number.parseInt(read(join(dir, 'flags')) ?? '0', 16) || 0;
  const type = Number(read(join(dir, 'type')) ?? '-1');
  const operstate = read(join(dir, 'operstate')) ?? 'unknown';
  const loopback = (flags & IFF_LOOPBACK) !== 0 || type === 772;
  const up = (flags & IFF_UP) !== 0;
  const running = up && (operstate === 'up' || (operstate === 'unknown' && (flags & IFF_RUNNING) !== 0) || loopback);
  const mtu = Number(read(join(dir, 'mtu')));
  const mac = read(join(dir, 'address'));
  return {
    name, description: describe(dir, type), addresses, up, running, loopback,
    ...(Number.isFinite(mtu) && mtu > 0 ? { mtu } : {}),
    ...(mac && mac !== '00:00:00:00:00:00' ? { mac } : {}),
  };
}

function fromOs(name: string, addresses: string[]): NetworkInterfaceInfo {
  const loopback = addresses.some((a) => a.startsWith('127.') || a.startsWith('::1/'));
  return { name, description: loopback ? 'loopback' : 'network interface', addresses, up: true, running: true, loopback };
}

/** Alias if set, else the kind (bridge, VLAN, bond, veth, Wi-Fi, tunnel…) and the driver. */
function describe(dir: string, type: number): string {
  const alias = read(join(dir, 'ifalias'));
  const devtype = /^DEVTYPE=(.+)$/m.exec(read(join(dir, 'uevent')) ?? '')?.[1];
  let kind = LINK_NAMES[type] ?? `link type ${type}`;
  if (existsSync(join(dir, 'bridge'))) kind = 'bridge';
  else if (existsSync(join(dir, 'bonding'))) kind = 'bond';
  else if (existsSync(join(dir, 'wireless')) || existsSync(join(dir, 'phy80211'))) kind = 'Wi-Fi';
  else if (existsSync(join(dir, 'tun_flags'))) kind = 'TUN/TAP';
  else if (devtype === 'vlan') kind = 'VLAN';
  else if (devtype !== undefined && devtype !== 'wlan') kind = devtype;
  let driver: string | undefined;
  try {
    driver = basename(readlinkSync(join(dir, 'device', 'driver')));
  } catch {
    driver = undefined;
  }
  const parts = [kind, driver && driver !== kind ? `(${driver})` : undefined].filter(Boolean).join(' ');
  return alias ? `${alias} — ${parts}` : parts;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** `sipladder capture --list`: one aligned row per interface. */
export function formatInterfaceList(list: readonly NetworkInterfaceInfo[]): string {
  const rows = list.map((i) => [i.name, i.up ? (i.running ? 'up' : 'up, no carrier') : 'down', i.description, i.addresses.join(', ') || '—']);
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length), c === 0 ? 9 : 5));
  const line = (r: readonly string[]): string => `${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]!.padEnd(widths[2]!)}  ${r[3]}`.trimEnd();
  return [line(['interface', 'state', 'description', 'addresses']), ...rows.map(line)].join('\n');
}
