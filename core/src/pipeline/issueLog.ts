/** Counts issues by code and keeps the first few of each, so a capture full of damage cannot exhaust memory. */
import type { Issue } from '../shared/issue.ts';

export class IssueLog {
  private readonly counts = new Map<string, number>();
  private readonly samples = new Map<string, Issue[]>();

  constructor(private readonly samplesPerCode = 50) {}

  add(issue: Issue): void {
    const n = (this.counts.get(issue.code) ?? 0) + 1;
    this.counts.set(issue.code, n);
    if (n <= this.samplesPerCode) {
      let list = this.samples.get(issue.code);
      if (!list) this.samples.set(issue.code, (list = []));
      list.push(issue);
    }
  }

  addAll(issues: readonly Issue[], frame?: number): void {
    for (const issue of issues) this.add(frame !== undefined && issue.frame === undefined ? { ...issue, frame } : issue);
  }

  /** Count per code, most frequent first. */
  countsByCode(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [code, n] of [...this.counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) out[code] = n;
    return out;
  }

  /** The kept examples, in the order they were found within each code. */
  examples(): Issue[] {
    return [...this.samples.values()].flat();
  }
}
