/**
 * What the CLI prints. Human progress goes to stderr (one redrawn line on a terminal, a line every few seconds
 * otherwise); with --json the last line of stdout is one JSON object, for scripts.
 */
import { describeError, toStudioError } from '../contract/errors.ts';
import { formatDuration } from '../engine/format.ts';

export class ProgressLine {
  private lastPrint = 0;
  private readonly tty = process.stderr.isTTY === true;

  update(fraction: number, message: string, etaSeconds: number | null): void {
    const now = Date.now();
    if (now - this.lastPrint < (this.tty ? 100 : 5000)) return;
    this.lastPrint = now;
    const line = `${(fraction * 100).toFixed(1).padStart(5)}% ${message}${etaSeconds !== null ? ` · ETA ${formatDuration(etaSeconds)}` : ''}`;
    if (this.tty) process.stderr.write(`\r\x1b[2K${line}`);
    else process.stderr.write(`${line}\n`);
  }

  done(): void {
    if (this.tty && this.lastPrint > 0) process.stderr.write('\r\x1b[2K');
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

export function printError(error: unknown): void {
  const e = toStudioError(error);
  process.stderr.write(`nlp-studio: ${describeError(e)}\n`);
  if (e.name === 'InternalError' && process.env.NLP_STUDIO_DEBUG && e.stack) process.stderr.write(`${e.stack}\n`);
}

/** Aligned two-column table for neighbour lists. */
export function printScores(rows: { word: string; score: number }[]): void {
  const width = Math.max(4, ...rows.map((r) => [...r.word].length));
  for (const r of rows) process.stdout.write(`${r.word.padEnd(width)}  ${r.score.toFixed(4)}\n`);
}
