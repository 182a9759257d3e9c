/**
 * The IPC channels between the Electron preload and main, and the plain-data shapes on them. No Electron import:
 * both sides (and tests) share this one declaration. Results are `{ok, value | error}` data: contextBridge drops
 * custom Error properties.
 */
import type { ErrorData } from './errors.ts';

export const IpcChannel = {
  /** invoke: a `studioMethods` call from `window.studio`. */
  call: 'studio:call',
  /** invoke: a `hostMethods` call, made only by the preload's own code (dialogs, dropped paths). */
  host: 'studio:host',
  /** main → renderer: a backend event. */
  event: 'studio:event',
} as const;

export interface IpcCall {
  method: string;
  input: unknown;
}

export type IpcResult = { ok: true; value: unknown } | { ok: false; error: ErrorData };

export interface IpcEvent {
  event: string;
  payload: unknown;
}
