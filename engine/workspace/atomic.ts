/**
 * Every file the workspace keeps is written to a temporary sibling first and renamed into place, so a crash or a
 * failed write never leaves a half-written file where a good one was (rename is atomic on one file system).
 *
 * Temporary names carry the writer's pid (`.<name>.<pid>-<hex>.tmp`): the sweep at start-up (sweep.ts) removes
 * those of dead processes and leaves alone those another live process (the CLI beside the app) is writing now.
 * A full disk becomes a DiskFullError naming the file and the space it needed (disk-space.ts).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { appendFile, copyFile, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { StudioError } from '../../contract/errors.ts';
import { diskFullError, isDiskFull, releaseReserve, restoreReserves } from './disk-space.ts';

/** `.<name>.<pid>-<hex>.tmp`, a file or (createDirAtomic, replaceDirAtomic) a folder. */
export const tempSibling = (target: string, suffix = 'tmp') =>
  path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}.${suffix}`);

/**
 * A temporary name: the target's name, the writer's pid (null for names from before pids were added) and whether
 * it is a replaced folder kept until its successor is in place (`.old`).
 */
export function parseTempName(name: string): { target: string; pid: number | null; old: boolean } | null {
  const m = /^\.(.+)\.(?:(\d+)-)?[0-9a-f]{12}\.(tmp|old)$/.exec(name);
  return m ? { target: m[1], pid: m[2] === undefined ? null : Number(m[2]), old: m[3] === 'old' } : null;
}

// ---- Test seam ------------------------------------------------------------------------------------------------
/**
 * Tests only: a function called before each write that may return an error to fail it with (a fake ENOSPC), so
 * disk-full handling can be tested without filling a disk. Always null in the app.
 */
let injectedFault: ((target: string) => NodeJS.ErrnoException | null) | null = null;
export function injectWriteFaultForTests(fault: typeof injectedFault): void {
  injectedFault = fault;
}
function checkFault(target: string): void {
  const error = injectedFault?.(target);
  if (error) throw error;
}
// ---------------------------------------------------------------------------------------------------------------

/** A file written and flushed under its temporary name; `commit` renames it into place, `discard` removes it. */
export interface StagedFile {
  target: string;
  temp: string;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Write `data` to a temporary sibling of `target` without replacing it yet. Several files staged first and
 * committed together can only fail for lack of space before any of them replaced its old version.
 */
export async function stageFile(target: string, data: string | Uint8Array): Promise<StagedFile> {
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  const temp = tempSibling(target);
  const discard = () => rm(temp, { force: true });
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(temp, data);
    checkFault(target);
    await fsyncFile(temp);
  } catch (error) {
    await discard();
    throw isDiskFull(error) ? await diskFullError(target, bytes, error) : error;
  }
  return { target, temp, discard, commit: () => rename(temp, target) };
}

export interface WriteOptions {
  /**
   * A write that must get through even on a full disk (run.json recording that a run failed): on ENOSPC it frees
   * the workspace's reserve file and retries once.
   */
  essential?: boolean;
}

export async function writeFileAtomic(target: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  let staged: StagedFile;
  try {
    staged = await stageFile(target, data);
  } catch (error) {
    if (!options.essential || !isFull(error) || !(await releaseReserve(target))) throw error;
    staged = await stageFile(target, data);
  }
  try {
    await staged.commit();
  } catch (error) {
    await staged.discard();
    throw error;
  }
  if (options.essential) await restoreReserves();
}

/** How the workspace writes JSON: indented, with a final newline. */
export const jsonText = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

export const writeJsonAtomic = (target: string, value: unknown, options: WriteOptions = {}) => writeFileAtomic(target, jsonText(value), options);

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
    checkFault(target);
    await fsyncFile(temp);
    await rename(temp, target);
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    const full = isDiskFull(error) ? error : isDiskFull(streamError) ? streamError : null;
    throw full ? await diskFullError(target, { written: out.bytesWritten }, full) : error;
  }
}

/** Copy `source` over `target` atomically: a failed copy never leaves a truncated file where the user's file was. */
export async function copyFileAtomic(source: string, target: string): Promise<void> {
  const temp = tempSibling(target);
  try {
    await copyFile(source, temp);
    checkFault(target);
    await fsyncFile(temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    if (!isDiskFull(error)) throw error;
    throw await diskFullError(target, await stat(source).then((s) => s.size, () => null), error);
  }
}

/**
 * Append to a log (metrics.jsonl). Not atomic — a crash or a full disk can tear the last line, which readers
 * skip — but a full disk is reported as a DiskFullError naming the file.
 */
export async function appendFileChecked(target: string, text: string): Promise<void> {
  try {
    checkFault(target);
    await appendFile(target, text);
  } catch (error) {
    throw isDiskFull(error) ? await diskFullError(target, Buffer.byteLength(text), error) : error;
  }
}

/**
 * Build a whole folder (a corpus, a run) beside its final place and rename it in at the end, so readers never see
 * a partial one. `build` receives the temporary folder.
 */
export async function createDirAtomic<T>(target: string, build: (tempDir: string) => Promise<T>): Promise<T> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = tempSibling(target);
  try {
    await mkdir(temp);
    const result = await build(temp);
    await rename(temp, target);
    return result;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw isDiskFull(error) ? await diskFullError(target, null, error) : underTargetName(error, temp, target);
  }
}

/**
 * A DiskFullError from inside a folder being built names a file under its temporary name: say the name the user
 * will know (`corpora/c-…/tokens.txt`, not `corpora/.c-….1234-…tmp/tokens.txt`).
 */
function underTargetName(error: unknown, temp: string, target: string): unknown {
  if (!(error instanceof StudioError) || error.name !== 'DiskFullError') return error;
  const renamed = new StudioError('DiskFullError', error.message.split(temp).join(target), error.file === undefined ? {} : { file: error.file.split(temp).join(target) });
  (renamed as Error).cause = (error as Error).cause;
  return renamed;
}

/**
 * Build a folder and put it in place of an existing one (a run's exported model, `tfjs/`). The old folder is moved
 * aside as `.<name>.<pid>-<hex>.old` until the new one is in, and removed after; should the process die between
 * the two renames, the sweep puts the old one back. `build` receives the temporary folder; `aroundSwap`, if given,
 * is handed the swap to run (the run's manifest is updated around it).
 */
export async function replaceDirAtomic(target: string, build: (tempDir: string) => Promise<void>, aroundSwap: (swap: () => Promise<void>) => Promise<void> = (swap) => swap()): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = tempSibling(target);
  const swap = async () => {
    const old = tempSibling(target, 'old');
    const hadOld = await rename(target, old).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    try {
      await rename(temp, target);
    } catch (error) {
      if (hadOld) await rename(old, target); // put the old one back at once rather than wait for the sweep
      throw error;
    }
    if (hadOld) await rm(old, { recursive: true, force: true });
  };
  try {
    await mkdir(temp);
    await build(temp);
    await aroundSwap(swap);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw isDiskFull(error) ? await diskFullError(target, null, error) : underTargetName(error, temp, target);
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

const isFull = (error: unknown) => isDiskFull(error) || (error as { name?: string }).name === 'DiskFullError';
