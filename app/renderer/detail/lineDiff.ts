/**
 * Line diff of two messages (longest common subsequence, the classic dynamic programme): what a proxy
 * changed between two hops, or what differs between a request and its retransmission. Inputs beyond
 * `maxLines` each are compared as wholes line by line (no alignment) to bound the work.
 */
export type DiffOp = { kind: 'same' | 'removed' | 'added'; text: string };

export function diffLines(a: readonly string[], b: readonly string[], maxLines = 2000): DiffOp[] {
  if (a.length > maxLines || b.length > maxLines) {
    const out: DiffOp[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] === b[i]) out.push({ kind: 'same', text: a[i]! });
      else {
        if (i < a.length) out.push({ kind: 'removed', text: a[i]! });
        if (i < b.length) out.push({ kind: 'added', text: b[i]! });
      }
    }
    return out;
  }
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i..] and b[j..], flattened.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = a[i] === b[j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const out: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!) {
      out.push({ kind: 'removed', text: a[i++]! });
    } else {
      out.push({ kind: 'added', text: b[j++]! });
    }
  }
  while (i < n) out.push({ kind: 'removed', text: a[i++]! });
  while (j < m) out.push({ kind: 'added', text: b[j++]! });
  return out;
}

export function splitLines(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/\r$/, ''));
}
