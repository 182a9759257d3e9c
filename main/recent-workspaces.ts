/**
 * File › Open Recent: the workspace folders this app has opened, newest first, kept in `recent-workspaces.json` in
 * the app's user-data folder. A folder that no longer exists is left out when the menu is built. Switching workspace
 * relaunches the app with `--workspace=<dir>`: the engine, its locks and its sweep all belong to one workspace.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeJsonAtomic } from '../engine/workspace/atomic.ts';

export const MAX_RECENT = 10;

/** `dir` first, once, at most `max` entries. Paths are compared resolved (a trailing slash is the same folder). */
export function withRecent(list: readonly string[], dir: string, max = MAX_RECENT): string[] {
  const resolved = path.resolve(dir);
  return [resolved, ...list.filter((d) => path.resolve(d) !== resolved)].slice(0, max);
}

export function parseRecent(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((d): d is string => typeof d === 'string' && path.isAbsolute(d)).slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export class RecentWorkspaces {
  constructor(readonly file: string) {}

  /** The folders that still exist, newest first. */
  list(): string[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return [];
    }
    return parseRecent(text).filter(isDirectory);
  }

  async add(dir: string): Promise<string[]> {
    const next = withRecent(this.list(), dir);
    await writeJsonAtomic(this.file, next).catch(() => undefined);
    return next;
  }

  async clear(): Promise<void> {
    await writeJsonAtomic(this.file, []).catch(() => undefined);
  }
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** `--workspace=<dir>` or `--workspace <dir>` on the command line, resolved against `cwd`; null when absent. */
export function workspaceFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--workspace=')) return path.resolve(cwd, arg.slice('--workspace='.length));
    if (arg === '--workspace' && i + 1 < argv.length) return path.resolve(cwd, argv[i + 1]);
  }
  return null;
}

/** The arguments to relaunch with to open `dir`: ours without any previous `--workspace`, then the new one. */
export function relaunchArgs(argv: readonly string[], dir: string): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--workspace') i++;
    else if (!argv[i].startsWith('--workspace=')) kept.push(argv[i]);
  }
  return [...kept, `--workspace=${path.resolve(dir)}`];
}
