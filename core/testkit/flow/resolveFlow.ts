/**
 * Checks a flow description (typed or parsed from JSON) and resolves it: node names to addresses,
 * times to nanosecond offsets, defaults filled in. Everything later works on the resolved form.
 */
import { hex } from '../../src/shared/bytes.ts';
import { parseNodeAddress, type NodeAddress } from './address.ts';
import { vlanTags } from './linkLayer.ts';
import { normaliseSipText } from './sipText.ts';
import {
  FlowError,
  type FlowBytes,
  type FlowDescription,
  type FlowMessage,
  type FlowStep,
  type FlowTransport,
  type LinkName,
  type VlanTag,
} from './flowTypes.ts';

export const DEFAULT_START = '2024-03-01T10:00:00Z';
const DEFAULT_STEP_SECONDS = 0.01;
const LINKS: readonly LinkName[] = ['ethernet', 'sll', 'sll2', 'raw', 'null'];
const TRANSPORTS: readonly FlowTransport[] = ['udp', 'tcp', 'sctp', 'ws', 'hep3', 'hep3-tcp'];

interface ResolvedCommon {
  readonly index: number;
  readonly timeNs: number;
  readonly link: LinkName;
  readonly tags: readonly VlanTag[];
  readonly truncate?: number;
  readonly comment?: string;
}

export interface ResolvedMessage extends ResolvedCommon {
  readonly kind: 'message';
  readonly from: NodeAddress;
  readonly to: NodeAddress;
  readonly transport: FlowTransport;
  readonly payload: Uint8Array;
  readonly source: FlowMessage;
}

export interface ResolvedFrame extends ResolvedCommon {
  readonly kind: 'frame';
  /** Whole link frame, or an IP packet to wrap. */
  readonly bytes: Uint8Array;
  readonly wrapIp: boolean;
}

export type ResolvedStep = ResolvedMessage | ResolvedFrame;

export interface ResolvedHep {
  readonly collector: NodeAddress;
  readonly agent: NodeAddress;
  readonly agentId: number;
  readonly delayNs: number;
  /** IP protocol number of the original transport (17 or 6). */
  readonly innerProtocol: number;
}

export interface ResolvedFlow {
  readonly startSeconds: number;
  readonly startNanoseconds: number;
  readonly format: 'pcap' | 'pcapng';
  readonly nanosecond: boolean;
  readonly hep: ResolvedHep;
  /** IP of the first node: frames it sends are "outgoing" in SLL headers. */
  readonly captureHost: Uint8Array | undefined;
  readonly comment?: string;
  readonly steps: readonly ResolvedStep[];
}

export function toBytes(value: FlowBytes, where: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value !== 'string') throw new FlowError(`${where}: bytes must be hex text or a Uint8Array`);
  try {
    return hex(value);
  } catch (e) {
    throw new FlowError(`${where}: ${(e as Error).message}`);
  }
}

const secondsToNs = (s: number): number => Math.round(s * 1e9);

