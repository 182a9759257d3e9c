/**
 * Moving files between the browser and the workspace: uploads stream to `<workspace>/.uploads/` under a random
 * name (the browser's name is only ever a display name), downloads stream an export back as an attachment.
 */
import { createReadStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StudioError } from '../contract/errors.ts';
import type { PickedFile } from '../contract/methods.ts';
import type { StudioBackend } from '../engine/host/studio-backend.ts';

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
