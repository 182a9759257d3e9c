/**
 * `nlp-studio train word2vec --corpus PATH|ID [--mode skipgram|cbow] [--dim N] [--window N] [--min-count N]
 *  [--negative N] [--sample X] [--alpha X] [--epochs N] [--threads N] [--seed N] [--out DIR] [--json]`
 * PATH is imported first (with the import flags); an id names a corpus already in the workspace.
 */
import { Word2VecConfig } from '../../contract/word2vec.ts';
import { StudioError } from '../../contract/errors.ts';
import { formatCount } from '../../engine/format.ts';
import { parse, requireFlag } from '../args.ts';
import { flagError, settingsFromFlags, type FlagSetting } from '../schema-flags.ts';
import { openSession } from '../engine-session.ts';
import { printJson } from '../output.ts';
import { importFiles, importOptions, importOptionsFromFlags } from './import.ts';
import { isCorpusId, runTrainNeural, startTraining, withImports } from './neural.ts';

/** The word2vec settings the flags fill; kinds and bounds come from Word2VecConfig (cli/schema-flags.ts). */
export const word2vecFlags: readonly FlagSetting[] = [
  ['mode', 'mode'], ['dim', 'dim'], ['window', 'window'], ['min-count', 'minCount'], ['negative', 'negative'], ['hs', 'hs'],
  ['sample', 'sample'], ['alpha', 'alpha'], ['min-alpha', 'minAlpha'], ['epochs', 'epochs'], ['threads', 'threads'], ['seed', 'seed'],
].map(([flag, key]) => ({ flag, path: [key] }));

const word2vecOptions = {
  corpus: { type: 'string' },
  mode: { type: 'string' },
  dim: { type: 'string' },
  window: { type: 'string' },
  'min-count': { type: 'string' },
  negative: { type: 'string' },
  hs: { type: 'boolean' },
  sample: { type: 'string' },
  alpha: { type: 'string' },
  'min-alpha': { type: 'string' },
  epochs: { type: 'string' },
  threads: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  ...importOptions,
} as const;

export async function runTrain(argv: string[]): Promise<void> {
  const [model, ...rest] = argv;
  if (model === 'classifier' || model === 'tagger' || model === 'lm' || model === 'translator') return runTrainNeural(model, rest);
  if (model !== 'word2vec') {
    throw new StudioError('ValidationError', model ? `Unknown model "${model}". Available: word2vec, classifier, tagger, lm, translator` : 'Usage: nlp-studio train word2vec|classifier|tagger|lm|translator … [flags]');
  }
  const { values: v } = parse(rest, word2vecOptions);
  const parsed = Word2VecConfig.safeParse(settingsFromFlags(Word2VecConfig, word2vecFlags, v));
  if (!parsed.success) throw flagError(parsed.error.issues, word2vecFlags);
  const config = parsed.data;
  const corpusArg = requireFlag(v.corpus, 'corpus');

  const session = await openSession(v);
  const existing = isCorpusId(corpusArg);
  const corpus = existing
    ? await session.engine.handlers['corpus.get']({ id: corpusArg })
    : await importFiles(session, [corpusArg], importOptionsFromFlags(v), v.json);
  // A start the data checks refuse (e.g. min-count leaving no word) deletes the corpus imported for it.
  const result = await session.runJob(() =>
    withImports(session, existing ? [] : [corpus.id], () => startTraining(session, { corpusId: corpus.id, spec: { model: 'word2vec', config }, ...(v.out ? { outDir: v.out } : {}) })),
  );
  if (result.kind !== 'train') throw new StudioError('InternalError', 'Unexpected job result');
  const { run } = result;
  const summary = run.summary ?? {};
  const outDir = session.engine.runDir(run.id);
  if (v.json) {
    printJson({ runId: run.id, corpusId: corpus.id, mode: config.mode, epochs: config.epochs, threads: config.threads, vocabSize: summary.vocabSize, dim: summary.dim, seconds: summary.seconds, wordsPerSec: summary.wordsPerSec, loss: summary.loss ?? null, outDir });
    return;
  }
  console.log(`Trained ${config.mode} word2vec: ${formatCount(summary.vocabSize ?? 0)} words × ${summary.dim} dimensions in ${(summary.seconds ?? 0).toFixed(1)} s (${formatCount(summary.wordsPerSec ?? 0)} words/s)`);
  console.log(`Run ${run.id} saved in ${outDir}`);
}
