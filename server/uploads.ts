/**
 * Receiving a browser upload into `<workspace>/.uploads/` with limits: a maximum size (refused from Content-Length
 * before a byte is read, and again while a body without one streams past it) and the free space of the workspace's
 * disk (refused before writing rather than filling the disk). A disk that fills anyway is reported as "disk full".
 *
 * The request is piped by hand rather than through `pipeline`: on a failure the rest of the body is read and
 * discarded so the browser, which reads the answer only after sending, gets the 413/507 and its message instead
 * of a reset connection.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm, statfs } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StudioError } from '../contract/errors.ts';
import type { ErrorName } from '../contract/errors.ts';
import type { PickedFile } from '../contract/methods.ts';
import { cleanUploadName, uploadFileName } from '../engine/host/file-registry.ts';
import type { FileRegistry } from '../engine/host/file-registry.ts';
import { userText } from '../contract/user-text.ts';
import { formatBytes } from './byte-size.ts';

export interface UploadLimits {
  /** Largest upload accepted, in bytes. @default 4 GiB (NLP_STUDIO_MAX_UPLOAD, `serve --max-upload`) */
  maxBytes: number;
  /** Space left free on the workspace's disk after an upload, so runs can still write. @default 256 MiB */
  reserveBytes: number;
  /** Free bytes on the disk holding `dir`. @default fs.statfs */
  freeBytes: (dir: string) => Promise<number>;
}

export const DEFAULT_MAX_UPLOAD = 4 * 2 ** 30;
export const DEFAULT_UPLOAD_RESERVE = 256 * 2 ** 20;

export async function statfsFreeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

export function uploadLimits(partial: Partial<UploadLimits> = {}): UploadLimits {
  return { maxBytes: DEFAULT_MAX_UPLOAD, reserveBytes: DEFAULT_UPLOAD_RESERVE, freeBytes: statfsFreeBytes, ...partial };
}

/** An upload refused with its own HTTP status (413 too large, 507 disk full). */
export class UploadRefused extends StudioError {
  constructor(name: ErrorName, message: string, readonly status: number, file: string) {
    super(name, message, { file });
  }
}

function tooLarge(name: string, limits: UploadLimits): UploadRefused {
  return new UploadRefused(
    'ValidationError',
    userText("{file} is larger than the upload limit of {limit} (the server's --max-upload or NLP_STUDIO_MAX_UPLOAD)", { file: name, limit: formatBytes(limits.maxBytes) }),
    413,
    name,
  );
}

function diskFull(name: string, needed: number, free: number, limits: UploadLimits): UploadRefused {
  return new UploadRefused(
    'ImportError',
    userText('disk full: {file} needs {needed}, {free} free in the workspace ({reserve} of it kept in reserve)', {
      file: name,
      needed: formatBytes(needed),
      free: formatBytes(free),
      reserve: formatBytes(limits.reserveBytes),
    }),
    507,
    name,
  );
}

/**
 * Refuse early what cannot fit: larger than the limit, or than the workspace's free space minus the reserve.
 * `size` is null when the client did not say (a chunked body): then only the reserve must be free.
 */
export async function checkUpload(uploadsDir: string, name: string, size: number | null, limits: UploadLimits): Promise<void> {
  if (size !== null && size > limits.maxBytes) throw tooLarge(name, limits);
  await mkdir(uploadsDir, { recursive: true });
  const free = await limits.freeBytes(uploadsDir);
  if ((size ?? 0) + limits.reserveBytes > free) throw diskFull(name, size ?? 0, free, limits);
}

/** The declared body length, or null without one; a malformed one is refused. */
export function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header === undefined) return null;
  const n = Number(header);
  if (!/^\d+$/.test(header) || !Number.isSafeInteger(n)) throw new StudioError('ValidationError', userText('Bad Content-Length: {value}', { value: JSON.stringify(header) }));
  return n;
}

/** Uploads being written now: never pruned, whatever their age. */
export const activeUploads = new Set<string>();

/**
 * Stream the request body into `.uploads/` under a random name and register it. The client's name is only ever a
 * display name. A failure removes the partial file; the body left over is drained (at most `maxBytes` more) before
 * the caller answers.
 */
export async function receiveUpload(req: IncomingMessage, rawName: string | null, files: FileRegistry, uploadsDir: string, limits: UploadLimits): Promise<PickedFile> {
  const name = cleanUploadName(rawName);
  await checkUpload(uploadsDir, name, declaredLength(req), limits);
  const target = path.join(uploadsDir, uploadFileName(name));
  let received = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      callback(received > limits.maxBytes ? tooLarge(name, limits) : null, chunk);
    },
  });
  const interrupted = () => limiter.destroy(new StudioError('ImportError', userText('The upload of {file} was interrupted', { file: name }), { file: name }));
  req.once('error', interrupted);
  req.once('close', () => {
    if (!req.complete) interrupted();
  });
  activeUploads.add(target);
  req.pipe(limiter);
  try {
    await pipeline(limiter, createWriteStream(target, { flags: 'wx' }));
    return await files.register(target, name);
  } catch (error) {
    req.unpipe(limiter);
    await rm(target, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      const free = await limits.freeBytes(uploadsDir).catch(() => 0);
      await drain(req, limits.maxBytes);
      const message = userText("disk full: the workspace's disk filled up after {received} of {file}; {free} free now", {
        received: formatBytes(received),
        file: name,
        free: formatBytes(free),
      });
      throw new UploadRefused('ImportError', message, 507, name);
    }
    if (error instanceof UploadRefused) await drain(req, limits.maxBytes);
    if (error instanceof StudioError) throw error;
    throw new StudioError('ImportError', userText('Could not store {file}: {error}', { file: name, error: (error as Error).message }), { file: name });
  } finally {
    activeUploads.delete(target);
  }
}

/** Read and discard the rest of a body (so the answer can be read), giving up after `limit` bytes. */
function drain(req: IncomingMessage, limit: number): Promise<void> {
  if (req.complete || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let discarded = 0;
    const done = () => {
      req.off('data', onData);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > limit) {
        req.destroy();
        done();
      }
    };
    req.on('data', onData);
    req.once('end', done);
    req.once('close', done);
    req.resume();
  });
}
