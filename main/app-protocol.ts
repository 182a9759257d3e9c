/**
 * `app://studio/…`: the renderer served from dist/renderer through a privileged custom protocol rather than
 * `file://`. A standard, secure scheme gives the page a real origin (so absolute `/assets/…` URLs, module scripts
 * and `connect-src 'self'` work), lets every response carry our CSP header, and — unlike `file://` — gives the
 * page no way to read other files on disk. Electron's `protocol` is passed in; this file imports only its types.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, contentTypeFor, resolveStaticPath } from '../engine/host/renderer-files.ts';
import { APP_HOST, APP_SCHEME } from './ipc.ts';

/** Must run before `app` is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request.url, request.method, rendererDir));
}

const headers = (type: string) => ({
  'Content-Type': type,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
});

/** Answer one `app://` request from the files inside `rendererDir`, never outside it. */
export async function appResponse(url: string, method: string, rendererDir: string): Promise<Response> {
  const notFound = () => new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return notFound();
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return notFound();
  if (method !== 'GET' && method !== 'HEAD') return new Response('Method not allowed', { status: 405, headers: headers('text/plain; charset=utf-8') });
  const file = resolveStaticPath(rendererDir, parsed.pathname);
  if (!file) return notFound();
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    // A client-side route (no extension) gets the app's page; a missing asset is a 404.
    if (path.extname(parsed.pathname) !== '') return notFound();
    try {
      body = await readFile(path.join(rendererDir, 'index.html'));
    } catch {
      return notFound();
    }
    return new Response(method === 'HEAD' ? null : new Uint8Array(body), { headers: headers('text/html; charset=utf-8') });
  }
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), { headers: headers(contentTypeFor(file)) });
}
