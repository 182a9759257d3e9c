/**
 * A run's `manifest.json`: the SHA-256 and size of each of its model and checkpoint files, so that a file damaged
 * on disk (bit rot, a truncated copy, a sync tool) is named when it is loaded instead of loaded as garbage.
 *
 *   { "format": "nlp-studio-manifest-1",
 *     "files": { "checkpoints/last.bin": { "sha256": "…", "bytes": 123, "next": { "sha256": "…", "bytes": 123 } } } }
 *
 * Paths are relative to the run folder, with `/`. Updates are two-phase so that a crash never leaves a good file
 * that fails its check: before files are renamed into place their entries gain `next` (the new digest); after,
 * `next` becomes the entry. A file matching either is good. Runs made before manifests (none, or a file not
 * listed) load unchecked.
 */
import { userText } from '../../contract/user-text.ts';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import { jsonText, writeFileAtomic } from '../workspace/atomic.ts';

export const MANIFEST_FILE = 'manifest.json';
const FORMAT = 'nlp-studio-manifest-1';

export interface FileDigest {
  sha256: string;
  bytes: number;
}
interface Entry extends FileDigest {
  next?: FileDigest;
}
interface Manifest {
  format: typeof FORMAT;
  files: Record<string, Entry>;
}

export function digestOf(data: string | Uint8Array): FileDigest {
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  return { sha256: createHash('sha256').update(data).digest('hex'), bytes };
}

/** Hash a file by streaming it (bounded memory; ~0.3 s per 100 MB). */
export async function digestFile(file: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.byteLength;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** The manifest of a run folder; null if it has none (a run from before manifests) or it is not ours. */
export async function readManifest(runDir: string): Promise<Manifest | null> {
  const text = await readFile(path.join(runDir, MANIFEST_FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  let parsed: Manifest;
  try {
    parsed = JSON.parse(text) as Manifest;
  } catch {
    throw new StudioError('CorruptFileError', userText("{file} is corrupt (not JSON): the checksums of this run's files cannot be checked", { file: MANIFEST_FILE }), { file: path.join(runDir, MANIFEST_FILE) });
  }
  return parsed?.format === FORMAT && typeof parsed.files === 'object' ? parsed : null;
}

/** One writer at a time per manifest in this process (a run is trained by one process: H1's lock). */
const queues = new Map<string, Promise<unknown>>();
function serialized<T>(runDir: string, task: () => Promise<T>): Promise<T> {
  const key = path.resolve(runDir);
  const result = (queues.get(key) ?? Promise.resolve()).then(task, task);
  const tail = result.catch(() => {});
  queues.set(key, tail);
  void tail.then(() => queues.get(key) === tail && queues.delete(key));
  return result;
}

/**
 * Record `files` (relative path → new digest) around `commit`, which puts them in place (renames). `replacing`: a
 * folder prefix (`tfjs/`) whose entries not in `files` are dropped, for a folder replaced as a whole.
 */
export function commitWithManifest(runDir: string, files: Record<string, FileDigest>, commit: () => Promise<void>, replacing?: string): Promise<void> {
  return serialized(runDir, async () => {
    const manifest: Manifest = (await readManifest(runDir).catch(() => null)) ?? { format: FORMAT, files: {} };
    for (const [rel, digest] of Object.entries(files)) {
      const current = manifest.files[rel];
      manifest.files[rel] = current ? { sha256: current.sha256, bytes: current.bytes, next: digest } : { ...digest, next: digest };
    }
    await writeFileAtomic(path.join(runDir, MANIFEST_FILE), jsonText(manifest));
    await commit();
    if (replacing) for (const rel of Object.keys(manifest.files)) if (rel.startsWith(replacing) && !(rel in files)) delete manifest.files[rel];
    for (const [rel, digest] of Object.entries(files)) manifest.files[rel] = { ...digest };
    await writeFileAtomic(path.join(runDir, MANIFEST_FILE), jsonText(manifest));
  });
}

/**
 * Check a run file against the manifest: `data` if the caller has read it already, else the file is streamed.
 * Throws a CorruptFileError naming the file on a mismatch; passes files the manifest does not list.
 */
export async function verifyRunFile(runDir: string, rel: string, data?: string | Uint8Array): Promise<void> {
  const entry = (await readManifest(runDir))?.files[rel];
  if (!entry) return;
  const file = path.join(runDir, rel);
  const actual = data !== undefined ? digestOf(data) : await digestFile(file);
  if (matches(actual, entry) || (entry.next && matches(actual, entry.next))) return;
  const why =
    actual.bytes !== entry.bytes
      ? userText('it is {actual} bytes, {written} were written (truncated or overwritten)', { actual: actual.bytes, written: entry.bytes })
      : userText('checksum mismatch — its SHA-256 is {actual}…, {written}… was written', { actual: actual.sha256.slice(0, 12), written: entry.sha256.slice(0, 12) });
  throw new StudioError('CorruptFileError', userText('{file} is corrupt: {why}. It is not loaded; restore it from a copy, or train again.', { file: rel, why }), { file });
}

/** Every file the manifest lists under `prefix` (`tfjs/` before zipping an export; '' for all). */
export async function verifyRunFiles(runDir: string, prefix = ''): Promise<string[]> {
  const manifest = await readManifest(runDir);
  const listed = Object.keys(manifest?.files ?? {}).filter((rel) => rel.startsWith(prefix));
  for (const rel of listed) await verifyRunFile(runDir, rel);
  return listed;
}

const matches = (a: FileDigest, b: FileDigest) => a.bytes === b.bytes && a.sha256 === b.sha256;
