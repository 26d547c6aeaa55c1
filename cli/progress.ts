/**
 * A progress line on stderr for long work: bytes read of the total, messages and calls found, ETA.
 * Only on a terminal (never when stderr is piped or with --quiet), only once the work has taken a moment,
 * redrawn at most ten times a second, and erased when done.
 */
export interface ProgressStream {
  write(text: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

const SHOW_AFTER_MS = 700;
const REDRAW_MS = 100;

export class Progress {
  private readonly started: number;
  private lastDraw = 0;
  private drawn = false;
  private bytes = 0;
  private messages = 0;
  private calls = 0;

  constructor(
    private readonly stream: ProgressStream | undefined,
    private readonly totalBytes: number | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  static for(stream: ProgressStream, enabled: boolean, totalBytes: number | undefined): Progress {
    return new Progress(enabled && stream.isTTY ? stream : undefined, totalBytes);
  }

  update(bytes: number, messages: number, calls: number): void {
    this.bytes = bytes;
    this.messages = messages;
    this.calls = calls;
    this.draw('reading');
  }

  phase(label: string): void {
    this.draw(label, true);
  }

  done(): void {
    if (this.stream && this.drawn) this.stream.write('\r\u001b[2K');
    this.drawn = false;
  }

  /** The line itself (exposed for tests). */
  line(label: string): string {
    const elapsed = (this.now() - this.started) / 1000;
    const parts = [`${label}`];
    if (this.totalBytes !== undefined && this.totalBytes > 0) {
      const fraction = Math.min(1, this.bytes / this.totalBytes);
      const width = 20;
      const filled = Math.round(fraction * width);
      parts.push(`[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%`);
      parts.push(`${megabytes(this.bytes)}/${megabytes(this.totalBytes)} MB`);
    } else {
      parts.push(`${megabytes(this.bytes)} MB`);
    }
    parts.push(`${this.calls.toLocaleString('en')} calls`, `${this.messages.toLocaleString('en')} messages`);
    const fraction = this.totalBytes ? this.bytes / this.totalBytes : 0;
    if (label === 'reading' && fraction > 0.01 && fraction < 1) parts.push(`ETA ${clock(elapsed * (1 - fraction) / fraction)}`);
    return parts.join('  ');
  }

  private draw(label: string, force = false): void {
    if (!this.stream) return;
    const t = this.now();
    if (t - this.started < SHOW_AFTER_MS) return;
    if (!force && t - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = t;
    const width = this.stream.columns || 80;
    this.stream.write(`\r\u001b[2K${this.line(label).slice(0, Math.max(10, width - 1))}`);
    this.drawn = true;
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}` : `${m}:${String(s % 60).padStart(2, '0')}`;
}
