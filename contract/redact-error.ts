/**
 * What an error may say to a client that is not this machine's own user (a browser on the web host, the Electron
 * renderer, which is untrusted by design): no stack trace and no server paths. A path inside the workspace becomes
 * workspace-relative (`corpora/c-1/tokens.txt`), any other absolute path its base name (`train.csv`), so
 * "train.csv line 12: …" survives and `/home/alice/…` does not. With `debug` (NLP_STUDIO_DEBUG=1, `serve --debug`)
 * everything passes unchanged. Pure string work: runs in any host.
 */
import type { ErrorData } from './errors.ts';

export interface RedactOptions {
  /** The workspace folder: paths under it are shown relative to it. */
  workspaceDir?: string;
  /** Send errors unchanged, stack included. */
  debug?: boolean;
}

/** A path segment in running text: no quotes, brackets, colons or whitespace. */
const SEGMENT = String.raw`[^\s'"\x60<>|:;,()\[\]{}\\/]+`;
/** A folder on the way: may hold single spaces (`NLP Studio/`), since a separator follows it. */
const FOLDER = String.raw`${SEGMENT}(?: ${SEGMENT})*[\\/]`;
/**
 * An absolute path of at least two segments — POSIX `/a/b`, `file:///a/b`, Windows `C:\a\b` or `C:/a/b`, UNC
 * `\\server\share` — not glued to a word, a dot or another path (so `a/b`, `1/2` and URLs' `//host` are left alone).
 * `/api/…` are the web host's own URL paths, not files.
 */
const ABSOLUTE_PATH = new RegExp(
  String.raw`(?<![\w.~:/\\-])(?:file:///|file://)?(?:[A-Za-z]:[\\/]|\\\\|/(?!api/))(?:${FOLDER})+(?:${SEGMENT})?`,
  'g',
);

/** The last non-empty segment of a path. */
function baseName(p: string): string {
  const parts = p.split(/[\\/]+/).filter((s) => s !== '');
  return parts.at(-1) ?? p;
}

/** Replace server paths in `text`: workspace-relative inside the workspace, the base name elsewhere. */
export function redactPaths(text: string, workspaceDir?: string): string {
  let out = text;
  const ws = workspaceDir?.replace(/[\\/]+$/, '');
  if (ws && ws.length > 1) {
    // The workspace first and as a literal: its own path may hold spaces the generic pattern would cut at.
    out = out.split(`file://${ws}`).join(ws);
    out = out.replace(new RegExp(`${escapeRegExp(ws)}(?:[\\\\/]|(?![\\w.-]))`, 'g'), (m) => (m.length > ws.length ? '' : '<workspace>'));
  }
  return out.replace(ABSOLUTE_PATH, baseName);
}

/** ErrorData as a client outside this machine's trust may see it. */
export function redactErrorData(data: ErrorData, options: RedactOptions = {}): ErrorData {
  if (options.debug) return data;
  const out: ErrorData = { name: data.name, message: redactPaths(data.message, options.workspaceDir) };
  if (data.file !== undefined) out.file = redactPaths(data.file, options.workspaceDir);
  if (data.line !== undefined) out.line = data.line;
  return out;
}

/** A stack frame line as V8 prints it (`    at fn (/path/file.js:1:2)`). */
const STACK_FRAME = /^\s*at\s/;

/**
 * An event payload as such a client may see it: a job's `failed` error and an engine crash's `error` redacted; the
 * crash's `log` lines with server paths redacted and stack frames left out. Other payloads pass unchanged.
 */
export function redactEventPayload(payload: unknown, options: RedactOptions = {}): unknown {
  if (options.debug || typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload;
  const p = payload as { error?: unknown; log?: unknown };
  if (p.error === undefined && !Array.isArray(p.log)) return payload;
  const out: Record<string, unknown> = { ...p };
  const error = p.error as Partial<ErrorData> | undefined;
  if (error && typeof error === 'object' && typeof error.name === 'string' && typeof error.message === 'string') {
    out.error = redactErrorData(error as ErrorData, options);
  }
  if (Array.isArray(p.log)) {
    out.log = p.log.filter((line) => typeof line !== 'string' || !STACK_FRAME.test(line)).map((line) => (typeof line === 'string' ? redactPaths(line, options.workspaceDir) : line));
  }
  return out;
}

/** NLP_STUDIO_DEBUG set to anything but '', '0' or 'false'. */
export function debugFromEnv(env: Record<string, string | undefined>): boolean {
  const v = env.NLP_STUDIO_DEBUG;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
