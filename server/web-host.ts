/**
 * The web host: the same `window.studio` as the desktop app, served to a browser on this machine.
 *
 * - `GET /`, `/assets/…`: the built renderer (dist/renderer), the page with the bridge script injected.
 * - `GET /studio-bridge.js` (and its `.map`): the browser half (server/bridge/web-bridge.ts, bundled).
 * - `WS /api/ws`: WireMessage JSON; calls go through `dispatch(studioMethods, …)`, events are broadcast.
 * - `POST /api/upload?name=`: a file body, streamed into `<workspace>/.uploads/`, answered with a PickedFile; too
 *   large → 413, no room on the workspace's disk → 507 (server/uploads.ts).
 * - `GET /api/upload/check?name=&size=`: the same checks before sending a byte, so a browser can show the reason
 *   (a browser whose upload is cut off early sees only a reset connection).
 * - `GET|HEAD /api/exports/<id>`: an export as a download.
 *
 * Every request needs the token (query, Bearer header or the cookie set when the page is opened with `?token=`),
 * a loopback or bound Host, and, when the browser sends one, our own Origin.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { StudioError, errorToData } from '../contract/errors.ts';
import type { ErrorData, ErrorName } from '../contract/errors.ts';
import { debugFromEnv, redactErrorData, redactEventPayload } from '../contract/redact-error.ts';
import type { RedactOptions } from '../contract/redact-error.ts';
import { userText } from '../contract/user-text.ts';
import { ExportId } from '../contract/methods.ts';
import { cleanUploadName } from '../engine/host/file-registry.ts';
import type { MessagePortLike } from '../contract/protocol.ts';
import type { StudioBackend } from '../engine/host/studio-backend.ts';
import { authCookie, authenticate, generateToken, isAllowedHost, isAllowedOrigin } from './auth.ts';
import { CloseCode, attachSocket } from './socket-rpc.ts';
import { CONTENT_SECURITY_POLICY, contentTypeFor, injectBridgeScript, resolveStaticPath } from '../engine/host/renderer-files.ts';
import { sendExport, startUploadPruner } from './transfers.ts';
import { UploadRefused, activeUploads, checkUpload, receiveUpload, uploadLimits } from './uploads.ts';
import type { UploadLimits } from './uploads.ts';

export interface WebHostOptions {
  backend: StudioBackend;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** Interface to bind. Anything but loopback exposes the workbench to the network (still behind the token). @default '127.0.0.1' */
  host?: string;
  /** The built renderer, `dist/renderer`. */
  rendererDir: string;
  /** The bundled bridge, `dist/web/studio-bridge.js`. */
  bridgeFile: string;
  /** @default 32 random bytes, base64url */
  token?: string;
  /** Upload size limit, disk reserve, free-space probe. @default uploadLimits() */
  uploads?: Partial<UploadLimits>;
  /** Prune stale uploads this often while running. @default 10 minutes */
  pruneEveryMs?: number;
  /** Send errors with their stack and server paths (NLP_STUDIO_DEBUG=1, `serve --debug`). @default from NLP_STUDIO_DEBUG */
  debug?: boolean;
}

export interface WebHost {
  /** `http://127.0.0.1:<port>/?token=<token>`: what to print and open. */
  url: string;
  port: number;
  token: string;
  /** Closes every socket and the server. The backend stays open: its owner disposes it. */
  close(): Promise<void>;
}

/** Headers on every response. */
const baseHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

const statusOf: Partial<Record<ErrorName, number>> = {
  ValidationError: 400,
  UnknownMethodError: 404,
  NotFoundError: 404,
  UnauthorizedError: 401,
  ImportError: 422,
  CancelledError: 409,
  EngineCrashedError: 503,
};


