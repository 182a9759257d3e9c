/**
 * Moving files between the browser and the workspace: uploads stream to `<workspace>/.uploads/` under a random
 * name (the browser's name is only ever a display name), downloads stream an export back as an attachment.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StudioError } from '../contract/errors.ts';
import type { PickedFile } from '../contract/methods.ts';
import type { StudioBackend } from '../engine/host/studio-backend.ts';

/** Longest display name accepted for an upload, in characters. */
export const MAX_UPLOAD_NAME = 255;

/**
 * The name the user sees: the last path segment of what the browser sent, without control characters.
 * Throws ValidationError when nothing usable is left or it is too long.
 */
export function cleanUploadName(raw: string | null): string {
  // eslint-disable-next-line no-control-regex
  const name = (raw ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (name === '' || name === '.' || name === '..') throw new StudioError('ValidationError', 'The upload needs a file name: POST /api/upload?name=<file name>');
  if (name.length > MAX_UPLOAD_NAME) throw new StudioError('ValidationError', `The file name is longer than ${MAX_UPLOAD_NAME} characters`);
  return name;
}

/** A random file name in `.uploads/`, keeping a plain extension so format detection by extension still works. */
export function uploadFileName(displayName: string): string {
  const ext = path.extname(displayName).toLowerCase();
  return `u-${randomBytes(16).toString('hex')}${/^\.[a-z0-9]{1,10}$/.test(ext) ? ext : ''}`;
}

/**
 * Stream the request body to `.uploads/<random>` and register it. Nothing is buffered in memory beyond the
 * stream's own chunks; an aborted or failed upload removes its partial file.
 */
export async function receiveUpload(req: IncomingMessage, backend: StudioBackend, rawName: string | null): Promise<PickedFile> {
  const name = cleanUploadName(rawName);
  const dir = path.join(backend.workspaceDir, '.uploads');
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, uploadFileName(name));
  try {
    await pipeline(req, createWriteStream(target, { flags: 'wx' }));
    return await backend.files.register(target, name);
  } catch (error) {
    await rm(target, { force: true });
    if (error instanceof StudioError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || req.destroyed) {
      throw new StudioError('ImportError', `The upload of ${name} was interrupted`, { file: name });
    }
    throw new StudioError('ImportError', `Could not store the upload of ${name}: ${(error as Error).message}`, { file: name });
  }
}

/** Remove uploads older than `maxAgeMs`: their handles died with the host that received them. */
export async function pruneUploads(workspaceDir: string, maxAgeMs = 24 * 3600_000): Promise<void> {
  const dir = path.join(workspaceDir, '.uploads');
  const names = await readdir(dir).catch(() => [] as string[]);
  const cutoff = Date.now() - maxAgeMs;
  await Promise.all(
    names
      .filter((n) => n.startsWith('u-'))
      .map(async (n) => {
        const file = path.join(dir, n);
        const info = await stat(file).catch(() => null);
        if (info && info.mtimeMs < cutoff) await rm(file, { force: true });
      }),
  );
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
    throw new StudioError('NotFoundError', `The export file of ${info.fileName} is missing from the workspace`);
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
