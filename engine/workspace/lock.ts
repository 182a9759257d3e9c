/**
 * Ownership of a run or corpus across processes: the desktop app, the web host and CLI commands may share one
 * workspace. A lock is a small JSON file created with O_EXCL (`open(…, 'wx')`), so of two processes creating it
 * exactly one succeeds — no read-then-write window. It names its owner (pid, host name, which program, what for,
 * since when) so a refusal can say who holds it.
 *
 * A lock whose owner died (same host, `kill(pid, 0)` says ESRCH, or the pid now belongs to a process started at
 * another time) is stale: it is broken under a second 'wx' file, the guard, so two processes breaking the same
 * stale lock cannot both win — each re-reads the lock under the guard and removes it only if it is still the very
 * lock it judged stale, then competes for a fresh 'wx' create. A lock held on another host is taken as live: we
 * cannot see that machine's processes.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { userText } from '../../contract/user-text.ts';

/** Which kind of program holds a lock. */
export type HostKind = 'desktop' | 'web' | 'cli';

export interface LockOwner {
  pid: number;
  hostname: string;
  host: HostKind;
  /** The program, as a person would recognise it: "nlp-studio train", "NLP Studio (desktop app)". */
  command: string;
  /** What the lock is held for: "training", "deleting", "using" … (see describeLock). */
  purpose: string;
  startedAt: string;
  /** The owner's start time from /proc/<pid>/stat (Linux), to tell a reused pid from the owner; null elsewhere. */
  processStart: string | null;
  /** Unique per acquisition: "the same lock" means the same token. */
  token: string;
}

export interface HeldLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** Remove the lock if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

export type LockAttempt = { held: HeldLock } | { owner: LockOwner };

/** A guard (of a lock being broken) older than this was left by a process that died while breaking. */
const ORPHAN_GUARD_MS = 5_000;
/** A lock file with no readable content yet is being written by its creator (between open and write). */
const UNWRITTEN_GRACE_MS = 2_000;

let identity: { host: HostKind; command: string } | null = null;

/** Say which program this process is (hosts may call it at start; otherwise it is guessed from how we were started). */
export function setLockIdentity(host: HostKind, command: string): void {
  identity = { host, command };
}

function whoAmI(): { host: HostKind; command: string } {
  if (identity) return identity;
  if ((process as { parentPort?: unknown }).parentPort) return { host: 'desktop', command: userText('NLP Studio (desktop app)') };
  if (process.send) return { host: 'web', command: 'nlp-studio serve' };
  const script = path.basename(process.argv[1] ?? 'node');
  const isCli = /^(index\.(ts|cjs|js)|nlp-studio)$/.test(script) && /cli|nlp-studio/.test(process.argv[1] ?? '');
  return { host: 'cli', command: isCli ? `nlp-studio ${process.argv[2] ?? ''}`.trim() : `node ${script}` };
}

/** Locks this process holds, by token: released on exit, and how a lock with our own pid is told live from stale. */
const held = new Map<string, string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [token, file] of held) {
      try {
        if (parseOwner(readFileSync(file, 'utf8'))?.token === token) unlinkSync(file);
      } catch {
        // gone already, or the folder was deleted
      }
    }
  });
}

/** Try to take the lock at `file` (its folder must exist). Returns the lock, or the live owner that holds it. */
export async function tryLock(file: string, purpose: string): Promise<LockAttempt> {
  const deadline = Date.now() + UNWRITTEN_GRACE_MS + 3_000;
  while (Date.now() < deadline) {
    const created = await createExclusive(file, purpose);
    if (created) return { held: created };
    const current = await readLockText(file);
    if (current === null) continue; // released meanwhile: try again
    const owner = parseOwner(current);
    if (owner === null) {
      // Empty or unreadable: its creator may be between open and write. Wait briefly; old garbage is stale.
      const age = await ageMs(file);
      if (age !== null && age < UNWRITTEN_GRACE_MS) {
        await sleep(20);
        continue;
      }
    } else if (ownerAlive(owner)) {
      return { owner };
    }
    await breakStale(file, current);
  }
  throw new Error(userText('Could not take the lock {file}: it keeps changing hands', { file }));
}

/** The live owner of the lock at `file`, or null when it is free or stale (a stale lock is left for tryLock to break). */
export async function liveOwner(file: string): Promise<LockOwner | null> {
  const deadline = Date.now() + UNWRITTEN_GRACE_MS + 1_000;
  while (Date.now() < deadline) {
    const text = await readLockText(file);
    if (text === null) return null;
    const owner = parseOwner(text);
    if (owner) return ownerAlive(owner) ? owner : null;
    const age = await ageMs(file);
    if (age === null || age >= UNWRITTEN_GRACE_MS) return null;
    await sleep(20);
  }
  return null;
}

