/**
 * A file read in large chunks into one reusable buffer, with synchronous access to the unread bytes: the vector
 * readers scan lines and records with plain loops and only await when they need more bytes. Memory: the buffer
 * (4 MiB, grown only for a record longer than that) — never the file.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

export class ChunkReader {
  /** bytes[pos, end) are read and not yet consumed. */
  bytes: Buffer;
  pos = 0;
  end = 0;
  /** Bytes of the file before bytes[0]. */
  private base = 0;
  private eof = false;

  private constructor(private readonly file: FileHandle, readonly size: number, chunkSize: number) {
    this.bytes = Buffer.allocUnsafe(chunkSize);
  }

  static async open(path: string, chunkSize = 4 << 20): Promise<ChunkReader> {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      return new ChunkReader(file, size, chunkSize);
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  /** File offset of bytes[pos]: how far the reader has got, for progress. */
  get offset(): number {
    return this.base + this.pos;
  }

  get atEnd(): boolean {
    return this.eof && this.pos >= this.end;
  }

  /**
   * Reads more: keeps the unread tail, moves it to the front (growing the buffer if the tail fills it) and
   * appends what the file has. False when the file had nothing more.
   */
  async more(): Promise<boolean> {
    if (this.eof) return false;
    const tail = this.end - this.pos;
    if (tail >= this.bytes.length) {
      const bigger = Buffer.allocUnsafe(this.bytes.length * 2);
      this.bytes.copy(bigger, 0, this.pos, this.end);
      this.bytes = bigger;
    } else if (this.pos > 0) {
      this.bytes.copy(this.bytes, 0, this.pos, this.end);
    }
    this.base += this.pos;
    this.pos = 0;
    this.end = tail;
    const { bytesRead } = await this.file.read(this.bytes, this.end, this.bytes.length - this.end, this.base + this.end);
    if (bytesRead === 0) {
      this.eof = true;
      return false;
    }
    this.end += bytesRead;
    return true;
  }

  /** Ensures at least n unread bytes; false if the file ends first. */
  async need(n: number): Promise<boolean> {
    while (this.end - this.pos < n) if (!(await this.more())) return false;
    return true;
  }

  /** Index of the next `byte` at or after pos, reading more as needed; -1 at end of file (bytes up to `end` remain). */
  async find(byte: number, maxBytes = Infinity): Promise<number> {
    let from = this.pos;
    for (;;) {
      const at = this.bytes.indexOf(byte, from);
      if (at !== -1 && at < this.end) return at;
      if (this.end - this.pos > maxBytes) return -1;
      from = this.end - this.pos; // the searched part moves to offset 0 in more()
      if (!(await this.more())) return -1;
    }
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}
