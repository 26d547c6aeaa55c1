/**
 * SIP nodes from behaviour (RFC 3261 §6 roles: UA, proxy, registrar, redirect server, B2BUA): each
 * transport address starts as its own node; addresses merge when evidence says one entity owns them
 * (forwarding between them, Via sent-by, Contact, Record-Route, or a user alias). Every merge and
 * role keeps the rule and message that justified it.
 */
import { formatEndpoint, type Endpoint } from '../shared/endpoint.ts';
import type { NodeEvidence, NodeRole, SipNode } from './model.ts';
import { detachString } from './detachString.ts';
import { hostOf } from './endpointHost.ts';

interface Merge {
  a: number;
  b: number;
  /** Strong merges always apply; weak ones only when both addresses really carried packets. */
  strong: boolean;
  evidence: NodeEvidence;
}

interface RoleEvidence {
  endpoint: number;
  role: NodeRole;
  evidence: NodeEvidence;
}

const ROLE_ORDER: readonly NodeRole[] = ['b2bua', 'statefulProxy', 'statelessProxy', 'proxy', 'registrar', 'redirectServer', 'ua'];

/** Evidence details are built only for the first occurrence of a rule, so callers may pass a thunk. */
export type Detail = string | (() => string);

const MAX_ID = 1 << 20;

/** Endpoint names of one IP: the first port's inline (most addresses use one port), any others in a map. */
interface AddressPorts {
  /** The IP as kept (the map's key): others may share this string. */
  readonly ip: string;
  readonly port: number;
  readonly name: string;
  others: Map<number, string> | undefined;
}
const LEAN_EVIDENCE: NodeEvidence = Object.freeze({ rule: '', detail: '', index: -1 });

export class NodeBook {
  private readonly ids = new Map<string, number>();
  readonly endpointNames: string[] = [];
  private readonly observed: boolean[] = [];
  private readonly merges: Merge[] = [];
  private readonly roles: RoleEvidence[] = [];
  private readonly seenEvidence = new Set<number | string>();
  private readonly ruleIds = new Map<string, number>();
  private readonly byAddress = new Map<string, AddressPorts>();
  private readonly hostnames = new Map<number, Set<string>>();
  private readonly userAgents = new Map<number, Set<string>>();
  private parent: Int32Array = new Int32Array(0);

  /**
   * `lean`: only which addresses form one node is kept (a streamed summary counts nodes): no roles, no
   * evidence texts, no hostnames or user agents.
   */
  constructor(private readonly lean = false) {}

  /** Interns a packet endpoint (marking it as observed on the wire) and returns its "ip:port" name. */
  observe(endpoint: Endpoint): string {
    const slot = this.byAddress.get(endpoint.ip);
    if (slot !== undefined) {
      if (slot.port === endpoint.port) return slot.name;
      const other = slot.others?.get(endpoint.port);
      if (other !== undefined) return other;
    }
    const name = detachString(formatEndpoint(endpoint));
    if (slot === undefined) {
      const ip = detachString(endpoint.ip);
      this.byAddress.set(ip, { ip, port: endpoint.port, name, others: undefined });
    }
    else (slot.others ??= new Map()).set(endpoint.port, name);
    this.observed[this.idOf(name)] = true;
    return name;
  }


  /** The kept copy of an IP seen on the wire (to share it), undefined for others. */
  ipOf(text: string): string | undefined {
    return this.byAddress.get(text)?.ip;
  }

  idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.endpointNames.length;
      const kept = detachString(name);
      this.ids.set(kept, id);
      this.endpointNames.push(kept);
      this.observed.push(false);
    }
    return id;
  }

  /** Two addresses belong to one node. Same-IP evidence is strong; cross-IP needs both seen on the wire. */
  merge(a: string, b: string, rule: string, detail: Detail, index: number, strong?: boolean): void {
    if (a === b) return;
    const ia = this.idOf(a);
    const ib = this.idOf(b);
    if (!this.firstTime(ia, ib, `merge ${rule}`)) return;
    const evidence = this.lean ? LEAN_EVIDENCE : { rule, detail: text(detail), index };
    this.merges.push({ a: ia, b: ib, strong: strong ?? hostOf(a) === hostOf(b), evidence });
  }

  role(endpoint: string, role: NodeRole, rule: string, detail: Detail, index: number): void {
    if (this.lean) return;
    const id = this.idOf(endpoint);
    if (!this.firstTime(id, 0, `${role} ${rule}`)) return;
    this.roles.push({ endpoint: id, role, evidence: { rule, detail: text(detail), index } });
  }

  /** Numeric dedupe key (endpoint ids and a rule number) so repeated evidence costs no string building. */
  private firstTime(a: number, b: number, rule: string): boolean {
    let ruleId = this.ruleIds.get(rule);
    if (ruleId === undefined) this.ruleIds.set(rule, (ruleId = this.ruleIds.size));
    const key = a < MAX_ID && b < MAX_ID && ruleId < 128 ? (a * MAX_ID + b) * 128 + ruleId : `${a} ${b} ${ruleId}`;
    if (this.seenEvidence.has(key)) return false;
    this.seenEvidence.add(key);
    return true;
  }

  hostname(endpoint: string, host: string): void {
    if (this.lean) return;
    addTo(this.hostnames, this.idOf(endpoint), host.toLowerCase());
  }

  userAgent(endpoint: string, product: string): void {
    if (this.lean) return;
    addTo(this.userAgents, this.idOf(endpoint), product);
  }

  /** Applies merges (and aliases: endpoints or IPs mapped to one name) and returns endpoint → group root. */
  resolve(aliases: Readonly<Record<string, string>>): (endpoint: string) => number {
    const n = this.endpointNames.length;
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    for (const m of this.merges) if (m.strong || (this.observed[m.a] && this.observed[m.b])) this.union(m.a, m.b);
    const aliasRoot = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const alias = this.aliasOf(i, aliases);
      if (alias === undefined) continue;
      const root = aliasRoot.get(alias);
      if (root === undefined) aliasRoot.set(alias, i);
      else this.union(root, i);
    }
    return (endpoint: string) => {
      const id = this.ids.get(endpoint);
      return id === undefined ? -1 : this.find(id);
    };
  }

  /** How many nodes `build` would make (after `resolve`), without making them. */
  countNodes(): number {
    const roots = new Set<number>();
    for (let i = 0; i < this.endpointNames.length; i++) if (this.observed[i]) roots.add(this.find(i));
    return roots.size;
  }

  /** Builds the nodes after `resolve`; returns them and a map from group root to node id. */
  build(aliases: Readonly<Record<string, string>>): { nodes: SipNode[]; nodeOfRoot: Map<number, number> } {
    const nodes: SipNode[] = [];
    const nodeOfRoot = new Map<number, number>();
    for (let i = 0; i < this.endpointNames.length; i++) {
      if (!this.observed[i]) continue;
      const root = this.find(i);
      let id = nodeOfRoot.get(root);
      if (id === undefined) {
        id = nodes.length;
        nodeOfRoot.set(root, id);
        nodes.push({ id, name: '', endpoints: [], hostnames: [], roles: [], role: 'ua', userAgents: [], evidence: [] });
      }
    }
    for (let i = 0; i < this.endpointNames.length; i++) {
      const node = nodes[nodeOfRoot.get(this.find(i)) ?? -1];
      if (node === undefined) continue;
      node.endpoints.push(this.endpointNames[i]!);
      for (const h of this.hostnames.get(i) ?? []) if (!node.hostnames.includes(h)) node.hostnames.push(h);
      for (const u of this.userAgents.get(i) ?? []) if (!node.userAgents.includes(u)) node.userAgents.push(u);
      const alias = this.aliasOf(i, aliases);
      if (alias !== undefined) node.name = alias;
    }
    for (const m of this.merges) {
      const node = nodes[nodeOfRoot.get(this.find(m.a)) ?? -1];
      if (node !== undefined && this.find(m.a) === this.find(m.b)) node.evidence.push(m.evidence);
    }
    for (const r of this.roles) {
      const node = nodes[nodeOfRoot.get(this.find(r.endpoint)) ?? -1];
      if (node === undefined) continue;
      if (!node.roles.includes(r.role)) node.roles.push(r.role);
      node.evidence.push({ ...r.evidence, rule: `${r.role}: ${r.evidence.rule}` });
    }
    for (const node of nodes) finishNode(node);
    return { nodes, nodeOfRoot };
  }

  private aliasOf(id: number, aliases: Readonly<Record<string, string>>): string | undefined {
    const name = this.endpointNames[id]!;
    return aliases[name] ?? aliases[hostOf(name)];
  }

  private find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      p[i] = p[p[i]!]!;
      i = p[i]!;
    }
    return i;
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // Keep the earlier-interned endpoint as root so node order follows first appearance.
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }
}

function text(detail: Detail): string {
  return typeof detail === 'string' ? detail : detail();
}

function addTo(map: Map<number, Set<string>>, id: number, value: string): void {
  let set = map.get(id);
  if (set === undefined) map.set(id, (set = new Set()));
  if (set.size < 8) set.add(value);
}

function finishNode(node: SipNode): void {
  if (node.roles.includes('statefulProxy') || node.roles.includes('statelessProxy')) {
    node.roles = node.roles.filter((r) => r !== 'proxy');
    if (node.roles.includes('statefulProxy')) node.roles = node.roles.filter((r) => r !== 'statelessProxy');
  }
  if (node.roles.length === 0) node.roles.push('ua');
  node.roles.sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
  node.role = node.roles[0]!;
  if (node.name === '') {
    node.name = node.endpoints.find((e) => e.endsWith(':5060') || e.endsWith(':5061')) ?? node.endpoints[0]!;
  }
}
