/**
 * What the rules look up about a message besides the message itself, indexed once per capture: node
 * roles, registration attempts per transaction, B2BUA leg links per message, and the hop annotation.
 */
import { hopAnnotation } from '../../correlate/hopAnnotation.ts';
import type {
  CorrelationModel, HopAnnotation, LegLink, NodeRole, RecordLookup, RegistrationAttempt, Transaction,
} from '../../correlate/model.ts';

export interface ExplainInput {
  readonly model: CorrelationModel;
  readonly lookup: RecordLookup;
}

export interface AttemptInfo {
  readonly attempt: RegistrationAttempt;
  /** The attempt before it in the same registration (its status says why this one was sent). */
  readonly previous?: RegistrationAttempt;
}

export interface ExplainContext extends ExplainInput {
  transactionOf(index: number): Transaction | undefined;
  roleOf(node: number | undefined): NodeRole | undefined;
  hop(index: number): HopAnnotation | undefined;
  attemptOf(transaction: number): AttemptInfo | undefined;
  legLinkAt(index: number): LegLink | undefined;
}

const PROXY_ROLES: ReadonlySet<NodeRole> = new Set(['statefulProxy', 'statelessProxy', 'proxy']);

export function isProxyRole(role: NodeRole | undefined): boolean {
  return role !== undefined && PROXY_ROLES.has(role);
}

export function makeExplainContext(input: ExplainInput): ExplainContext {
  const { model } = input;
  const attempts = new Map<number, AttemptInfo>();
  for (const usage of model.usages) {
    const list = usage.registration?.attempts ?? [];
    list.forEach((attempt, i) => attempts.set(attempt.transaction, i > 0 ? { attempt, previous: list[i - 1]! } : { attempt }));
  }
  const links = new Map<number, LegLink>();
  for (const call of model.calls) for (const link of call.links) if (!links.has(link.index)) links.set(link.index, link);
  return {
    ...input,
    transactionOf: (index) => model.transactions[model.columns.transaction[index] ?? -1],
    roleOf: (node) => (node === undefined || node < 0 ? undefined : model.nodes[node]?.role),
    hop: (index) => hopAnnotation(model, index, input.lookup),
    attemptOf: (transaction) => attempts.get(transaction),
    legLinkAt: (index) => links.get(index),
  };
}
