/**
 * Moving files between the browser and the workspace: downloads stream an export back as an attachment; uploads
 * (server/uploads.ts) land in `<workspace>/.uploads/`, pruned here while the host runs.
 */
import { createReadStream } from 'node:fs';
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StudioError } from '../contract/errors.ts';
import { userText } from '../contract/user-text.ts';
import type { StudioBackend } from '../engine/host/studio-backend.ts';

/** Unregistered uploads older than this are pruned: their handles died with the host that received them. */
export const UPLOAD_MAX_AGE_MS = 3600_000;
/** How often a running host prunes `.uploads/`. */
export const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Remove uploads older than `maxAgeMs` that `keep` does not claim (registered or being written here). The ones
 * kept have their time refreshed, so another host sharing the workspace does not take them for stale.
 */
export async function pruneUploads(uploadsDir: string, maxAgeMs = UPLOAD_MAX_AGE_MS, keep: (file: string) => boolean = () => false): Promise<string[]> {
  const names = await readdir(uploadsDir).catch(() => [] as string[]);
  const cutoff = Date.now() - maxAgeMs;
  const removed: string[] = [];
  await Promise.all(
    names
      .filter((n) => n.startsWith('u-'))
      .map(async (n) => {
        const file = path.join(uploadsDir, n);
        if (keep(file)) {
          const now = new Date();
          await utimes(file, now, now).catch(() => undefined);
          return;
        }
        const info = await stat(file).catch(() => null);
        if (info && info.mtimeMs < cutoff) {
          await rm(file, { force: true, recursive: true });
          removed.push(n);
        }
      }),
  );
  return removed;
}

/** Prune now and every `everyMs` while the host runs. Returns the function that stops it. */
export function startUploadPruner(uploadsDir: string, keep: (file: string) => boolean, everyMs = PRUNE_EVERY_MS, maxAgeMs = UPLOAD_MAX_AGE_MS): () => void {
  const prune = () => void pruneUploads(uploadsDir, maxAgeMs, keep).catch(() => undefined);
  prune();
  const timer = setInterval(prune, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * `attachment` with an ASCII fallback `filename` and the exact name as RFC 5987 `filename*` (UTF-8,
 * percent-encoded), so non-ASCII names survive and quotes or CR/LF can never break the header.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'download';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Stream an export as a download (HEAD: the headers only, so the bridge can check before it starts). */
export async function sendExport(req: IncomingMessage, res: ServerResponse, backend: StudioBackend, id: string): Promise<void> {
  const { path: file, info } = await backend.locateExport(id);
  const size = (await stat(file).catch(() => {
    throw new StudioError('NotFoundError', userText('The export file of {file} is missing from the workspace', { file: info.fileName }));
  })).size;
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(size),
    'Content-Disposition': contentDisposition(info.fileName),
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(createReadStream(file), res).catch(() => res.destroy());
}
