/**
 * Named issues instead of exceptions: every problem found in input becomes an Issue with a stable dotted
 * code (`pcapng.block_length_mismatch`, `tcp.gap`, `sip.header_no_colon`) and a severity, carrying the
 * offending value. Each stage declares its codes in its own `issues.ts`; `core/src/issueCatalogue.ts`
 * gathers them into the one catalogue.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface IssueDefinition {
  readonly severity: Severity;
  /** One sentence a person understands, without the offending value. */
  readonly summary: string;
}

export type IssueDefinitions = Readonly<Record<string, IssueDefinition>>;

export interface Issue {
  readonly code: string;
  readonly severity: Severity;
  /** The summary, specialised with what was found. */
  readonly message: string;
  /** The offending value (a length, a header line, a byte) when there is one. */
  readonly value?: string | number;
  /** 1-based frame number the problem was seen in, when known. */
  readonly frame?: number;
}

/** Declares a stage's issue codes, keeping their literal keys for type-checked use. */
export function defineIssues<T extends IssueDefinitions>(definitions: T): T {
  return definitions;
}

/**
 * Makes an Issue from a stage's catalogue. `detail` replaces the summary when given;
 * long values are cut to 200 characters so hostile input cannot bloat reports.
 */
export function makeIssue<T extends IssueDefinitions>(
  catalogue: T,
  code: keyof T & string,
  options: { value?: string | number; frame?: number; detail?: string } = {},
): Issue {
  const definition = catalogue[code]!;
  const issue: { -readonly [K in keyof Issue]: Issue[K] } = {
    code,
    severity: definition.severity,
    message: options.detail ?? definition.summary,
  };
  if (options.value !== undefined) {
    issue.value = typeof options.value === 'string' && options.value.length > 200
      ? options.value.slice(0, 200) + '…'
      : options.value;
  }
  if (options.frame !== undefined) issue.frame = options.frame;
  return issue;
}
