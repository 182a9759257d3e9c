/**
 * Reading a translation corpus back for training: `tokens.txt` is the source side and `target.txt` the target side,
 * a pair a line, tokens separated by single spaces (import-pairs.ts writes them).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import { TARGET_FILE } from './import-pairs.ts';
import { userText } from '../../contract/user-text.ts';

export interface ParallelCorpus {
  /** Token arrays, `source[i]` translated by `target[i]`. */
  source: string[][];
  target: string[][];
}

/** Both sides of the corpus in `corpusDir`, aligned. Fails on a corpus that is not a translation corpus or is damaged. */
export async function readPairs(corpusDir: string): Promise<ParallelCorpus> {
  const [source, target] = await Promise.all([sideLines(corpusDir, 'tokens.txt'), sideLines(corpusDir, TARGET_FILE)]);
  if (source.length !== target.length) {
    throw new StudioError('InternalError', userText('The translation corpus in {folder} is damaged: tokens.txt has {source} lines and {file} {target}', { folder: corpusDir, source: source.length, file: TARGET_FILE, target: target.length }));
  }
  return { source: source.map(split), target: target.map(split) };
}

const split = (line: string) => line.split(' ');

async function sideLines(dir: string, name: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path.join(dir, name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const message =
      name === TARGET_FILE
        ? userText('The corpus in {folder} has no {file}: it is not a translation corpus (import sentence pairs with the translation task)', { folder: dir, file: name })
        : userText('The corpus in {folder} has no {file}', { folder: dir, file: name });
    throw new StudioError('NotFoundError', message);
  }
  if (text.length === 0) return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}
