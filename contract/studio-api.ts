/**
 * The shape of `window.studio`: the only thing the renderer may talk to. The Electron preload and the web host's
 * bridge script both build it from the same table, so the renderer cannot tell which host it runs in.
 */
import type { NestedApi } from './client.ts';
import type { EventName, EventListener } from './events.ts';
import type { PickedFile, StudioMethods } from './methods.ts';
import type { UiLocale } from './locale.ts';

export interface FileBridge {
  /** Open the platform's file picker (Electron: a native dialog; browser: a file input, then upload). */
  pick(): Promise<PickedFile[]>;
  /** Turn dropped `File`s into handles (Electron: their paths, via the preload; browser: upload their bytes). */
  fromDrop(files: File[]): Promise<PickedFile[]>;
  /** Hand an export to the user (Electron: a save dialog; browser: a download). */
  saveExport(exportId: string): Promise<{ saved: boolean; location: string | null }>;
}

/** What only a desktop shell has (absent in a browser). */
export interface ShellBridge {
  /** The UI's language changed: menus and notifications follow it. */
  setLocale(locale: UiLocale): Promise<void>;
}

export type StudioApi = NestedApi<StudioMethods> & {
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
  files: FileBridge;
  shell?: ShellBridge;
};

declare global {
  interface Window {
    studio: StudioApi;
  }
}
