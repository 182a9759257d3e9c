/**
 * `window.studio` for Electron, built from the contract over two invoke channels. Electron is passed in (the
 * sandboxed preload gives us `ipcRenderer` and `webUtils`), so this is tested under plain Node.
 *
 * Failures reject with plain ErrorData, not Error instances: contextBridge would drop their custom fields.
 * The renderer rebuilds a StudioError with `toStudioError`.
 */
import { nestMethods } from '../contract/client.ts';
import { errorToData } from '../contract/errors.ts';
import type { ErrorData } from '../contract/errors.ts';
import type { EventName, EventListener } from '../contract/events.ts';
import { studioMethods } from '../contract/methods.ts';
import type { PickedFile } from '../contract/methods.ts';
import type { StudioApi } from '../contract/studio-api.ts';
import { IpcChannel } from '../contract/ipc-channels.ts';
import type { IpcEvent, IpcResult } from '../contract/ipc-channels.ts';

export interface PreloadIpc {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  /** Subscribe to main → renderer messages on `channel`; returns the unsubscribe. */
  on(channel: string, listener: (payload: unknown) => void): () => void;
}

export function createPreloadApi(ipc: PreloadIpc, getPathForFile: (file: File) => string): StudioApi {
  const invoke = async (channel: string, method: string, input: unknown): Promise<unknown> => {
    let result: IpcResult;
    try {
      result = (await ipc.invoke(channel, { method, input })) as IpcResult;
    } catch (error) {
      throw errorToData(error); // e.g. "No handler registered": main is not ready or refused the channel
    }
    if (typeof result !== 'object' || result === null || typeof result.ok !== 'boolean') {
      throw { name: 'InternalError', message: `Malformed answer from the main process to ${method}` } satisfies ErrorData;
    }
    if (!result.ok) throw result.error;
    return result.value;
  };
  const host = (method: string, input: unknown) => invoke(IpcChannel.host, method, input);

  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let unsubscribe: (() => void) | null = null;
  const ensureSubscribed = () => {
    unsubscribe ??= ipc.on(IpcChannel.event, (message) => {
      const { event, payload } = (message ?? {}) as Partial<IpcEvent>;
      if (typeof event === 'string') listeners.get(event)?.forEach((listener) => listener(payload));
    });
  };

  return {
    ...nestMethods(studioMethods, (method, input) => invoke(IpcChannel.call, method, input)),
    on<E extends EventName>(event: E, listener: EventListener<E>) {
      ensureSubscribed();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
    files: {
      pick: () => host('host.pickFiles', {}) as Promise<PickedFile[]>,
      async fromDrop(files) {
        const picked: PickedFile[] = [];
        for (const file of [...files]) {
          const filePath = getPathForFile(file);
          // A File with no path on disk (text dragged from another app, a synthetic drop) travels as bytes.
          picked.push(
            ...(filePath
              ? ((await host('host.registerDropped', { paths: [filePath] })) as PickedFile[])
              : [(await host('host.registerContent', { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })) as PickedFile]),
          );
        }
        return picked;
      },
      saveExport: (exportId) => host('host.saveExport', { id: exportId }) as Promise<{ saved: boolean; location: string | null }>,
    },
    shell: {
      setLocale: async (locale) => void (await host('host.setLocale', { locale })),
    },
  } as StudioApi;
}
