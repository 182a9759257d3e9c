/**
 * Pull-style reading of a file as bytes: lines, delimited fields and fixed-size records, with only one
 * chunk (plus the unread tail of the previous one) in memory. The word2vec binary format interleaves UTF-8
 * words with raw float32s, so a text stream or readline cannot read it.
 */
import { createReadStream } from 'node:fs';

export class ByteReader {
  private buffer: Buffer = Buffer.alloc(0);
  private pos = 0;
  private ended = false;
  private readonly chunks: AsyncIterator<Buffer>;
  private readonly stream: ReturnType<typeof createReadStream>;

  constructor(file: string, chunkSize = 1 << 20) {
    this.stream = createReadStream(file, { highWaterMark: chunkSize });
    this.chunks = (this.stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  /** Appends the next chunk; false at end of file. */
  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.chunks.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.buffer = this.pos < this.buffer.length ? Buffer.concat([this.buffer.subarray(this.pos), next.value]) : next.value;
    this.pos = 0;
    return true;
  }

  /**
   * The bytes before the next `delimiter` (consumed, not returned). At end of file: the remaining bytes with
   * `complete: false`, or null when nothing is left. `maxBytes` bounds a runaway field (then `complete: false`).
   */
  async until(delimiter: number, maxBytes = Infinity): Promise<{ bytes: Buffer; complete: boolean } | null> {
    let from = this.pos;
    for (;;) {
      const at = this.buffer.indexOf(delimiter, from);
      if (at !== -1 && at - this.pos <= maxBytes) {
        const bytes = this.buffer.subarray(this.pos, at);
        this.pos = at + 1;
        return { bytes, complete: true };
      }
      if (this.buffer.length - this.pos > maxBytes) return { bytes: this.buffer.subarray(this.pos, this.pos + maxBytes), complete: false };
      from = this.buffer.length - this.pos; // keep the searched prefix: it is moved to offset 0 by more()
      if (!(await this.more())) {
        if (this.pos >= this.buffer.length) return null;
        const bytes = this.buffer.subarray(this.pos);
        this.pos = this.buffer.length;
        return { bytes, complete: false };
      }
    }
  }

  /** Exactly n bytes, or null if the file ends first. */
  async take(n: number): Promise<Buffer | null> {
    while (this.buffer.length - this.pos < n) if (!(await this.more())) return null;
    const bytes = this.buffer.subarray(this.pos, this.pos + n);
    this.pos += n;
    return bytes;
  }

  /** Up to n upcoming bytes, not consumed (fewer at end of file). */
  async peek(n: number): Promise<Buffer> {
    while (this.buffer.length - this.pos < n && (await this.more()));
    return this.buffer.subarray(this.pos, this.pos + n);
  }

  /** Skips bytes equal to `byte` (the newline word2vec.c writes after each binary vector). */
  async skip(byte: number): Promise<void> {
    for (;;) {
      while (this.pos < this.buffer.length && this.buffer[this.pos] === byte) this.pos++;
      if (this.pos < this.buffer.length || !(await this.more())) return;
    }
  }

  close(): void {
    this.stream.destroy();
  }
}
