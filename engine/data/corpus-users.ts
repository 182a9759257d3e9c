/**
 * Who is using a corpus, across processes: each training reading it holds a user lock
 * `corpora/<id>/.users/<pid>-<hex>.lock` (engine/workspace/lock.ts) for the whole job, and deletion is refused while
 * any live one exists. Registering a user and deleting both pass through the corpus's gate `corpora/<id>/.lock`
 * (held for milliseconds), so a training cannot register between deletion's check and its rename: it waits, then
 * finds the corpus gone.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import { describeLock, describeOwner, liveOwner, tryLock, type HeldLock, type LockOwner } from '../workspace/lock.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { deleteCorpus } from './corpus-store.ts';
import { userText } from '../../contract/user-text.ts';

const GATE = '.lock';
const USERS = '.users';
/** How long a registration waits for another process's registration (milliseconds each) to let go of the gate. */
const GATE_WAIT_MS = 5_000;

/** Mark the corpus in use by this process for `purpose` until the returned lock is released. */
export async function useCorpus(ws: Workspace, id: string): Promise<HeldLock> {
  const dir = ws.corpusDir(id);
  const gate = await passGate(dir, id, 'registering');
  try {
    await mkdir(path.join(dir, USERS), { recursive: true });
    await pruneStale(path.join(dir, USERS));
    const user = await tryLock(path.join(dir, USERS, `${process.pid}-${randomBytes(4).toString('hex')}.lock`), 'using');
    if (!('held' in user)) throw new StudioError('InternalError', userText('Could not mark corpus {id} in use', { id }));
    return user.held;
  } finally {
    await gate.release();
  }
}

/** The live processes using the corpus (trainings reading it). */
export async function corpusUsers(ws: Workspace, id: string): Promise<LockOwner[]> {
  const users = path.join(ws.corpusDir(id), USERS);
  const names = await readdir(users).catch(() => [] as string[]);
  const owners = await Promise.all(names.filter((n) => n.endsWith('.lock')).map((n) => liveOwner(path.join(users, n))));
  return owners.filter((o): o is LockOwner => o !== null);
}

/** Delete the corpus unless a live process uses it (refused, naming it). */
export async function deleteCorpusIfUnused(ws: Workspace, id: string): Promise<void> {
  const dir = ws.corpusDir(id);
  const gate = await passGate(dir, id, 'deleting');
  try {
    const users = await corpusUsers(ws, id);
    if (users.length > 0) {
      const who = users.map(describeOwner).join('; ');
      const message =
        users.length === 1
          ? userText('Corpus {id} is in use by a training: {who}. Wait for it to finish, or cancel it first', { id, who })
          : userText('Corpus {id} is in use by {count} trainings: {who}. Wait for them to finish, or cancel them first', { id, count: users.length, who });
      throw new StudioError('InUseError', message);
    }
    await deleteCorpus(ws, id); // one rename: the gate goes with the folder
  } finally {
    await gate.release();
  }
}

/** Take the corpus's gate, waiting while another registration holds it; refused while the corpus is being deleted. */
async function passGate(dir: string, id: string, purpose: string): Promise<HeldLock> {
  const deadline = Date.now() + GATE_WAIT_MS;
  for (;;) {
    let attempt;
    try {
      attempt = await tryLock(path.join(dir, GATE), purpose);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('NotFoundError', userText('Corpus {id} does not exist', { id }));
      throw error;
    }
    if ('held' in attempt) return attempt.held;
    if (attempt.owner.purpose === 'deleting' || Date.now() > deadline) throw new StudioError('InUseError', userText('Corpus {id} is {state}', { id, state: describeLock(attempt.owner) }));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** User locks left by processes that died (removed under the gate, so no registration is racing). */
async function pruneStale(users: string): Promise<void> {
  for (const name of await readdir(users).catch(() => [] as string[])) {
    const file = path.join(users, name);
    if (name.endsWith('.lock') && (await liveOwner(file)) === null) await unlink(file).catch(() => {});
  }
}
