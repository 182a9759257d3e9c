/**
 * The `hostMethods` behind the preload: native dialogs and dropped-file paths turned into handles, and exports
 * copied where the user chose. Dialogs are passed in, so this is tested without Electron.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Handlers, HostMethods } from '../contract/methods.ts';
import type { StudioBackend } from '../engine/host/studio-backend.ts';

export interface HostDialogs {
  /** Paths the user chose in an open dialog (several allowed); [] when cancelled. */
  openFiles(): Promise<string[]>;
  /** Where to save `suggestedName`; null when cancelled. */
  saveFile(suggestedName: string): Promise<string | null>;
}

export function createHostHandlers(backend: Pick<StudioBackend, 'files' | 'locateExport'>, dialogs: HostDialogs): Handlers<HostMethods> {
  const registerAll = (paths: string[]) => Promise.all(paths.map((p) => backend.files.register(p)));
  return {
    'host.pickFiles': async () => registerAll(await dialogs.openFiles()),
    'host.registerDropped': async ({ paths }) => registerAll(paths),
    'host.saveExport': async ({ id }) => {
      const { path: source, info } = await backend.locateExport(id);
      const target = await dialogs.saveFile(info.fileName);
      if (target === null) return { saved: false, location: null };
      await copyFileAtomic(source, target);
      return { saved: true, location: target };
    },
  };
}

/**
 * Copy to a temporary sibling, flush it, and rename it over `target`: a failed copy never leaves a truncated file
 * where the user's (possibly pre-existing) file was.
 */
export async function copyFileAtomic(source: string, target: string): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await copyFile(source, temp);
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