/** Ping every socket this often; one that has not answered the previous ping is dropped. */
const HEARTBEAT_MS = 30_000;

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const { backend } = opts;
  const boundHost = opts.host ?? '127.0.0.1';
  const token = opts.token ?? generateToken();
  if (token.length < 16) throw new StudioError('ValidationError', userText('The web host token must be at least 16 characters'));
  const rendererDir = path.resolve(opts.rendererDir);
  const bridgeFile = path.resolve(opts.bridgeFile);
  let port = 0; // known once listening; every check below runs after that
  const limits = uploadLimits(opts.uploads);
  const uploadsDir = path.join(backend.workspaceDir, '.uploads');
  const redact: RedactOptions = { workspaceDir: backend.workspaceDir, debug: opts.debug ?? debugFromEnv(process.env) };

  const ports = new Set<MessagePortLike>();
  const alive = new WeakMap<WebSocket, boolean>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  const stopEvents = backend.onEvent((event, payload) => {
    const safe = redactEventPayload(payload, redact);
    for (const p of ports) p.send({ type: 'event', event, payload: safe });
  });
  wss.on('connection', (socket) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
    socket.on('error', () => socket.terminate());
    const p = attachSocket(socket, backend, redact);
    ports.add(p);
    socket.on('close', () => ports.delete(p));
  });
  const heartbeat = setInterval(() => {
    for (const socket of wss.clients) {
      if (!alive.get(socket)) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const server = http.createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => sendError(res, error, redact));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy()); // a client reset must not become an uncaught exception
    const url = requestUrl(req);
    const refuse = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}\n`);
    };
    if (!url || url.pathname !== '/api/ws') return refuse(404, userText('No WebSocket endpoint here'));
    if (!isAllowedHost(req.headers.host, boundHost, port)) return refuse(403, userText('Host not allowed'));
    if (!isAllowedOrigin(req.headers.origin, boundHost, port)) return refuse(403, userText('Origin not allowed'));
    if (!authenticate(req, url, token, port)) return refuse(401, userText('Missing or wrong token'));
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req);
    if (!url) throw new StudioError('ValidationError', userText('Malformed request URL'));
    if (!isAllowedHost(req.headers.host, boundHost, port)) {
      return sendJson(res, 403, { name: 'UnauthorizedError', message: userText('This Host is not allowed (open the URL the server printed)') });
    }
    if (!isAllowedOrigin(req.headers.origin, boundHost, port)) {
      return sendJson(res, 403, { name: 'UnauthorizedError', message: userText('Cross-origin requests are not allowed') });
    }
    const via = authenticate(req, url, token, port);
    if (!via) {
      res.setHeader('Connection', 'close'); // do not read a refused upload body
      return sendJson(res, 401, {
        name: 'UnauthorizedError',
        message: userText('Missing or wrong token: open the URL with ?token=… that `nlp-studio serve` printed'),
      });
    }
    // The page was opened with ?token=: remember it so the bridge, uploads and downloads need no token in URLs.
    if (via === 'query') res.setHeader('Set-Cookie', authCookie(port, token));

    const { pathname } = url;
    const method = req.method ?? 'GET';
    if (pathname === '/api/upload') {
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      try {
        const picked = await receiveUpload(req, url.searchParams.get('name'), backend.files, uploadsDir, limits);
        return sendJson(res, 200, picked);
      } catch (error) {
        if (!req.complete) res.setHeader('Connection', 'close'); // refused before the body was read: do not read it
        throw error;
      }
    }
    if (pathname === '/api/upload/check') {
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      const size = Number(url.searchParams.get('size') ?? NaN);
      if (!Number.isSafeInteger(size) || size < 0) throw new StudioError('ValidationError', userText('The upload check needs ?size=<bytes>'));
      await checkUpload(uploadsDir, cleanUploadName(url.searchParams.get('name')), size, limits);
      return sendJson(res, 200, { maxBytes: limits.maxBytes });
    }
    if (pathname.startsWith('/api/exports/')) {
      if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
      let id = '';
      try {
        id = decodeURIComponent(pathname.slice('/api/exports/'.length));
      } catch {
        // malformed percent-encoding: refused below as not an export id
      }
      if (!ExportId.safeParse(id).success) throw new StudioError('ValidationError', userText('Not an export id: {id}', { id: JSON.stringify(id) }));
      return sendExport(req, res, backend, id);
    }
    if (pathname.startsWith('/api/')) throw new StudioError('NotFoundError', userText('No such endpoint: {path}', { path: pathname }));
    if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
    if (pathname === '/studio-bridge.js') return sendFile(req, res, bridgeFile);
    if (pathname === '/studio-bridge.js.map') return sendFile(req, res, `${bridgeFile}.map`); // the build's linked source map

    let file = resolveStaticPath(rendererDir, pathname);
    if (!file) throw new StudioError('NotFoundError', userText('Not found'));
    let info = await stat(file).catch(() => null);
    // Client-side routes (`/runs/r-…`) have no file: give them the app's page.
    if (!info && path.extname(pathname) === '' && (req.headers.accept ?? '').includes('text/html')) {
      file = path.join(rendererDir, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) throw new StudioError('NotFoundError', userText('Not found'));
    return sendFile(req, res, file);
  }

  async function sendFile(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
    const type = contentTypeFor(file);
    if (type.startsWith('text/html')) {
      const html = injectBridgeScript(await readFile(file, 'utf8'));
      res.writeHead(200, {
        ...baseHeaders,
        'Content-Type': type,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'Cache-Control': 'no-store',
        'Content-Length': String(Buffer.byteLength(html)),
      });
      res.end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new StudioError('NotFoundError', userText('Not found'));
    res.writeHead(200, { ...baseHeaders, 'Content-Type': type, 'Content-Length': String(info.size), 'Cache-Control': 'no-cache' });
    if (req.method === 'HEAD') return void res.end();
    await pipeline(createReadStream(file), res).catch(() => res.destroy());
  }

  function requestUrl(req: IncomingMessage): URL | null {
    try {
      return new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return null;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, boundHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const stopPruning = startUploadPruner(uploadsDir, (file) => activeUploads.has(file) || backend.files.isRegistered(file), opts.pruneEveryMs);

  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost(boundHost)}:${port}/?token=${token}`,
    port,
    token,
    close() {
      closing ??= (async () => {
        clearInterval(heartbeat);
        stopPruning();
        stopEvents();
        for (const socket of wss.clients) socket.close(CloseCode.goingAway, userText('NLP Studio server is shutting down'));
        const wssClosed = new Promise<void>((resolve) => wss.close(() => resolve()));
        // Give pages a moment to answer the close handshake, then cut the rest.
        await Promise.race([wssClosed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
        for (const socket of wss.clients) socket.terminate();
        await wssClosed;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...baseHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  sendJson(res, 405, { name: 'ValidationError', message: userText('Method not allowed; use {methods}', { methods: allow }) });
}

/** Every failure answers with ErrorData JSON and a status that matches its name. */
function sendError(res: ServerResponse, error: unknown, redact: RedactOptions): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const data: ErrorData = redactErrorData(errorToData(error), redact);
  sendJson(res, error instanceof UploadRefused ? error.status : (statusOf[data.name] ?? 500), data);
}