/** Is the process that wrote this lock still running? */
export function ownerAlive(owner: LockOwner): boolean {
  if (owner.hostname !== os.hostname()) return true; // another machine's processes cannot be checked from here
  if (owner.pid === process.pid) return held.has(owner.token); // ours, or left by an earlier process with our pid
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: it exists, run by another user.
  }
  // The pid exists: is it still the owner, or a later process that reused the number?
  if (owner.processStart !== null) {
    const now = processStartOf(owner.pid);
    if (now !== null && now !== owner.processStart) return false;
  }
  return true;
}

/** "nlp-studio train (pid 1234, since 16:40)" — who holds a lock, for error messages. */
export function describeOwner(owner: LockOwner): string {
  const since = new Date(owner.startedAt);
  const today = since.toDateString() === new Date().toDateString();
  const hhmm = since.toTimeString().slice(0, 5);
  const p = {
    command: owner.command,
    pid: owner.pid,
    host: owner.hostname,
    since: Number.isNaN(since.getTime()) ? '' : today ? hhmm : `${since.toISOString().slice(0, 10)} ${hhmm}`,
  };
  // Each combination a whole phrase, so that the UI can translate it.
  if (owner.hostname !== os.hostname()) {
    return p.since ? userText('{command} (pid {pid} on {host}, since {since})', p) : userText('{command} (pid {pid} on {host})', p);
  }
  if (owner.pid === process.pid) {
    return p.since ? userText('{command} (pid {pid}, this process, since {since})', p) : userText('{command} (pid {pid}, this process)', p);
  }
  return p.since ? userText('{command} (pid {pid}, since {since})', p) : userText('{command} (pid {pid})', p);
}

/** What a lock held for `purpose` means, as a verb phrase: "being trained by …". */
export function describeLock(owner: LockOwner): string {
  const p = { owner: describeOwner(owner), purpose: owner.purpose };
  switch (owner.purpose) {
    case 'training':
      return userText('being trained by {owner}', p);
    case 'deleting':
      return userText('being deleted by {owner}', p);
    case 'checking':
      return userText('being checked by {owner}', p);
    case 'using':
      return userText('in use by a training by {owner}', p);
    default:
      return userText('in use ({purpose}) by {owner}', p);
  }
}

async function createExclusive(file: string, purpose: string): Promise<HeldLock | null> {
  const owner: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    ...whoAmI(),
    purpose,
    startedAt: new Date().toISOString(),
    processStart: processStartOf(process.pid),
    token: randomBytes(8).toString('hex'),
  };
  let handle;
  try {
    handle = await open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw error; // ENOENT: the folder is gone (the run or corpus was deleted)
  }
  try {
    await handle.writeFile(JSON.stringify(owner));
  } finally {
    await handle.close();
  }
  held.set(owner.token, file);
  installExitHook();
  let released = false;
  return {
    file,
    owner,
    release: async () => {
      if (released) return;
      released = true;
      held.delete(owner.token);
      const text = await readLockText(file);
      if (text !== null && parseOwner(text)?.token === owner.token) await unlink(file).catch(() => {});
    },
  };
}

/**
 * Remove the lock at `file` if it still holds `stale` (its text when judged stale), under a 'wx' guard so that of
 * several processes breaking it, only one removes it — the others then find a fresh lock, or none.
 */
async function breakStale(file: string, stale: string): Promise<void> {
  const guard = `${file}.breaking`;
  let handle;
  try {
    handle = await open(guard, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process is breaking it right now; a guard left by one that died meanwhile is removed when old.
    const age = await ageMs(guard);
    if (age !== null && age > ORPHAN_GUARD_MS) await unlink(guard).catch(() => {});
    else await sleep(10 + Math.random() * 20);
    return;
  }
  try {
    await handle.writeFile(String(process.pid));
    await handle.close();
    handle = null;
    if ((await readLockText(file)) === stale) await unlink(file).catch(() => {});
  } finally {
    await handle?.close();
    await unlink(guard).catch(() => {});
  }
}

async function readLockText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid !== 'number' || typeof o.hostname !== 'string' || typeof o.token !== 'string') return null;
    return { host: 'cli', command: userText('another process'), purpose: 'unknown', startedAt: '', processStart: null, ...o } as LockOwner;
  } catch {
    return null;
  }
}

async function ageMs(file: string): Promise<number | null> {
  try {
    return Date.now() - (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot), after the command name in parentheses. */
function processStartOf(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
