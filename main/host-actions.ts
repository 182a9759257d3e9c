/**
 * The `hostMethods` behind the preload: native dialogs and dropped-file paths turned into handles, and exports
 * copied where the user chose. Dialogs are passed in, so this is tested without Electron.
 */
import { copyFileAtomic } from '../engine/workspace/atomic.ts';
import type { Handlers, HostMethods } from '../contract/methods.ts';
import type { UiLocale } from '../contract/locale.ts';
import type { StudioBackend } from '../engine/host/studio-backend.ts';

export interface HostDialogs {
  /** Paths the user chose in an open dialog (several allowed); [] when cancelled. */
  openFiles(): Promise<string[]>;
  /** Where to save `suggestedName`; null when cancelled. */
  saveFile(suggestedName: string): Promise<string | null>;
}

export function createHostHandlers(
  backend: Pick<StudioBackend, 'files' | 'locateExport'>,
  dialogs: HostDialogs,
  /** The renderer switched language: rebuild what main shows (menus, notifications). */
  onLocale: (locale: UiLocale) => void = () => {},
): Handlers<HostMethods> {
  const registerAll = (paths: string[]) => Promise.all(paths.map((p) => backend.files.register(p)));
  return {
    'host.pickFiles': async () => registerAll(await dialogs.openFiles()),
    'host.registerDropped': async ({ paths }) => registerAll(paths),
    'host.registerContent': async ({ name, bytes }) => backend.files.receive(name, bytes),
    'host.saveExport': async ({ id }) => {
      const { path: source, info } = await backend.locateExport(id);
      const target = await dialogs.saveFile(info.fileName);
      if (target === null) return { saved: false, location: null };
      await copyFileAtomic(source, target);
      return { saved: true, location: target };
    },
    'host.setLocale': async ({ locale }) => {
      onLocale(locale);
      return { locale };
    },
  };
}
