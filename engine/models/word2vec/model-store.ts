/**
 * A trained word2vec model on disk: `vectors.bin` (word2vec.c binary, so any tool can read the run folder
 * directly) and `vocab.tsv` ("word\tcount" per line, same order), which keeps the corpus counts the binary
 * format has no room for. Both are written under temporary names and renamed in together, vocab.tsv last, so a
 * folder whose vocab.tsv exists has a complete vectors.bin; the run's manifest.json records the checksums of both,
 * checked on load (engine/runs/manifest.ts).
 */
import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../../contract/errors.ts';
import { userText } from '../../../contract/user-text.ts';
import { stageFile, tempSibling } from '../../workspace/atomic.ts';
import { diskFullError } from '../../workspace/disk-space.ts';
import { commitWithManifest, digestFile, digestOf, verifyRunFile } from '../../runs/manifest.ts';
import { readWord2Vec, writeWord2VecBinary } from './formats.ts';
import { KeyedVectors } from './keyed-vectors.ts';

export const VECTORS_FILE = 'vectors.bin';
export const VOCAB_FILE = 'vocab.tsv';

export async function saveWord2VecModel(dir: string, kv: KeyedVectors): Promise<void> {
  // The binary is streamed (it can be large) to a temporary name of its own, then hashed from there.
  const vectorsTemp = tempSibling(path.join(dir, VECTORS_FILE));
  const vocab = kv.words.map((w, i) => `${w}\t${kv.counts[i]}\n`).join('');
  try {
    await writeWord2VecBinary(kv, vectorsTemp).catch(async (error: unknown) => {
      if ((error as Error).name !== 'DiskFullError') throw error;
      // Name the file the user knows, with the size the binary format takes.
      throw await diskFullError(path.join(dir, VECTORS_FILE), binarySize(kv), (error as Error).cause ?? error);
    });
    const vocabStaged = await stageFile(path.join(dir, VOCAB_FILE), vocab);
    try {
      await commitWithManifest(dir, { [VECTORS_FILE]: await digestFile(vectorsTemp), [VOCAB_FILE]: digestOf(vocab) }, async () => {
        await rename(vectorsTemp, path.join(dir, VECTORS_FILE));
        await vocabStaged.commit();
      });
    } catch (error) {
      await vocabStaged.discard();
      throw error;
    }
  } finally {
    await rm(vectorsTemp, { force: true });
  }
}

/** Bytes of the word2vec.c binary: a header line, then per word its UTF-8 bytes, a space, dim float32 and a newline. */
function binarySize(kv: KeyedVectors): number {
  let bytes = `${kv.words.length} ${kv.dim}\n`.length;
  for (const w of kv.words) bytes += Buffer.byteLength(w) + 2 + kv.dim * 4;
  return bytes;
}

/** Loads a saved model; a missing or inconsistent vocab.tsv is an ImportError naming that file and line. */
export async function loadWord2VecModel(dir: string): Promise<KeyedVectors> {
  const vocabPath = path.join(dir, VOCAB_FILE);
  let text: string;
  try {
    text = await readFile(vocabPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('NotFoundError', userText('No word2vec model in {dir}', { dir }), { file: vocabPath });
    throw error;
  }
  await verifyRunFile(dir, VOCAB_FILE, text);
  await verifyRunFile(dir, VECTORS_FILE);
  const kv = await readWord2Vec(path.join(dir, VECTORS_FILE), { binary: true });
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const counts = new Float64Array(kv.words.length);
  for (let i = 0; i < Math.max(lines.length, kv.words.length); i++) {
    const tab = (lines[i] ?? '').lastIndexOf('\t');
    const word = lines[i]?.slice(0, tab);
    const count = Number(lines[i]?.slice(tab + 1));
    if (tab < 0 || word !== kv.words[i] || !Number.isFinite(count)) {
      const expected = kv.words[i] !== undefined
        ? userText('does not match {file} (expected "{word}")', { file: VECTORS_FILE, word: kv.words[i] })
        : userText('does not match {file} (expected "end of file")', { file: VECTORS_FILE });
      const message = userText('{file}, line {line}: {message}', { file: vocabPath, line: i + 1, message: expected });
      throw new StudioError('ImportError', message, { file: vocabPath, line: i + 1 });
    }
    counts[i] = count;
  }
  return new KeyedVectors(kv.words, counts, kv.dim, kv.vectors);
}
