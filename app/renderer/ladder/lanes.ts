/**
 * Ladder lanes: one vertical line per network node. Addresses merge by the correlator's node (its
 * aliases and evidence), by host, or by host and port; a person can rename any lane. Lanes are ordered
 * by first appearance, the sender before the receiver, so a call reads left to right (caller first).
 */
import type { LadderMessage, LadderNode } from '../../shared/apiTypes.ts';

export type LaneMode = 'node' | 'host' | 'hostPort';
export const LANE_MODES: readonly LaneMode[] = ['node', 'host', 'hostPort'];

export interface Lane {
  /** Stable across captures for the same addresses (aliases are stored by it). */
  key: string;
  label: string;
  /** Addresses merged into this lane. */
  endpoints: string[];
  role: string;
}

/** "192.0.2.1:5060" → "192.0.2.1"; "[2001:db8::1]:5060" → "2001:db8::1". */
export function hostOf(endpoint: string): string {
  if (endpoint.startsWith('[')) {
    const end = endpoint.indexOf(']');
    return end > 0 ? endpoint.slice(1, end) : endpoint;
  }
  const colon = endpoint.lastIndexOf(':');
  return colon > 0 ? endpoint.slice(0, colon) : endpoint;
}

export function laneKey(endpoint: string, node: LadderNode | undefined, mode: LaneMode): string {
  if (mode === 'host') return hostOf(endpoint);
  if (mode === 'node' && node !== undefined) return node.endpoints.length > 0 ? [...node.endpoints].sort()[0]! : endpoint;
  return endpoint;
}

export interface LaneAssignment {
  lanes: Lane[];
  /** Lane number of each message's source and destination, message order. */
  src: Int32Array;
  dst: Int32Array;
}

export function assignLanes(messages: readonly LadderMessage[], nodes: readonly LadderNode[], mode: LaneMode, aliases: Readonly<Record<string, string>>): LaneAssignment {
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const byKey = new Map<string, number>();
  const lanes: Lane[] = [];
  const src = new Int32Array(messages.length);
  const dst = new Int32Array(messages.length);
  const laneOf = (endpoint: string, nodeId: number): number => {
    const node = nodeById.get(nodeId);
    const key = laneKey(endpoint, node, mode);
    let lane = byKey.get(key);
    if (lane === undefined) {
      lane = lanes.length;
      byKey.set(key, lane);
      const fallback = mode === 'node' && node !== undefined ? node.name : key;
      lanes.push({ key, label: aliases[key] ?? fallback, endpoints: [], role: node?.role ?? '' });
    }
    const l = lanes[lane]!;
    if (!l.endpoints.includes(endpoint) && l.endpoints.length < 50) l.endpoints.push(endpoint);
    return lane;
  };
  messages.forEach((m, i) => {
    src[i] = laneOf(m.src, m.srcNode);
    dst[i] = laneOf(m.dst, m.dstNode);
  });
  return { lanes, src, dst };
}
