/**
 * Embeddings initialised from a word2vec or pretrained-vectors run, for any family: the vectors are read (and their
 * size checked) while the data is prepared, before any network is built — a wrong size fails at once, not after
 * minutes of initialising — and copied into the embedding table once the network exists.
 */
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import type { EngineContext } from '../engine.ts';
import type { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';
import { loadWord2VecModel } from '../models/word2vec/model-store.ts';
import { SPECIALS } from '../models/rnn/vocab.ts';

/** The vectors a run's embeddings come from, by the meta they were prepared for. */
const prepared = new WeakMap<object, KeyedVectors>();

/** Read the vectors `wanted` names and check their size; kept for `fillEmbeddings` under `meta`. */
export async function prepareVectors(ctx: EngineContext, meta: object, wanted: { runId: string } | undefined, emb: number): Promise<void> {
  if (!wanted) return;
  const kv = await loadWord2VecModel(ctx.runs.dir(wanted.runId));
  if (kv.dim !== emb) throw new StudioError('ValidationError', userText('The vectors of run {runId} have {dim} dimensions; set the embedding size to {dim}', { runId: wanted.runId, dim: kv.dim }));
  prepared.set(meta, kv);
}

/**
 * Copy into `table` ([tokens × dim], the embedding's current values) the vectors of the words they know; the
 * rest keep their random init. Returns the share of the vocabulary (specials aside) they covered.
 */
export async function fillEmbeddings(ctx: EngineContext, meta: object, wanted: { runId: string }, emb: number, tokens: string[], table: Float32Array): Promise<number> {
  if (!prepared.has(meta)) await prepareVectors(ctx, meta, wanted, emb);
  const kv = prepared.get(meta)!;
  let found = 0;
  for (let i = SPECIALS.length; i < tokens.length; i++) {
    // As a typed word is: a cased corpus's "King" takes a lower-cased model's "king" (contract/word-normalization.ts).
    const { row } = kv.lookup(tokens[i]);
    if (row < 0) continue;
    table.set(kv.vectors.subarray(row * kv.dim, (row + 1) * kv.dim), i * emb);
    found++;
  }
  return found / Math.max(1, tokens.length - SPECIALS.length);
}

/** The progress note and summary figure of a coverage; `side` 'source' for a translator's source vocabulary. */
export const coverageNote = (coverage: number, side: 'source' | null = null) => ({
  notes: [
    side === 'source'
      ? userText('pretrained vectors cover {percent}% of the source vocabulary', { percent: (coverage * 100).toFixed(1) })
      : userText('pretrained vectors cover {percent}% of the vocabulary', { percent: (coverage * 100).toFixed(1) }),
  ],
  summary: { embeddingCoverage: coverage },
});
