/**
 * A full disk (ENOSPC) or an exhausted quota (EDQUOT) becomes a `DiskFullError` that says which file could not be
 * written and how much space it needed against how much is free, instead of Node's bare "no space left on device".
 *
 * The workspace also keeps a small reserve file (`.reserve`, 2 MiB) made when it is opened: on a full disk the
 * write that records a run's outcome (run.json: "failed, disk full") would itself fail and leave the run
 * `running` forever. Such an essential write releases the reserve and retries once (see writeFileAtomic's
 * `essential`); the reserve is made again the next time the workspace is opened or an essential write succeeds.
 */
import { statfs, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import { formatBytes } from '../format.ts';
import { userText } from '../../contract/user-text.ts';

export const RESERVE_FILE = '.reserve';
export const RESERVE_BYTES = 2 * 1024 * 1024;

export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** Bytes free to this user on the file system holding `dir` (its nearest existing ancestor); null if unknown. */
export async function freeBytes(dir: string): Promise<number | null> {
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      const s = await statfs(at);
      return s.bavail * s.bsize;
    } catch {
      if (path.dirname(at) === at) return null;
    }
  }
}

/**
 * The error for a write of `target` that ran out of space. `needed`: the bytes the write wanted (known for
 * buffers), or for streams `{ written }`, how far it got (the total is not known in advance).
 */
export async function diskFullError(target: string, needed: number | { written: number } | null, cause: unknown): Promise<StudioError> {
  if (cause instanceof StudioError && cause.name === 'DiskFullError') return cause;
  const free = await freeBytes(path.dirname(target));
  const want =
    needed === null || (typeof needed === 'object' && needed.written === 0)
      ? userText('more space')
      : typeof needed === 'number'
        ? `${formatBytes(needed)}`
        : userText('more than the {size} written before the disk filled', { size: formatBytes(needed.written) });
  const what = (cause as NodeJS.ErrnoException).code === 'EDQUOT' ? userText('the disk quota is used up') : userText('the disk is full');
  const message = userText('Could not write {file}: {problem} (it needs {needed}; {free} on the disk holding {folder}). Free some space and try again.', {
    file: target,
    problem: what,
    needed: want,
    free: free === null ? userText('free space unknown') : userText('{size} free', { size: formatBytes(free) }),
    folder: path.dirname(target),
  });
  const error = new StudioError('DiskFullError', message, { file: target });
  (error as Error).cause = cause;
  return error;
}

/** Workspace roots whose reserve this process manages (a process may open more than one workspace). */
const reserveRoots = new Set<string>();

/** Make `<root>/.reserve` if it is missing. On a disk already too full for it, quietly go without. */
export async function ensureReserve(root: string): Promise<void> {
  reserveRoots.add(root);
  const file = path.join(root, RESERVE_FILE);
  if (await stat(file).then((s) => s.size >= RESERVE_BYTES, () => false)) return;
  try {
    const handle = await open(file, 'w');
    try {
      // Written, not truncated to size: a sparse file would free no blocks when removed.
      await handle.writeFile(Buffer.alloc(RESERVE_BYTES));
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    await rm(file, { force: true }).catch(() => {});
  }
}

/**
 * Free the reserve nearest `target` (the workspace holding it, else any this process opened) so an essential
 * write can go through. True if one was freed.
 */
export async function releaseReserve(target: string): Promise<boolean> {
  const roots = [...reserveRoots].sort((a, b) => Number(isInside(b, target)) - Number(isInside(a, target)));
  for (const root of roots) {
    const file = path.join(root, RESERVE_FILE);
    if (await stat(file).then(() => true, () => false)) {
      await rm(file, { force: true });
      return true;
    }
  }
  return false;
}

/** After an essential write succeeded: make any released reserve again, if there is room now. */
export async function restoreReserves(): Promise<void> {
  for (const root of reserveRoots) await ensureReserve(root);
}

const isInside = (root: string, target: string) => !path.relative(root, target).startsWith('..');
