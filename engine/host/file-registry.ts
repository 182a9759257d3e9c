/**
 * Opaque handles for files the user picked, dropped or uploaded. The renderer only ever holds a handle; the host
 * resolves it to a path. A renderer that makes up a handle gets NotFoundError; it cannot name an arbitrary path.
 */
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import type { PickedFile } from '../../contract/methods.ts';

interface Entry {
  path: string;
  name: string;
}

export class FileRegistry {
  private readonly entries = new Map<string, Entry>();

  /** Register a file the user chose. `name` is what the user sees (an upload's original name). */
  async register(filePath: string, name = path.basename(filePath)): Promise<PickedFile> {
    const info = await stat(filePath).catch(() => {
      throw new StudioError('ImportError', `Cannot read ${name}: the file does not exist or is not accessible`, { file: name });
    });
    if (!info.isFile()) throw new StudioError('ImportError', `${name} is not a file`, { file: name });
    const handle = `fh-${randomBytes(16).toString('base64url')}`;
    this.entries.set(handle, { path: path.resolve(filePath), name });
    return { handle, name, sizeBytes: info.size };
  }

  resolve(handle: string): Entry {
    const entry = this.entries.get(handle);
    if (!entry) throw new StudioError('NotFoundError', 'Unknown file handle: pick or drop the file again');
    return entry;
  }
}
