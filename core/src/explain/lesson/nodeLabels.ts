/**
 * Names for the ladder's nodes: a lesson's own names ("alice": "192.0.2.1:5060") matched on address and
 * port, else on the address alone when only one name has it (a phone sending its BYE from another port),
 * else the analysis's node name.
 */
import type { CorrelationModel } from '../../correlate/model.ts';
import { formatEndpoint, type Endpoint } from '../../shared/endpoint.ts';

export type NodeLabeler = (endpoint: Endpoint, node: number | undefined) => string;

const bare = (endpoint: string): string => endpoint.replace(/^\[([^\]]+)\]/, '$1').toLowerCase();
const ipOf = (endpoint: string): string => {
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(endpoint);
  if (m) return m[1]!.toLowerCase();
  return (endpoint.split(':').length === 2 ? endpoint.replace(/:\d+$/, '') : endpoint).toLowerCase();
};

export function nodeLabeler(names: Readonly<Record<string, string>>, model: CorrelationModel): NodeLabeler {
  const byEndpoint = new Map<string, string>();
  const byIp = new Map<string, string | null>();
  for (const [name, endpoint] of Object.entries(names)) {
    byEndpoint.set(bare(endpoint), name);
    const ip = ipOf(endpoint);
    byIp.set(ip, byIp.has(ip) && byIp.get(ip) !== name ? null : name);
  }
  return (endpoint, node) => {
    const text = formatEndpoint(endpoint);
    return byEndpoint.get(bare(text)) ?? byIp.get(endpoint.ip.toLowerCase()) ?? (node !== undefined && node >= 0 ? model.nodes[node]?.name : undefined) ?? text;
  };
}
