/**
 * The export flow's single file: a model folder as a zip, written by yazl (a maintained writer with ZIP64, so a
 * file or an archive over 4 GiB is written correctly; the hand-written store-only writer before it had no ZIP64).
 * Files are streamed from disk, never held in memory, into a temporary sibling renamed into place
 * (writeStreamAtomic): a failed or killed export never leaves a half-written zip under the user's name.
 *
 * Compression, per entry: weights (`*.bin`, float32) are stored — measured on a trained classifier's weights and
 * on 16 MB of Gaussian float32, deflate saves only 7.6 % at ~25–30 MB/s of one core, so a 4 GiB model would spend
 * over two minutes to save 8 %. Text (JSON vocabularies, the topology, the model card) is deflated: it shrinks to
 * 18–54 % in a millisecond or two.
 * Entry times are fixed (1980-01-01, DOS time only), so exporting the same model twice gives the same bytes.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { writeStreamAtomic } from '../workspace/atomic.ts';

/** The earliest DOS date: reproducible archives (local time, as DOS times are; yazl reads it back the same). */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

export interface ZipOptions {
  /**
   * Write ZIP64 records even when nothing needs them. yazl switches to ZIP64 by itself for a file or an archive
   * over 4 GiB; forcing it lets a test take that path without writing 4 GiB.
   * @default false
   */
  forceZip64?: boolean;
}

/** One archive entry: a file streamed from disk, or (small) bytes in memory. Names use `/`. */
export type ZipInput = { name: string; file: string } | { name: string; data: Uint8Array };

/** Weights barely compress (see the header); everything else is text and deflates well. */
export const shouldDeflate = (name: string) => !name.toLowerCase().endsWith('.bin');

/** Write `entries` as a zip at `target`, atomically. */
export async function writeZip(target: string, entries: ZipInput[], options: ZipOptions = {}): Promise<void> {
  const forceZip64Format = options.forceZip64 ?? false;
  await writeStreamAtomic(target, async (out) => {
    const zip = new ZipFile();
    // A file that cannot be read (removed meanwhile, unreadable) is an 'error' of the ZipFile itself.
    const failed = new Promise<never>((_, reject) =>
      zip.once('error', (error) => {
        (zip.outputStream as Readable).destroy(); // the pipeline below is abandoned: let go of its stream
        reject(error);
      }),
    );
    for (const entry of entries) {
      const entryOptions = { mtime: FIXED_TIME, mode: 0o100644, compress: shouldDeflate(entry.name), forceZip64Format, forceDosTimestamp: true };
      if ('file' in entry) zip.addFile(entry.file, entry.name, entryOptions);
      else zip.addBuffer(Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength), entry.name, entryOptions);
    }
    zip.end({ forceZip64Format, comment: '' });
    await Promise.race([pipeline(zip.outputStream, out, { end: false }), failed]);
  });
}

/** Zip a folder's files (not sub-folders), in name order, under `prefix/`. */
export async function zipFolder(folder: string, target: string, prefix: string, options: ZipOptions = {}): Promise<void> {
  const names = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name).sort();
  await writeZip(target, names.map((name) => ({ name: `${prefix}/${name}`, file: path.join(folder, name) })), options);
}
