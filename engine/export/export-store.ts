/**
 * Exports are written into the workspace's `exports/<id>/` (the file plus `export.json`), built beside their final
 * place and renamed in. The host then copies one out (save dialog) or streams it (browser download).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import { ExportInfo } from '../../contract/methods.ts';
import type { ExportFormat, VectorFormat } from '../../contract/word2vec.ts';
import type { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';
import { writeWord2VecBinary, writeWord2VecText } from '../models/word2vec/formats.ts';
import { writeProjectorMetadata, writeProjectorVectors } from '../projection/projector-tsv.ts';
import { createDirAtomic, writeJsonAtomic } from '../workspace/atomic.ts';
import { newId } from '../workspace/workspace.ts';
import type { Workspace } from '../workspace/workspace.ts';

/** The Embedding Projector's two files are both .tsv, so their names say which is which. */
const EXTENSION: Record<ExportFormat, string> = {
  'word2vec-text': '.txt',
  'word2vec-bin': '.bin',
  'projector-vectors': '-vectors.tsv',
  'projector-metadata': '-metadata.tsv',
  'tfjs-layers': '-tfjs.zip',
};

/** Write `kv` to `filePath` in `format` (the export flow and `nlp-studio export` share it). */
export function writeVectorFile(kv: KeyedVectors, format: VectorFormat, filePath: string): Promise<void> {
  const writers: Record<VectorFormat, (kv: KeyedVectors, filePath: string) => Promise<void>> = {
    'word2vec-text': writeWord2VecText,
    'word2vec-bin': writeWord2VecBinary,
    'projector-vectors': writeProjectorVectors,
    'projector-metadata': writeProjectorMetadata,
  };
  return writers[format](kv, filePath);
}

/** A file name from a run name: keeps letters of any script, drops what file systems dislike. */
export function exportFileName(runName: string, format: ExportFormat): string {
  const base = runName
    .normalize('NFC')
    // "brown.txt" in a run name is the corpus file, not the format of this export.
    .replace(/\.(txt|text|csv|tsv|jsonl|ndjson)\b/gi, '')
    .replace(/[\\/:*?"<>|\u0000-\u001f·]+/g, ' ')
    .replace(/\s+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'vectors';
  return `${base}${EXTENSION[format]}`;
}

export async function createExport(
  ws: Workspace,
  init: { runId: string; runName: string; format: ExportFormat },
  write: (filePath: string) => Promise<void>,
): Promise<ExportInfo> {
  const id = newId('x');
  const fileName = exportFileName(init.runName, init.format);
  return createDirAtomic(path.join(ws.exportsDir, id), async (dir) => {
    await write(path.join(dir, fileName));
    const { size } = await stat(path.join(dir, fileName));
    const info: ExportInfo = { id, runId: init.runId, format: init.format, fileName, sizeBytes: size, createdAt: new Date().toISOString() };
    await writeJsonAtomic(path.join(dir, 'export.json'), info);
    return info;
  });
}

export async function locateExport(ws: Workspace, id: string): Promise<{ path: string; info: ExportInfo }> {
  if (!/^x-[a-z0-9-]+$/.test(id)) throw new StudioError('NotFoundError', userText('Export {id} does not exist', { id }));
  const dir = path.join(ws.exportsDir, id);
  const text = await readFile(path.join(dir, 'export.json'), 'utf8').catch(() => {
    throw new StudioError('NotFoundError', userText('Export {id} does not exist', { id }));
  });
  const info = ExportInfo.parse(JSON.parse(text));
  return { path: path.join(dir, info.fileName), info };
}
