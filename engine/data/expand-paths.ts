/**
 * A dropped or named folder imports every file inside it (recursively, hidden files skipped, in name order), each
 * shown as `folder/relative/path` so an error names the exact file.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { importError } from './import-error.ts';
import { userText } from '../../contract/user-text.ts';

export async function expandPaths(paths: string[], names: string[]): Promise<{ paths: string[]; names: string[] }> {
  const out = { paths: [] as string[], names: [] as string[] };
  for (const [i, p] of paths.entries()) {
    const info = await stat(p).catch(() => null);
    if (!info?.isDirectory()) {
      out.paths.push(p);
      out.names.push(names[i]);
      continue;
    }
    const files = await listFiles(p);
    if (files.length === 0) throw importError(names[i], userText('{file} is an empty folder: there is nothing to import', { file: names[i] }));
    for (const f of files) {
      out.paths.push(path.join(p, f));
      out.names.push(`${names[i]}/${f.split(path.sep).join('/')}`);
    }
  }
  return out;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).some((part) => part.startsWith('.')))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}
