/**
 * Who may talk to the web host. As in Jupyter: a random token printed in the URL, remembered by the browser in an
 * HttpOnly SameSite=Strict cookie once the page has been opened with it; plus Host/Origin checks against DNS
 * rebinding and cross-site WebSocket hijacking.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import net from 'node:net';

/** 32 random bytes, base64url: what goes into `?token=`. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first makes both sides the same length so length leaks nothing either. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** Cookies are not isolated by port, so two hosts on one machine need different cookie names. */
export function cookieName(port: number): string {
  return `nlp-studio-token-${port}`;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

export function authCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

export type TokenSource = 'query' | 'header' | 'cookie';

/** Which credential of the request carries the right token, or null when none does. */
export function authenticate(req: IncomingMessage, url: URL, token: string, port: number): TokenSource | null {
  const query = url.searchParams.get('token');
  if (query !== null && tokensEqual(query, token)) return 'query';
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && tokensEqual(auth.slice(7).trim(), token)) return 'header';
  const cookie = parseCookies(req.headers.cookie).get(cookieName(port));
  if (cookie !== undefined && tokensEqual(cookie, token)) return 'cookie';
  return null;
}

const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const wildcard = new Set(['0.0.0.0', '::', '']);

/**
 * DNS-rebinding defence: a page on evil.example whose name was re-pointed at 127.0.0.1 still sends
 * `Host: evil.example`. Accept only loopback names, the address we are bound to, and (when bound to all interfaces)
 * IP literals, which no rebinding can produce. The port must be ours.
 */
export function isAllowedHost(hostHeader: string | undefined, boundHost: string, port: number): boolean {
  if (!hostHeader) return false;
  let parsed: URL;
  try {
    parsed = new URL(`http://${hostHeader}`);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password || parsed.pathname !== '/') return false;
  if ((parsed.port === '' ? 80 : Number(parsed.port)) !== port) return false;
  const name = parsed.hostname.toLowerCase();
  if (loopbackNames.has(name)) return true;
  const bound = boundHost.toLowerCase();
  if (name === bound || name === `[${bound}]`) return true;
  return wildcard.has(bound) && net.isIP(name.replace(/^\[|\]$/g, '')) !== 0;
}

/** A browser always sends Origin on WebSocket handshakes and cross-origin POSTs; when present it must be us. */
export function isAllowedOrigin(origin: string | undefined, boundHost: string, port: number): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.protocol === 'http:' && isAllowedHost(parsed.host, boundHost, port);
}
