/**
 * Calls from call legs: a B2BUA (RFC 7092) starts a new Call-ID for each leg, so legs are related by
 * rules — correlation headers (X-Call-ID, X-CID, …), Replaces / Refer-To (RFC 3891, RFC 3515), the same
 * SDP media address while both legs are up, and the dialled number within a short time window when
 * the node that received one leg sends the other. Each link keeps the rule that made it.
 */
import type { Call, CallLeg, Dialog, LegLink } from './model.ts';
import { isCallGroup, type CallIdGroup } from './callIdGroups.ts';
import { diffMs } from '../shared/time.ts';
import { answerMediaOf, dialledOf, offerMediaOf } from './legKeys.ts';

export interface CallBuild {
  calls: Call[];
  /** Call id per Call-ID group id (-1 for groups that are other usages). */
  callOfGroup: Int32Array;
  /** Nodes seen receiving one leg and sending a linked one: "endpoint", detail, index. */
  b2bua: { endpoint: string; detail: string; index: number }[];
}

export function buildCalls(
  groups: readonly CallIdGroup[],
  dialogs: readonly Dialog[],
  nodeOf: (endpoint: string) => number,
  windowMs: number,
): CallBuild {
  const { legs, links, find } = linkLegs(groups, nodeOf, windowMs);
  const b2bua: CallBuild['b2bua'] = [];
  for (const { a, b, link: l } of links) {
    const [first, second] = (a.invite?.seq ?? a.firstSeq) <= (b.invite?.seq ?? b.firstSeq) ? [a, b] : [b, a];
    if (first.invite && second.invite && nodeOf(first.invite.server) === nodeOf(second.invite.client) && nodeOf(first.invite.server) >= 0) {
      b2bua.push({ endpoint: first.invite.server, detail: `receives Call-ID ${first.callId} and sends Call-ID ${second.callId} (${l.rule})`, index: second.invite.index });
    }
  }
  return { ...assemble(groups, legs, links.map((l) => l.link), dialogs, find), b2bua };
}

/**
 * The call of each Call-ID group, numbered as `buildCalls` numbers them (by each call's first leg), and how
 * many calls there are — without building them (a streamed summary needs only the count and first legs).
 */
export function callsOfGroups(
  groups: readonly CallIdGroup[],
  nodeOf: (endpoint: string) => number,
  windowMs: number,
): { callOfGroup: Int32Array; calls: number } {
  const { legs, find } = linkLegs(groups, nodeOf, windowMs);
  const callOfGroup = new Int32Array(groups.length).fill(-1);
  const callOfRoot = new Map<number, number>();
  for (const g of [...legs].sort((x, y) => x.firstSeq - y.firstSeq)) {
    const root = find(g.id);
    let call = callOfRoot.get(root);
    if (call === undefined) callOfRoot.set(root, (call = callOfRoot.size));
    callOfGroup[g.id] = call;
  }
  return { callOfGroup, calls: callOfRoot.size };
}

interface LegLinks {
  legs: CallIdGroup[];
  links: { a: CallIdGroup; b: CallIdGroup; link: LegLink }[];
  find: (i: number) => number;
}

/** The rules of the head comment applied to every pair of call legs: the links made, and their union. */
function linkLegs(groups: readonly CallIdGroup[], nodeOf: (endpoint: string) => number, windowMs: number): LegLinks {
  const legs = groups.filter(isCallGroup);
  const parent = new Int32Array(groups.length).map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const links: { a: CallIdGroup; b: CallIdGroup; link: LegLink }[] = [];
  const link = (a: CallIdGroup, b: CallIdGroup, rule: string, evidence: string, index: number): void => {
    if (a === b) return;
    const ra = find(a.id);
    const rb = find(b.id);
    if (ra === rb) return;
    parent[Math.max(ra, rb)] = Math.min(ra, rb);
    links.push({ a, b, link: { from: a.callId, to: b.callId, rule, evidence, index } });
  };
  const byCallId = new Map(legs.map((g) => [g.callId, g]));

  for (const g of legs) {
    for (const ref of g.references) {
      const target = byCallId.get(ref.callId);
      if (target !== undefined) link(target, g, ref.rule, `${ref.rule} names Call-ID ${ref.callId}`, ref.index);
    }
  }
  const byHeaderValue = new Map<string, CallIdGroup>();
  for (const g of legs) {
    const invite = g.invite;
    if (invite === undefined) continue;
    for (const [name, value] of Object.entries(invite.headers)) {
      const target = byCallId.get(value);
      if (target !== undefined) {
        link(target, g, `header:${name}`, `${name}: ${value}`, invite.index);
        continue;
      }
      const key = `${name}\u0000${value}`;
      const first = byHeaderValue.get(key);
      if (first === undefined) byHeaderValue.set(key, g);
      else link(first, g, `header:${name}`, `both legs carry ${name}: ${value}`, invite.index);
    }
  }
  const started = legs.filter((g) => g.invite !== undefined).sort((x, y) => x.invite!.seq - y.invite!.seq);
  linkByMedia(started, windowMs, link);
  linkByNumber(started, nodeOf, windowMs, link);
  return { legs, links, find };
}

type Linker = (a: CallIdGroup, b: CallIdGroup, rule: string, evidence: string, index: number) => void;

