/**
 * Serving the built renderer safely, to Electron's `app://` (main/app-protocol.ts) and over HTTP (the web host):
 * the CSP, content types, URL → file resolution that can never leave the renderer folder, and the web host's
 * bridge script injection.
 */
import path from 'node:path';

/** The page may load only its own scripts and styles, talk only to its own origin, and never be framed. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Module scripts refuse to run without a JavaScript MIME type, so every file gets an explicit one. */
export function contentTypeFor(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Map a URL path (`/assets/app.js`, percent-encoded) to a file inside `root`, or null when it would leave it.
 * `/` and folders map to their `index.html`. Refuses NUL bytes, backslashes and encoded separators outright, and
 * checks containment after resolving, so `..`, `%2e%2e` and absolute paths cannot escape.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || /%2f|%5c/i.test(urlPath)) return null;
  const base = path.resolve(root);
  const relative = decoded.replace(/^\/+/, '');
  const resolved = path.resolve(base, relative === '' || decoded.endsWith('/') ? path.join(relative, 'index.html') : relative);
  if (!resolved.startsWith(base + path.sep)) return null;
  // No dot-files (`.env`, `.git`): nothing the renderer build emits starts with a dot.
  if (path.relative(base, resolved).split(path.sep).some((part) => part.startsWith('.'))) return null;
  return resolved;
}

/**
 * The web host injects the bridge into the renderer's page so `window.studio` exists before the app's (deferred)
 * module scripts run. A classic script at the top of <head> runs first. Leaves pages that already load it alone.
 */
export function injectBridgeScript(html: string, src = '/studio-bridge.js'): string {
  if (html.includes(src)) return html;
  const tag = `<script src="${src}"></script>`;
  const head = /<head[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  return tag + html;
}
