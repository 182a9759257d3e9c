/**
 * Opaque handles for files the user picked, dropped or uploaded. The renderer only ever holds a handle; the host
 * resolves it to a path. A renderer that makes up a handle gets NotFoundError; it cannot name an arbitrary path.
 */
import { userText } from '../../contract/user-text.ts';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StudioError } from '../../contract/errors.ts';
import type { PickedFile } from '../../contract/methods.ts';

interface Entry {
  path: string;
  name: string;
}

/** Longest display name accepted for received content, in characters. */
export const MAX_UPLOAD_NAME = 255;

/**
 * The name the user sees: the last path segment of what the client sent, without control characters.
 * Throws ValidationError when nothing usable is left or it is too long.
 */
export function cleanUploadName(raw: string | null): string {
  // eslint-disable-next-line no-control-regex
  const name = (raw ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (name === '' || name === '.' || name === '..') throw new StudioError('ValidationError', userText('The upload needs a file name: POST /api/upload?name=<file name>'));
  if (name.length > MAX_UPLOAD_NAME) throw new StudioError('ValidationError', userText('The file name is longer than {max} characters', { max: MAX_UPLOAD_NAME }));
  return name;
}

/** A random file name for received content, keeping a plain extension so format detection by extension works. */
export function uploadFileName(displayName: string): string {
  const ext = path.extname(displayName).toLowerCase();
  return `u-${randomBytes(16).toString('hex')}${/^\.[a-z0-9]{1,10}$/.test(ext) ? ext : ''}`;
}

export class FileRegistry {
  private readonly entries = new Map<string, Entry>();

  /** `uploadsDir` holds content received as bytes (browser uploads, in-memory drops), under random names. */
  constructor(private readonly uploadsDir: string) {}

  /**
   * Store content the user gave us as bytes — a browser upload stream, or a dropped File with no path on disk —
   * under a random name, and register it. The client's name is only ever a display name. A failed or aborted
   * transfer removes its partial file.
   */
  async receive(rawName: string | null, content: Readable | Uint8Array): Promise<PickedFile> {
    const name = cleanUploadName(rawName);
    await mkdir(this.uploadsDir, { recursive: true });
    const target = path.join(this.uploadsDir, uploadFileName(name));
    try {
      if (content instanceof Readable) await pipeline(content, createWriteStream(target, { flags: 'wx' }));
      else await writeFile(target, content, { flag: 'wx' });
      return await this.register(target, name);
    } catch (error) {
      await rm(target, { force: true });
      if (error instanceof StudioError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      // A full disk destroys the source stream too: say so before it looks like an interrupted transfer.
      if (code === 'ENOSPC' || code === 'EDQUOT') throw new StudioError('ImportError', userText('disk full: {file} could not be stored in the workspace', { file: name }), { file: name });
      if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || (content instanceof Readable && content.destroyed)) {
        throw new StudioError('ImportError', userText('The upload of {file} was interrupted', { file: name }), { file: name });
      }
      throw new StudioError('ImportError', userText('Could not store {file}: {error}', { file: name, error: (error as Error).message }), { file: name });
    }
  }

  /** Register a file the user chose. `name` is what the user sees (an upload's original name). */
  async register(filePath: string, name = path.basename(filePath)): Promise<PickedFile> {
    const info = await stat(filePath).catch(() => {
      throw new StudioError('ImportError', userText('Cannot read {file}: the file does not exist or is not accessible', { file: name }), { file: name });
    });
    // Folders are allowed: importing one imports every file inside it.
    if (!info.isFile() && !info.isDirectory()) throw new StudioError('ImportError', userText('{file} is not a file or folder', { file: name }), { file: name });
    const handle = `fh-${randomBytes(16).toString('base64url')}`;
    this.entries.set(handle, { path: path.resolve(filePath), name });
    return { handle, name, sizeBytes: info.isFile() ? info.size : 0 };
  }

  /** Whether some handle names this file (the web host keeps such uploads when it prunes `.uploads/`). */
  isRegistered(filePath: string): boolean {
    const resolved = path.resolve(filePath);
    for (const entry of this.entries.values()) if (entry.path === resolved) return true;
    return false;
  }

  resolve(handle: string): Entry {
    const entry = this.entries.get(handle);
    if (!entry) throw new StudioError('NotFoundError', userText('Unknown file handle: pick or drop the file again'));
    return entry;
  }
}
