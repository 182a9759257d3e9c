/**
 * A workspace is a folder: `corpora/<id>/`, `runs/<id>/`, `exports/`, and `.reserve` (2 MiB kept back for the
 * writes that record a failure on a full disk). The desktop app, the web host and the CLI
 * all read and write the same layout, so a run trained on the command line shows up in the app.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureReserve } from './disk-space.ts';
import { userText } from '../../contract/user-text.ts';

export class Workspace {
  readonly corporaDir: string;
  readonly runsDir: string;
  readonly exportsDir: string;
  /** Files the web host received from a browser, before they are imported. Not part of the user's data. */
  readonly uploadsDir: string;

  constructor(readonly root: string) {
    this.root = path.resolve(root);
    this.corporaDir = path.join(this.root, 'corpora');
    this.runsDir = path.join(this.root, 'runs');
    this.exportsDir = path.join(this.root, 'exports');
    this.uploadsDir = path.join(this.root, '.uploads');
  }

  static async open(root: string): Promise<Workspace> {
    const ws = new Workspace(root);
    await Promise.all([ws.corporaDir, ws.runsDir, ws.exportsDir].map((d) => mkdir(d, { recursive: true })));
    // Room kept back so that a run can still be marked failed on a full disk (disk-space.ts).
    await ensureReserve(ws.root);
    return ws;
  }

  corpusDir(id: string): string {
    return path.join(this.corporaDir, checkId(id, 'c-'));
  }

  runDir(id: string): string {
    return path.join(this.runsDir, checkId(id, 'r-'));
  }
}

/** `c-20261129-0755-3fa9c1`: sortable by creation time, unique without coordination. */
export function newId(prefix: 'c' | 'r' | 'j' | 'x'): string {
  const now = new Date();
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `${prefix}-${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Ids become folder names: refuse anything that could escape the workspace. */
function checkId(id: string, prefix: string): string {
  if (!id.startsWith(prefix) || !/^[a-z0-9-]+$/.test(id)) throw new Error(userText('Invalid id "{id}"', { id }));
  return id;
}

/** Where the desktop app keeps its workspace by default: the OS app-data folder, like Electron's `userData`. */
export function defaultWorkspaceDir(): string {
  if (process.env.NLP_STUDIO_WORKSPACE) return process.env.NLP_STUDIO_WORKSPACE;
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'NLP Studio', 'workspace');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'NLP Studio', 'workspace');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'nlp-studio', 'workspace');
}