/** While leg a is up, leg b offers (or answers with) the very same media address: a B2BUA passing SDP through. */
function linkByMedia(started: readonly CallIdGroup[], windowMs: number, link: Linker): void {
  // Per media address, the legs started within the window before the current one (oldest dropped first).
  const recent = new Map<string, CallIdGroup[]>();
  for (const g of started) {
    const keys = [offerMediaOf(g.invite!), answerMediaOf(g)];
    for (const key of keys) {
      if (key === undefined) continue;
      let earlier = recent.get(key);
      if (earlier === undefined) recent.set(key, (earlier = []));
      let drop = 0;
      while (drop < earlier.length && diffMs(earlier[drop]!.invite!.timestamp, g.invite!.timestamp) > windowMs) drop++;
      if (drop > 0) earlier.splice(0, drop);
      for (const a of earlier) {
        if (a.invite!.client === g.invite!.client || !overlaps(a, g, windowMs)) continue;
        link(a, g, 'sdp-media', `both legs use media ${key}`, g.invite!.index);
      }
      if (earlier.length < 64) earlier.push(g);
    }
  }
}

/** The node that received leg a sends leg b for the same number shortly after. */
function linkByNumber(started: readonly CallIdGroup[], nodeOf: (e: string) => number, windowMs: number, link: Linker): void {
  const byClientNode = new Map<number, CallIdGroup[]>();
  for (const g of started) {
    const node = nodeOf(g.invite!.client);
    if (node < 0) continue;
    const list = byClientNode.get(node);
    if (list === undefined) byClientNode.set(node, [g]);
    else list.push(g);
  }
  for (const a of started) {
    const candidates = byClientNode.get(nodeOf(a.invite!.server));
    if (candidates === undefined) continue;
    // Candidates are in processing order: start after a, stop once past the window.
    let lo = 0;
    let hi = candidates.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (candidates[mid]!.invite!.seq <= a.invite!.seq) lo = mid + 1;
      else hi = mid;
    }
    const na = dialledOf(a.invite!);
    for (let i = lo; i < candidates.length; i++) {
      const b = candidates[i]!;
      if (diffMs(a.invite!.timestamp, b.invite!.timestamp) > windowMs) break;
      if (!overlaps(a, b, windowMs)) continue;
      const nb = dialledOf(b.invite!);
      if (numbersMatch(na, nb)) link(a, b, 'number-time', `${na} → ${nb} within ${Math.round(diffMs(a.invite!.timestamp, b.invite!.timestamp))} ms`, b.invite!.index);
    }
  }
}

function overlaps(a: CallIdGroup, b: CallIdGroup, windowMs: number): boolean {
  const startGap = diffMs(a.invite!.timestamp, b.invite!.timestamp);
  return startGap >= 0 && startGap <= windowMs && diffMs(b.invite!.timestamp, a.end) >= 0;
}



/**
 * Same dialled number in two notations: equal user parts, or the same last digits (up to 8, at least 6)
 * so that +44 1555 0100 and 0 1555 0100 match while short extensions must match exactly.
 */
export function numbersMatch(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  if (a === b) return true;
  const da = a.replace(/\D/g, '');
  const db = b.replace(/\D/g, '');
  const k = Math.min(8, da.length, db.length);
  if (k < 6) return da.length > 0 && da === db;
  return da.slice(-k) === db.slice(-k);
}

function assemble(
  groups: readonly CallIdGroup[], legs: readonly CallIdGroup[], links: LegLink[], dialogs: readonly Dialog[],
  find: (i: number) => number,
): Omit<CallBuild, 'b2bua'> {
  const callOfGroup = new Int32Array(groups.length).fill(-1);
  const calls: Call[] = [];
  const callOfRoot = new Map<number, Call>();
  for (const g of [...legs].sort((x, y) => x.firstSeq - y.firstSeq)) {
    const root = find(g.id);
    let call = callOfRoot.get(root);
    if (call === undefined) {
      call = { id: calls.length, legs: [], links: [], dialogs: [], firstIndex: g.firstIndex, lastIndex: g.lastIndex, start: g.start, end: g.end, messages: 0 };
      calls.push(call);
      callOfRoot.set(root, call);
    }
    callOfGroup[g.id] = call.id;
    call.legs.push(legOf(g));
    call.messages += g.messages;
    if (g.lastIndex > call.lastIndex) {
      call.lastIndex = g.lastIndex;
      call.end = g.end;
    }
  }
  const callByCallId = new Map<string, Call>();
  for (const call of calls) for (const leg of call.legs) callByCallId.set(leg.callId, call);
  for (const l of links) callByCallId.get(l.from)?.links.push(l);
  for (const d of dialogs) {
    const call = callByCallId.get(d.callId);
    if (call === undefined) continue;
    call.dialogs.push(d.id);
    call.legs.find((leg) => leg.callId === d.callId)?.dialogs.push(d.id);
  }
  return { calls, callOfGroup };
}

function legOf(g: CallIdGroup): CallLeg {
  const invite = g.invite;
  const leg: CallLeg = { callId: g.callId, initialIndex: invite?.index ?? -1, client: invite?.client ?? '', server: invite?.server ?? '', dialogs: [] };
  if (invite?.facts.from?.uri !== undefined) leg.from = invite.facts.from.uri;
  if (invite?.facts.to?.uri !== undefined) leg.to = invite.facts.to.uri;
  if (invite?.facts.requestUri !== undefined) leg.requestUri = invite.facts.requestUri;
  return leg;
}
