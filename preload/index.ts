/**
 * The sandboxed preload: exposes `window.studio` and nothing else. Only `contextBridge`, `ipcRenderer` and
 * `webUtils` are used; the build bundles the contract code into this one CommonJS file.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { createPreloadApi } from './api.ts';

const api = createPreloadApi(
  {
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
    on: (channel, listener) => {
      const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, handler);
      return () => ipcRenderer.removeListener(channel, handler);
    },
  },
  (file) => webUtils.getPathForFile(file),
);

contextBridge.exposeInMainWorld('studio', api);
