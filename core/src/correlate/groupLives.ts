/**
 * Streaming correlation's bookkeeping of Call-ID groups (RFC 3261 §8.1.1.4): how many transactions (§17) and
 * dialogs (§12) of each group are still live, and, once none is, handing the group's finished transactions,
 * logical transactions and dialogs to the sink and forgetting them. A Call-ID that comes back later simply
 * starts a new life (what settled of it stays settled: nothing live could still reach it).
 */
import type { CallIdGroups } from './callIdGroups.ts';
import type { CorrelationSink } from './correlationSink.ts';
import type { HopLinker } from './hopLinker.ts';
import type { Dialog, LogicalTransaction } from './model.ts';
import type { TxRuntime } from './transactionRuntime.ts';

interface GroupLife {
  live: number;
  transactions: TxRuntime[];
  dialogs: Dialog[];
}

export class GroupLives {
  private readonly lives = new Map<number, GroupLife>();
  private readonly settling: number[] = [];

  constructor(
    private readonly groups: CallIdGroups,
    private readonly hopLinker: HopLinker,
    private readonly sink: CorrelationSink,
  ) {}

  /** A record of `group` created a transaction and/or dialogs. */
  created(group: number, rt: TxRuntime | undefined, dialogs: readonly Dialog[]): void {
    if (rt === undefined && dialogs.length === 0) return;
    let life = this.lives.get(group);
    if (life === undefined) this.lives.set(group, (life = { live: 0, transactions: [], dialogs: [] }));
    if (rt !== undefined) {
      life.live++;
      life.transactions.push(rt);
    }
    for (const d of dialogs) {
      life.live++;
      life.dialogs.push(d);
    }
  }

  /** A transaction or dialog of this Call-ID can no longer be reached. */
  retired(callId: string): void {
    const group = this.groups.idOf(callId);
    const life = this.lives.get(group);
    if (life === undefined) return;
    if (--life.live === 0) this.settling.push(group);
  }

  /**
   * Hands over each group whose last transaction and dialog have retired, unless the record being correlated
   * revived it (called between records, so a group is never handed over half-way through one).
   */
  settle(): void {
    for (const group of this.settling) {
      const life = this.lives.get(group);
      if (life === undefined || life.live > 0) continue;
      this.lives.delete(group);
      const logical = new Set<LogicalTransaction>();
      for (const rt of life.transactions) if (rt.logical !== undefined) logical.add(rt.logical);
      for (const l of logical) this.hopLinker.forget(l);
      const logicalTransactions = [...logical].sort((a, b) => a.id - b.id);
      this.sink.settled({ group: this.groups.groups[group]!, transactions: life.transactions, logicalTransactions, dialogs: life.dialogs });
    }
    this.settling.length = 0;
  }
}
