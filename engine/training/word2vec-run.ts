/** Train a word2vec run: stream the corpus tokens through the trainer, record metrics, save the vectors. */
import type { CorpusInfo } from '../../contract/corpus.ts';
import { userText } from '../../contract/user-text.ts';
import type { Word2VecConfig } from '../../contract/word2vec.ts';
import type { MetricPoint, RunInfo, RunSummary } from '../../contract/runs.ts';
import { corpusTokensPath } from '../data/corpus-store.ts';
import type { EngineContext } from '../engine.ts';
import { formatCount } from '../format.ts';
import type { JobContext } from '../jobs/job-manager.ts';
import { trainWord2Vec } from '../models/word2vec/train.ts';
import { saveWord2VecModel } from '../models/word2vec/model-store.ts';
import { word2vecValues } from './point-values.ts';

/** How often the trainer copies its vectors for the explorer's live picture (which polls every ~3 s). */
const SNAPSHOT_INTERVAL_MS = 2000;

export async function trainWord2VecRun(ctx: EngineContext, run: RunInfo, config: Word2VecConfig, corpus: CorpusInfo, job: JobContext): Promise<RunSummary> {
  const started = Date.now();
  let last: MetricPoint | null = null;
  // Metric appends are queued so they stay in order without blocking the trainer.
  let writes = Promise.resolve();
  job.progress({ etaSeconds: null, message: userText('Reading the corpus and building the vocabulary…'), phase: 'reading' });
  const kv = await trainWord2Vec({ tokensPath: corpusTokensPath(ctx.ws, corpus.id), config }, {
    signal: job.signal,
    // The explorer draws the space while it organises (word2vec.projection on a running run).
    onSnapshot: (snapshot) => ctx.snapshots.set(run.id, snapshot),
    snapshotIntervalMs: SNAPSHOT_INTERVAL_MS,
    onProgress: (p) => {
      const point: MetricPoint = {
        step: p.wordsDone,
        epoch: p.epoch,
        time: (Date.now() - started) / 1000,
        values: word2vecValues(p),
      };
      last = point;
      writes = writes.then(() => ctx.runs.appendMetric(run.id, point));
      const fraction = p.wordsTotal > 0 ? p.wordsDone / p.wordsTotal : 0;
      const eta = p.wordsPerSec > 0 ? (p.wordsTotal - p.wordsDone) / p.wordsPerSec : null;
      job.progress({
        fraction,
        etaSeconds: eta,
        message: userText('epoch {epoch}/{epochs} · {speed} words/s · loss {loss}', { epoch: Math.min(config.epochs, Math.floor(p.epoch) + 1), epochs: config.epochs, speed: formatCount(p.wordsPerSec), loss: p.loss.toFixed(4) }),
        point,
        phase: 'training',
      });
    },
  }).finally(() => ctx.snapshots.delete(run.id)); // however training ends
  await writes;
  await saveWord2VecModel(ctx.runs.dir(run.id), kv);
  const seconds = (Date.now() - started) / 1000;
  const finalLoss = (last as MetricPoint | null)?.values.loss;
  return {
    vocabSize: kv.words.length,
    dim: kv.dim,
    seconds,
    // The trainer's own final figure (words walked through per second of training), the one the live panel showed
    // last: one words/s per run, not a second one over the wall time including the vocabulary.
    wordsPerSec: (last as MetricPoint | null)?.values.wordsPerSec ?? (corpus.stats.tokens * config.epochs) / Math.max(seconds, 1e-9),
    ...(finalLoss !== undefined ? { loss: finalLoss } : {}),
  };
}
