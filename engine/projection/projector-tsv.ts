/**
 * The two files the TensorFlow Embedding Projector (projector.tensorflow.org, "Load") reads:
 *   vectors:  one vector per line, values separated by tabs, no header;
 *   metadata: a header row "word<TAB>count", then one row per word, in the same order as the vectors
 *             (with two or more columns the Projector requires the header; it labels and colours points by them).
 * Values are written as the shortest decimal that reads back as the same float32. Writes are atomic.
 */
import { writeChunk, writeStreamAtomic } from '../workspace/atomic.ts';
import type { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';
import { formatFloat32 } from '../models/word2vec/formats.ts';

/** Characters gathered before a write. */
const CHUNK = 1 << 20;

export async function writeProjectorVectors(kv: KeyedVectors, path: string): Promise<void> {
  await writeStreamAtomic(path, async (out) => {
    let text = '';
    const line: string[] = [];
    for (let i = 0; i < kv.size; i++) {
      line.length = 0;
      for (let c = i * kv.dim, end = c + kv.dim; c < end; c++) line.push(formatFloat32(kv.vectors[c]));
      text += line.join('\t') + '\n';
      if (text.length >= CHUNK) {
        await writeChunk(out, text);
        text = '';
      }
    }
    await writeChunk(out, text);
  });
}

export async function writeProjectorMetadata(kv: KeyedVectors, path: string): Promise<void> {
  await writeStreamAtomic(path, async (out) => {
    let text = 'word\tcount\n';
    for (let i = 0; i < kv.size; i++) {
      text += `${metadataCell(kv.words[i])}\t${kv.counts[i]}\n`;
      if (text.length >= CHUNK) {
        await writeChunk(out, text);
        text = '';
      }
    }
    await writeChunk(out, text);
  });
}

/**
 * A tab or line break inside a word (possible in an imported file) would shift the table against the vectors;
 * it becomes a space, so row i still describes vector i.
 */
function metadataCell(word: string): string {
  return word.replace(/[\t\r\n]/g, ' ');
}
