/** Splits a byte stream of newline-delimited JSON into values (blank lines are heartbeats and are skipped). */
export class NdjsonSplitter {
  private readonly decoder = new TextDecoder();
  private rest = '';

  push(chunk: Uint8Array): unknown[] {
    this.rest += this.decoder.decode(chunk, { stream: true });
    const lines = this.rest.split('\n');
    this.rest = lines.pop() ?? '';
    const out: unknown[] = [];
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        out.push(JSON.parse(line));
      } catch {
        // A torn or foreign line: ignore it; the next event carries the full state anyway.
      }
    }
    return out;
  }
}