export function resolveFlow(flow: FlowDescription): ResolvedFlow {
  if (typeof flow !== 'object' || flow === null) throw new FlowError('a flow must be an object');
  if (!Array.isArray(flow.messages)) throw new FlowError('a flow needs a messages array');
  const nodes = new Map<string, NodeAddress>();
  for (const [name, text] of Object.entries(flow.nodes ?? {})) nodes.set(name, parseNodeAddress(text));
  const lookup = (name: unknown, where: string): NodeAddress => {
    if (typeof name !== 'string') throw new FlowError(`${where}: node must be a name or an address`);
    const node = nodes.get(name);
    if (node) return node;
    if (/:\d+$/.test(name)) return parseNodeAddress(name);
    throw new FlowError(`${where}: unknown node "${name}"`);
  };

  const startMs = Date.parse(flow.start ?? DEFAULT_START);
  if (Number.isNaN(startMs)) throw new FlowError(`start "${flow.start}" is not an ISO 8601 time`);
  const format = flow.format ?? 'pcap';
  if (format !== 'pcap' && format !== 'pcapng') throw new FlowError(`format "${String(format)}" is not pcap or pcapng`);
  const checkLink = (link: unknown, where: string): LinkName => {
    if (!LINKS.includes(link as LinkName)) throw new FlowError(`${where}: link "${String(link)}" is not one of ${LINKS.join(', ')}`);
    return link as LinkName;
  };
  const flowLink = checkLink(flow.link ?? 'ethernet', 'flow');
  const flowTags = vlanTags(flow.vlan);
  const hep = flow.hep ?? {};

  let previousNs = -secondsToNs(DEFAULT_STEP_SECONDS);
  const steps = flow.messages.map((step: FlowStep, index): ResolvedStep => {
    const where = `messages[${index}]`;
    if (typeof step !== 'object' || step === null) throw new FlowError(`${where}: must be an object`);
    if (step.at !== undefined && (typeof step.at !== 'number' || !Number.isFinite(step.at) || step.at < 0)) {
      throw new FlowError(`${where}: at must be a number of seconds ≥ 0`);
    }
    const timeNs = step.at !== undefined ? secondsToNs(step.at) : previousNs + secondsToNs(DEFAULT_STEP_SECONDS);
    previousNs = timeNs;
    const common: ResolvedCommon = {
      index,
      timeNs,
      link: checkLink(step.link ?? flowLink, where),
      tags: step.vlan !== undefined ? vlanTags(step.vlan) : flowTags,
      ...(step.truncate !== undefined ? { truncate: step.truncate } : {}),
      ...(step.comment !== undefined ? { comment: step.comment } : {}),
    };
    if (!('from' in step)) {
      const frameStep = step;
      if ((frameStep.frame === undefined) === (frameStep.ip === undefined)) {
        throw new FlowError(`${where}: a step needs from/to, or exactly one of frame / ip`);
      }
      const wrapIp = frameStep.ip !== undefined;
      return { ...common, kind: 'frame', bytes: toBytes((frameStep.frame ?? frameStep.ip)!, where), wrapIp };
    }
    const message = step;
    const transport = message.transport ?? flow.transport ?? 'udp';
    if (!TRANSPORTS.includes(transport)) throw new FlowError(`${where}: transport "${transport}" is not one of ${TRANSPORTS.join(', ')}`);
    const from = lookup(message.from, where);
    const to = lookup(message.to, where);
    if (from.family !== to.family) throw new FlowError(`${where}: ${message.from} and ${message.to} are not the same IP version`);
    let payload: Uint8Array;
    if (message.bytes !== undefined) payload = toBytes(message.bytes, where);
    else if (typeof message.text === 'string') {
      payload = message.rawText
        ? new TextEncoder().encode(message.text)
        : normaliseSipText(message.text, { keepContentLength: message.keepContentLength ?? false });
    } else throw new FlowError(`${where}: a message needs text or bytes`);
    return { ...common, kind: 'message', from, to, transport, payload, source: message };
  });

  return {
    startSeconds: Math.floor(startMs / 1000),
    startNanoseconds: (startMs - Math.floor(startMs / 1000) * 1000) * 1e6,
    format,
    nanosecond: flow.nanosecond ?? false,
    hep: {
      collector: parseNodeAddress(hep.collector ?? '198.51.100.2:9060'),
      agent: parseNodeAddress(hep.agent ?? '198.51.100.1:9061'),
      agentId: hep.agentId ?? 2001,
      delayNs: secondsToNs(hep.delay ?? 0.001),
      innerProtocol: hep.innerTransport === 'tcp' ? 6 : 17,
    },
    captureHost: nodes.values().next().value?.ip,
    ...(flow.comment !== undefined ? { comment: flow.comment } : {}),
    steps,
  };
}
