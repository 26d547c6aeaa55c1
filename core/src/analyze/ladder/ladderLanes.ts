/**
 * Ladder lanes: one vertical line per SIP entity (RFC 3261 §6: UA, proxy, registrar, B2BUA…). Addresses
 * merge by the correlator's node (its aliases and evidence), by host, or by exact host:port. Lanes are
 * ordered by first appearance, sender before receiver, so a call reads left to right from the caller.
 */
import type { CorrelationModel } from '../../correlate/model.ts';
import { formatEndpoint, type Endpoint } from '../../shared/endpoint.ts';
import type { LadderLane, LaneMerge } from './ladderModel.ts';

const MAX_LANE_ENDPOINTS = 64;

export class LaneAssigner {
  readonly lanes: LadderLane[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly nodeKeys = new Map<number, string>();
  private readonly endpointSets: Set<string>[] = [];

  constructor(private readonly model: CorrelationModel, private readonly merge: LaneMerge) {}

  /** Lane id of an address as seen on one message; `nodeId` is the correlator's node for it (-1 none). */
  laneOf(endpoint: Endpoint, nodeId: number): number {
    const address = formatEndpoint(endpoint);
    const node = nodeId >= 0 ? this.model.nodes[nodeId] : undefined;
    const key = this.merge === 'host' ? endpoint.ip : this.merge === 'node' && node !== undefined ? this.nodeKey(nodeId) : address;
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.lanes.length;
      this.byKey.set(key, id);
      this.lanes.push({
        id, key, name: node?.name ?? (this.merge === 'host' ? endpoint.ip : address), nodes: [], endpoints: [],
        endpointCount: 0, hostnames: [], role: node?.role ?? 'unknown',
      });
      this.endpointSets.push(new Set());
    }
    const lane = this.lanes[id]!;
    const seen = this.endpointSets[id]!;
    if (!seen.has(address)) {
      seen.add(address);
      lane.endpointCount++;
      if (lane.endpoints.length < MAX_LANE_ENDPOINTS) lane.endpoints.push(address);
    }
    if (node !== undefined && !lane.nodes.includes(nodeId)) {
      lane.nodes.push(nodeId);
      for (const h of node.hostnames) if (!lane.hostnames.includes(h) && lane.hostnames.length < MAX_LANE_ENDPOINTS) lane.hostnames.push(h);
    }
    return id;
  }

  /** A node's key is its smallest endpoint: stable whatever order the capture showed them in. */
  private nodeKey(nodeId: number): string {
    let key = this.nodeKeys.get(nodeId);
    if (key === undefined) {
      const node = this.model.nodes[nodeId]!;
      key = node.endpoints.length === 0 ? `node:${node.name}` : node.endpoints.reduce((a, b) => (b < a ? b : a));
      this.nodeKeys.set(nodeId, key);
    }
    return key;
  }
}
