/**
 * Reading a zip to import an exported model, through yauzl (a maintained reader: ZIP64, stored and deflated
 * entries, the central directory trusted over local headers, entry sizes validated while inflating). Around it,
 * what an import of an untrusted file needs and yauzl leaves to its caller:
 * - names: yauzl refuses absolute paths, drive letters and `..` segments; we also refuse NUL bytes and symlinks
 *   (a symlink entry unpacked could point anywhere);
 * - zip bombs: the entry count and the total uncompressed size are capped before anything is inflated (sizes come
 *   from the central directory, and yauzl's `validateEntrySizes` fails an entry that inflates to more);
 * - integrity: yauzl does not check CRC-32 (its README says so): we do, as the data streams by;
 * - errors: every problem is an ImportError naming the archive, and the entry when there is one.
 */
import { crc32 } from 'node:zlib';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';

export interface ZipEntry {
  /** The name as in the archive, `/`-separated. */
  name: string;
  data: Uint8Array;
}

export interface ZipLimits {
  /** @default 10 000 (an export holds half a dozen files) */
  maxEntries?: number;
  /** Total uncompressed bytes of the file entries. @default 2 GiB (the entries are read into memory) */
  maxBytes?: number;
}

const DEFAULT_MAX_ENTRIES = 10_000;
const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;
/** Unix file type bits of `externalFileAttributes >>> 16`, and the symlink type. */
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** All file entries (folders skipped) of a zip archive's bytes. `fileName` names the archive in errors. */
export async function readZip(bytes: Uint8Array, fileName: string, limits: ZipLimits = {}): Promise<ZipEntry[]> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return readEntries(() => yauzl.fromBufferPromise(buffer, { lazyEntries: true }), fileName, limits);
}

/** The same, reading the archive from disk as needed rather than all at once. */
export async function readZipFile(zipPath: string, fileName: string, limits: ZipLimits = {}): Promise<ZipEntry[]> {
  return readEntries(() => yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false }), fileName, limits);
}

/**
 * The names of a zip's file entries, read from its central directory alone (nothing inflated): enough to tell an
 * exported model from another archive. A damaged or cut-short archive is an ImportError naming it.
 */
export async function readZipNames(zipPath: string, fileName: string): Promise<string[]> {
  const fail = (reason: string) => new StudioError('ImportError', userText('Cannot read {file}: {reason}', { file: fileName, reason }), { file: fileName });
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
  } catch (error) {
    throw fail(describe(error));
  }
  try {
    const names: string[] = [];
    for await (const entry of zip.eachEntry()) if (!entry.fileName.endsWith('/')) names.push(entry.fileName);
    return names;
  } catch (error) {
    throw fail(describe(error));
  } finally {
    zip.close();
  }
}

async function readEntries(open: () => Promise<ZipFile>, fileName: string, limits: ZipLimits): Promise<ZipEntry[]> {
  const fail = (reason: string) => new StudioError('ImportError', userText('Cannot read {file}: {reason}', { file: fileName, reason }), { file: fileName });
  const maxEntries = limits.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  let zip: ZipFile;
  try {
    zip = await open();
  } catch (error) {
    throw fail(describe(error));
  }
  try {
    if (zip.entryCount > maxEntries) throw fail(userText('it holds {count} entries, more than the {max} allowed', { count: zip.entryCount, max: maxEntries }));
    // The whole directory first: the size cap is checked before a byte is inflated.
    const files: Entry[] = [];
    let total = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        const name = entry.fileName;
        if (name.includes('\0')) throw fail(userText('entry "{name}" has an unsafe name', { name: name.replace(/\0/g, '\\0') }));
        if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) throw fail(userText('entry "{name}" is a symbolic link', { name }));
        if (name.endsWith('/')) continue; // a folder
        if (entry.isEncrypted()) throw fail(userText('entry "{name}" is encrypted', { name }));
        if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
          throw fail(userText('entry "{name}" uses compression method {method}; only stored and deflated entries are supported', { name, method: entry.compressionMethod }));
        }
        total += entry.uncompressedSize;
        if (total > maxBytes) throw fail(userText('its files unpack to more than {size} (a zip bomb, or not a model export)', { size: formatBytes(maxBytes) }));
        files.push(entry);
      }
    } catch (error) {
      if (error instanceof StudioError) throw error;
      throw fail(describe(error)); // yauzl's own: a bad name ("invalid relative path: ../x"), a damaged directory
    }
    const out: ZipEntry[] = [];
    for (const entry of files) {
      try {
        out.push({ name: entry.fileName, data: await readData(await zip.openReadStreamPromise(entry), entry) });
      } catch (error) {
        throw fail(userText('entry "{name}": {reason}', { name: entry.fileName, reason: describe(error) }));
      }
    }
    return out;
  } finally {
    zip.close();
  }
}

/** An entry's bytes, checked against the directory's CRC-32 (yauzl checks the size). */
async function readData(stream: Readable, entry: Entry): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let crc = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    crc = crc32(chunk, crc);
    chunks.push(chunk);
  }
  if (crc >>> 0 !== entry.crc32 >>> 0) throw new Error(userText('damaged (CRC-32 mismatch)'));
  const data = Buffer.concat(chunks);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** yauzl's and zlib's messages, with the word that says what they are about. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/invalid (relative|absolute) path|absolute path|invalid characters/i.test(message)) return userText('an entry has an unsafe path ({reason})', { reason: message });
  if (/end of central directory record signature not found/i.test(message)) return userText('not a zip archive, or cut short (no end of central directory record)');
  if (/unexpected end of file|invalid (stored|distance|block|code)|incorrect header/i.test(message)) return userText('damaged or cut short ({reason})', { reason: message });
  return message;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
