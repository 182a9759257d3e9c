/**
 * Every file the workspace keeps is written to a temporary sibling first and renamed into place, so a crash or a
 * failed write never leaves a half-written file where a good one was (rename is atomic on one file system).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

const tempSibling = (target: string) => path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = tempSibling(target);
  try {
    await writeFile(temp, data);
    await fsyncFile(temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export const writeJsonAtomic = (target: string, value: unknown) => writeFileAtomic(target, JSON.stringify(value, null, 2) + '\n');

/**
 * Stream a large file into place: `fill` writes into the stream; only when it resolves (and the stream has flushed)
 * is the file renamed to `target`. On any error the temporary file is removed and `target` is untouched.
 */
export async function writeStreamAtomic(target: string, fill: (out: Writable) => Promise<void>): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = tempSibling(target);
  const out = createWriteStream(temp);
  // Keep the first stream error (a full disk, say) so it fails the write instead of crashing the process as an
  // unhandled 'error' event, and so a file that failed to write is never renamed into place.
  let streamError: Error | null = null;
  out.on('error', (error) => (streamError ??= error));
  try {
    await fill(out);
    out.end();
    await finished(out);
    if (streamError) throw streamError;
    await fsyncFile(temp);
    await rename(temp, target);
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
}

/** Copy `source` over `target` atomically: a failed copy never leaves a truncated file where the user's file was. */
export async function copyFileAtomic(source: string, target: string): Promise<void> {
  const temp = tempSibling(target);
  try {
    await copyFile(source, temp);
    await fsyncFile(temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Build a whole folder (a corpus, a run) beside its final place and rename it in at the end, so readers never see
 * a partial one. `build` receives the temporary folder.
 */
export async function createDirAtomic<T>(target: string, build: (tempDir: string) => Promise<T>): Promise<T> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = tempSibling(target);
  await mkdir(temp);
  try {
    const result = await build(temp);
    await rename(temp, target);
    return result;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Write a stream chunk, waiting for the buffer to drain when it is full (bounded memory on huge outputs). */
export function writeChunk(out: Writable, chunk: string | Uint8Array): Promise<void> | void {
  if (out.write(chunk)) return;
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    out.once('error', onError);
    out.once('drain', () => {
      out.off('error', onError);
      resolve();
    });
  });
}
