/**
 * `window.studio` for a browser talking to the web host: studio methods over a reconnecting WebSocket, events,
 * and files moved by HTTP (uploads in, downloads out). The DOM-specific parts (file input, download link) are
 * passed in, so this runs under Node in tests with `ws` and `fetch`.
 */
import { RpcClient, nestMethods } from '../../contract/client.ts';
import { StudioError, errorToData } from '../../contract/errors.ts';
import type { EventName, EventListener } from '../../contract/events.ts';
import { ExportId, PickedFile, studioMethods } from '../../contract/methods.ts';
import type { StudioApi } from '../../contract/studio-api.ts';
import { userText } from '../../contract/user-text.ts';
import { ReconnectingSocketPort } from './socket-port.ts';
import type { ConnectionStatus, SocketLike } from './socket-port.ts';

export interface WebStudioOptions {
  /** Origin of the web host, `http://127.0.0.1:8765`; '' in the page itself (same-origin relative URLs). */
  baseUrl: string;
  /** The `ws://…/api/ws` URL. */
  socketUrl: string;
  /** The token from the page URL, when it had one; the cookie alone authenticates otherwise. */
  token: string | null;
  createSocket: (url: string) => SocketLike;
  fetch: typeof fetch;
  /** Let the user choose files; resolves [] when they cancel. */
  chooseFiles: () => Promise<File[]>;
  /** Start a browser download of `href`. */
  download: (href: string) => void;
  connectTimeoutMs?: number;
  onStatus?: (status: ConnectionStatus, detail: string) => void;
}

export interface WebStudio {
  api: StudioApi;
  port: ReconnectingSocketPort;
  /** Close the socket for good. */
  close(): void;
}

export function createWebStudio(opts: WebStudioOptions): WebStudio {
  const withToken = (url: string) => (opts.token ? `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(opts.token)}` : url);
  const port = new ReconnectingSocketPort({
    url: withToken(opts.socketUrl),
    createSocket: opts.createSocket,
    ...(opts.connectTimeoutMs !== undefined ? { connectTimeoutMs: opts.connectTimeoutMs } : {}),
    ...(opts.onStatus ? { onStatus: opts.onStatus } : {}),
  });
  const client = new RpcClient(port);
  const authHeaders: Record<string, string> = opts.token ? { Authorization: `Bearer ${opts.token}` } : {};

  async function upload(file: File): Promise<PickedFile> {
    const failed = userText('Uploading {file} failed', { file: file.name });
    const query = `name=${encodeURIComponent(file.name)}`;
    let response: Response;
    try {
      // Ask first: a browser whose upload the server cuts short (too large, disk full) sees only a reset connection.
      response = await opts.fetch(`${opts.baseUrl}/api/upload/check?${query}&size=${file.size}`, { headers: authHeaders, credentials: 'same-origin' });
      if (!response.ok) throw await responseError(response, failed);
      response = await opts.fetch(`${opts.baseUrl}/api/upload?${query}`, {
        method: 'POST',
        body: file, // the browser streams a File from disk; it is never read into memory here
        headers: { ...authHeaders, 'Content-Type': 'application/octet-stream' },
        credentials: 'same-origin',
      });
    } catch (error) {
      if (error instanceof StudioError) throw error;
      throw new StudioError('ImportError', userText('Uploading {file} failed: {error}', { file: file.name, error: (error as Error).message }), { file: file.name });
    }
    if (!response.ok) throw await responseError(response, failed);
    return PickedFile.parse(await response.json());
  }

  async function uploadAll(files: File[]): Promise<PickedFile[]> {
    const picked: PickedFile[] = [];
    for (const file of files) picked.push(await upload(file)); // one at a time: order kept, one disk stream
    return picked;
  }

  const files: StudioApi['files'] = {
    pick: async () => uploadAll(await opts.chooseFiles()),
    fromDrop: (dropped) => uploadAll([...dropped]),
    async saveExport(exportId) {
      if (!ExportId.safeParse(exportId).success) throw new StudioError('ValidationError', userText('Not an export id: {id}', { id: JSON.stringify(exportId) }));
      const href = `${opts.baseUrl}/api/exports/${encodeURIComponent(exportId)}`;
      // Check first: a download link cannot report a 404, a HEAD request can.
      let response: Response;
      try {
        response = await opts.fetch(href, { method: 'HEAD', headers: authHeaders, credentials: 'same-origin' });
      } catch (error) {
        throw new StudioError('InternalError', userText('Cannot reach the NLP Studio server: {error}', { error: (error as Error).message }));
      }
      if (!response.ok) throw await responseError(response, userText('The export cannot be downloaded'));
      opts.download(href);
      return { saved: true, location: null };
    },
  };

  const api = {
    ...nestMethods(studioMethods, (method, input) => client.call(method, input)),
    on<E extends EventName>(event: E, listener: EventListener<E>) {
      return client.on(event, listener as (payload: unknown) => void);
    },
    files,
  } as StudioApi;

  return {
    api,
    port,
    close() {
      client.close();
      port.close();
    },
  };
}

/** The web host answers failures with ErrorData JSON; a HEAD answer has no body, so fall back on the status. */
async function responseError(response: Response, what: string): Promise<StudioError> {
  const body: unknown = await response.json().catch(() => null);
  if (body && typeof body === 'object' && 'name' in body && 'message' in body) return StudioError.fromData(errorToData(body));
  if (response.status === 401) return new StudioError('UnauthorizedError', userText('{what}: not authorised (reopen the URL the server printed)', { what }));
  if (response.status === 404) return new StudioError('NotFoundError', userText('{what}: not found', { what }));
  return new StudioError('InternalError', userText('{what}: HTTP {status}', { what, status: response.status }));
}
