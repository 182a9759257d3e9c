/**
 * What a killed process leaves behind, cleared when an engine opens the workspace: temporary files and folders of
 * atomic writes (`.<name>.<pid>-<hex>.tmp`, atomic.ts), a replaced folder moved aside (`.<name>.<pid>-<hex>.old`:
 * put back if its successor never arrived), corpora half-deleted (`.<id>.deleting`), and run, corpus or export
 * folders without their description (run.json, corpus.json, export.json) that hold nothing but such leftovers — a
 * run killed between making its folder and writing run.json.
 *
 * Other processes (the CLI beside the desktop app) may be writing in the same workspace right now, so nothing is
 * removed that a live process may still use: a temporary name whose pid is alive, a folder holding such a name or
 * a lock (`.owner`, `*.lock`) of a live process, or an empty folder made in the last minute. Names without a pid
 * (from before pids were added) are removed only once they are hours old.
 */
import { readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseTempName } from './atomic.ts';
import type { Workspace } from './workspace.ts';

/** A temporary name without a pid, or with a live pid that may be reused, is this old before it is removed. */
const LEGACY_AGE_MS = 6 * 3600_000;
const LIVE_PID_AGE_MS = 24 * 3600_000;
/** An empty folder this young may be a run being created right now (between mkdir and its first file). */
const FRESH_FOLDER_MS = 60_000;
/** How deep temporary names are looked for below a top folder: runs/<id>/checkpoints/<file> is 3. */
const DEPTH = 3;

export interface SweepReport {
  /** Paths removed, relative to the workspace. */
  removed: string[];
  /** Folders put back in place (a replacement interrupted between its two renames). */
  restored: string[];
}

/** Each folder holding a kind of described item, and the file that describes one. */
const describedFolders = (ws: Workspace) => [
  { dir: ws.runsDir, prefix: 'r-', meta: 'run.json' },
  { dir: ws.corporaDir, prefix: 'c-', meta: 'corpus.json' },
  { dir: ws.exportsDir, prefix: 'x-', meta: 'export.json' },
];

export async function sweepWorkspace(ws: Workspace): Promise<SweepReport> {
  const report: SweepReport = { removed: [], restored: [] };
  const note = (list: string[], p: string) => list.push(path.relative(ws.root, p).split(path.sep).join('/'));
  // Folders first: removing a dead temporary file would make its folder look freshly changed (and so in use).
  for (const { dir, prefix, meta } of describedFolders(ws)) {
    for (const name of await list(dir)) {
      const folder = path.join(dir, name);
      if (!name.startsWith(prefix) || (await exists(path.join(folder, meta)))) continue;
      if (!(await isDirectory(folder)) || !(await onlyLeftovers(folder)) || (await inUse(folder))) continue;
      await rm(folder, { recursive: true, force: true }).then(() => note(report.removed, folder), () => {});
    }
  }
  for (const top of [ws.corporaDir, ws.runsDir, ws.exportsDir]) await sweepTemps(top, DEPTH, report, note);
  return report;
}

async function sweepTemps(dir: string, depth: number, report: SweepReport, note: (list: string[], p: string) => void): Promise<void> {
  // With their types: a workspace of a thousand runs is read at every start, one stat per file would show.
  for (const dirent of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const name = dirent.name;
    const entry = path.join(dir, name);
    const temp = parseTempName(name);
    if (temp) {
      const age = await ageMs(entry);
      if (age === null || !abandoned(temp.pid, age)) continue;
      const target = path.join(dir, temp.target);
      if (temp.old && !(await exists(target))) {
        // Killed between moving the old folder aside and renaming the new one in: the old one is the good one.
        await rename(entry, target).then(() => note(report.restored, target), () => {});
      } else {
        await rm(entry, { recursive: true, force: true }).then(() => note(report.removed, entry), () => {});
      }
    } else if (/^\..+\.deleting$/.test(name) || (name === '.tfjs.tmp' && ((await ageMs(entry)) ?? 0) > LEGACY_AGE_MS)) {
      // A deletion interrupted (deleting again is harmless), or an export folder's temporary name before pids.
      await rm(entry, { recursive: true, force: true }).then(() => note(report.removed, entry), () => {});
    } else if (depth > 1 && !name.startsWith('.') && dirent.isDirectory()) {
      await sweepTemps(entry, depth - 1, report, note);
    }
  }
}

/** May a temporary name by `pid`, last changed `age` ms ago, be removed? */
function abandoned(pid: number | null, age: number): boolean {
  if (pid === null) return age > LEGACY_AGE_MS;
  if (pid === process.pid) return false;
  return !pidAlive(pid) || age > LIVE_PID_AGE_MS;
}

/**
 * A folder that was being created holds at most temporary files and a lock. One holding anything else (model
 * files whose run.json someone removed by hand) was not made by a crash: it is not ours to delete.
 */
async function onlyLeftovers(folder: string): Promise<boolean> {
  return (await list(folder)).every((name) => parseTempName(name) !== null || LOCK_NAME.test(name) || name.endsWith('.breaking'));
}

const LOCK_NAME = /^\.owner$|lock$/i;

/** A folder without its description is left alone while a live process may be filling it. */
async function inUse(folder: string): Promise<boolean> {
  const names = await list(folder);
  if (names.length === 0) return ((await ageMs(folder)) ?? Infinity) < FRESH_FOLDER_MS;
  for (const name of names) {
    const temp = parseTempName(name);
    if (temp?.pid != null && (temp.pid === process.pid || pidAlive(temp.pid))) return true;
    if (LOCK_NAME.test(name) && (await lockAlive(path.join(folder, name)))) return true;
  }
  return false;
}

/**
 * A lock or owner file (`.owner`: a pid; lock.ts: JSON with pid and hostname) of a live process. One with no
 * content yet is being written by its creator. Another machine's lock is taken as live (its processes cannot be
 * checked from here).
 */
async function lockAlive(file: string): Promise<boolean> {
  const text = (await readFile(file, 'utf8').catch(() => null))?.trim();
  if (text === undefined) return false;
  if (text === '') return ((await ageMs(file)) ?? Infinity) < 5_000;
  let pid = Number(text);
  try {
    const owner = JSON.parse(text) as { pid?: unknown; hostname?: unknown };
    if (typeof owner.hostname === 'string' && owner.hostname !== os.hostname()) return true;
    if (typeof owner.pid === 'number') pid = owner.pid;
  } catch {
    // a plain pid (.owner)
  }
  return Number.isInteger(pid) && pid > 0 && (pid === process.pid || pidAlive(pid));
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const list = (dir: string) => readdir(dir).catch(() => [] as string[]);
const exists = (p: string) => stat(p).then(() => true, () => false);
const isDirectory = (p: string) => stat(p).then((s) => s.isDirectory(), () => false);
const ageMs = (p: string) => stat(p).then((s) => Date.now() - s.mtimeMs, () => null);
