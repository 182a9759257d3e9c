/**
 * The last lines a process printed, kept in a bounded ring so a long-lived engine costs a fixed amount of memory.
 * The crash banner shows them: what the engine said just before it died (a fatal error, tfjs's last warning).
 */
import type { Readable, Writable } from 'node:stream';

/** How many lines the crash banner gets: enough for a stack trace and what led to it. */
export const LOG_TAIL_LINES = 200;
/** A line longer than this (a progress bar without newlines, a dumped buffer) is cut: the ring's cost stays bounded. */
const MAX_LINE_CHARS = 2000;

export class LogTail {
  private readonly ring: string[] = [];
  private next = 0;
  private partial = '';

  constructor(private readonly capacity = LOG_TAIL_LINES) {}

  /** Feed output as it arrives: chunks need not end on a line break. */
  write(chunk: string | Buffer): void {
    const parts = (this.partial + chunk.toString()).split(/\r?\n/);
    this.partial = parts.pop()!.slice(-MAX_LINE_CHARS);
    for (const line of parts) this.push(line);
  }

  /** The kept lines, oldest first, with any unfinished last line. */
  lines(): string[] {
    const full = this.ring.length < this.capacity ? [...this.ring] : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    return this.partial ? [...full, this.partial] : full;
  }

  private push(line: string): void {
    const kept = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
    if (this.ring.length < this.capacity) this.ring.push(kept);
    else this.ring[this.next] = kept;
    this.next = (this.next + 1) % this.capacity;
  }
}

/** Keep a child's output in `tail` and still pass it on (to the host's own stdout/stderr, as `inherit` would). */
export function captureOutput(stream: Readable | NodeJS.ReadableStream | null | undefined, tail: LogTail, echo?: Writable): void {
  stream?.on('data', (chunk: Buffer | string) => {
    tail.write(chunk);
    echo?.write(chunk);
  });
}
