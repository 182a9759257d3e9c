/** The corpora a workspace holds: `corpora/<id>/corpus.json` describes one, `corpora/<id>/tokens.txt` is its text. */
import { createReadStream } from 'node:fs';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { CorpusId, CorpusInfo } from '../../contract/corpus.ts';
import { StudioError } from '../../contract/errors.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { splitLines } from './split-lines.ts';
import { userText } from '../../contract/user-text.ts';

const notFound = (id: string) => new StudioError('NotFoundError', userText('There is no corpus "{id}" in this workspace', { id }));

/** The corpus folder, or NotFoundError for an id that could never name one (and could escape the workspace). */
function corpusDir(ws: Workspace, id: string): string {
  if (!CorpusId.safeParse(id).success) throw notFound(id);
  return ws.corpusDir(id);
}

export function corpusTokensPath(ws: Workspace, id: string): string {
  return path.join(corpusDir(ws, id), 'tokens.txt');
}

async function readInfo(dir: string): Promise<CorpusInfo> {
  return CorpusInfo.parse(JSON.parse(await readFile(path.join(dir, 'corpus.json'), 'utf8')));
}

/** Newest first. A folder whose corpus.json is missing or corrupt is skipped, not fatal: the rest stay usable. */
export async function listCorpora(ws: Workspace): Promise<CorpusInfo[]> {
  let names: string[];
  try {
    names = await readdir(ws.corporaDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  // Dot-folders are imports in progress or deletions (see createDirAtomic, deleteCorpus).
  const ids = names.filter((n) => CorpusId.safeParse(n).success);
  const infos = await Promise.all(ids.map((id) => readInfo(ws.corpusDir(id)).catch(() => null)));
  return infos
    .filter((info): info is CorpusInfo => info !== null)
    .sort((a, b) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : a.createdAt < b.createdAt ? 1 : -1));
}

export async function getCorpus(ws: Workspace, id: string): Promise<CorpusInfo> {
  const dir = corpusDir(ws, id);
  try {
    return await readInfo(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(id);
    throw new StudioError('InternalError', userText('The description of corpus "{id}" (corpus.json) is damaged: {error}', { id, error: (error as Error).message }));
  }
}

/** Renamed out of sight first, then removed: a half-deleted corpus never shows up in the list. */
export async function deleteCorpus(ws: Workspace, id: string): Promise<void> {
  const dir = corpusDir(ws, id);
  const trash = path.join(ws.corporaDir, `.${id}.deleting`);
  try {
    await rename(dir, trash);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(id);
    throw error;
  }
  await rm(trash, { recursive: true, force: true });
}

/** Streams the corpus's documents as token lists, in import order, reading the token file in bounded memory. */
export async function* readDocuments(ws: Workspace, id: string): AsyncGenerator<string[]> {
  const file = corpusTokensPath(ws, id);
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
  try {
    for await (const lines of splitLines(stream as AsyncIterable<string>, { fileName: 'tokens.txt' })) {
      for (const line of lines) if (line.length > 0) yield line.split(' ');
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(id);
    throw error;
  }
}
