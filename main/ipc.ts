/**
 * What main does with an IPC message, apart from Electron: check who sent it, dispatch it through the right
 * method table, and turn the outcome into `IpcResult` data. `main/index.ts` registers these on the window's own
 * `webContents.ipc`, so other windows and webviews cannot reach them at all.
 */
import { dispatch } from '../contract/dispatch.ts';
import { StudioError, errorToData } from '../contract/errors.ts';
import { debugFromEnv, redactErrorData } from '../contract/redact-error.ts';
import { hostMethods, studioMethods } from '../contract/methods.ts';
import type { Handlers, HostMethods, StudioMethods } from '../contract/methods.ts';
import type { IpcResult } from '../contract/ipc-channels.ts';
import { userText } from '../contract/user-text.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
/** Where the window loads the renderer from (main/app-protocol.ts serves it). */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Only pages we serve ourselves (`app://studio/…`) may use IPC. */
export function isTrustedRendererUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The parts of an IpcMainInvokeEvent the check reads. */
export interface SenderInfo {
  sender: unknown;
  senderFrame: { url: string; parent: unknown } | null;
}

/** From our window's top frame, showing our renderer. Iframes, other windows and navigated-away frames fail. */
export function isTrustedSender(event: SenderInfo, ourWebContents: unknown): boolean {
  const frame = event.senderFrame;
  return event.sender === ourWebContents && frame !== null && frame.parent === null && isTrustedRendererUrl(frame.url);
}

export interface IpcRouter {
  /** `studio:call`: a `studioMethods` call. */
  call(payload: unknown): Promise<IpcResult>;
  /** `studio:host`: a `hostMethods` call. */
  host(payload: unknown): Promise<IpcResult>;
}

export function createIpcRouter(studio: Handlers<StudioMethods>, host: Handlers<HostMethods>): IpcRouter {
  return {
    call: (payload) => settle(() => dispatch(studioMethods, studio, ...readCall(payload))),
    host: (payload) => settle(() => dispatch(hostMethods, host, ...readCall(payload))),
  };
}

/** What to answer a sender that failed `isTrustedSender`. */
export function refusal(channel: string): IpcResult {
  return { ok: false, error: { name: 'UnauthorizedError', message: userText('IPC on {channel} refused: not from the NLP Studio window', { channel }) } };
}

function readCall(payload: unknown): [string, unknown] {
  const p = payload as { method?: unknown; input?: unknown } | null;
  if (typeof p !== 'object' || p === null || typeof p.method !== 'string') {
    throw new StudioError('ValidationError', userText('An IPC call must be {method: string, input}'));
  }
  return [p.method, p.input];
}

async function settle(run: () => Promise<unknown>): Promise<IpcResult> {
  try {
    return { ok: true, value: (await run()) ?? {} };
  } catch (error) {
    // The renderer is untrusted: no stack or paths of this machine unless NLP_STUDIO_DEBUG is set.
    return { ok: false, error: redactErrorData(errorToData(error), { debug: debugFromEnv(process.env) }) };
  }
}
