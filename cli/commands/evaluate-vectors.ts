/**
 * `nlp-studio evaluate-vectors --model DIR|RUN_ID [--analogies FILE] [--similarity FILE] [--json]`
 * Analogy accuracy per section (questions-words format) and word-similarity Spearman ρ, scored as gensim's
 * evaluate_word_analogies / evaluate_word_pairs do (engine/evaluation/). With --json: one `Evaluation` object.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import type { Evaluation } from '../../contract/word2vec.ts';
import { evaluateVectors } from '../../engine/evaluation/evaluate.ts';
import { formatCount } from '../../engine/format.ts';
import { loadWord2VecModel } from '../../engine/models/word2vec/model-store.ts';
import { Workspace, defaultWorkspaceDir } from '../../engine/workspace/workspace.ts';
import { parse, requireFlag } from '../args.ts';
import { ProgressLine, printJson } from '../output.ts';

const USAGE = 'Usage: nlp-studio evaluate-vectors --model DIR|RUN_ID [--analogies FILE] [--similarity FILE]';

export async function runEvaluateVectors(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { model: { type: 'string' }, analogies: { type: 'string' }, similarity: { type: 'string' } });
  if (positionals.length > 0) throw new StudioError('ValidationError', `Unexpected argument "${positionals[0]}". ${USAGE}`);
  if (!values.analogies && !values.similarity) throw new StudioError('ValidationError', `Give --analogies FILE, --similarity FILE, or both. ${USAGE}`);
  const model = requireFlag(values.model, 'model');
  const file = (p: string | undefined) => (p ? { path: path.resolve(p), fileName: p } : undefined);
  const analogies = file(values.analogies);
  const similarity = file(values.similarity);
  // Check the files before loading a possibly large model.
  for (const f of [analogies, similarity]) if (f && !existsSync(f.path)) throw new StudioError('NotFoundError', `The file does not exist: ${f.fileName}`, { file: f.fileName });

  let dir = model;
  if (!existsSync(dir) && /^r-[a-z0-9-]+$/.test(model)) dir = new Workspace(typeof values.workspace === 'string' ? values.workspace : defaultWorkspaceDir()).runDir(model);
  if (!existsSync(dir)) throw new StudioError('NotFoundError', `No model at ${model}: give a run folder or a run id`, { file: model });
  const kv = await loadWord2VecModel(path.resolve(dir));

  const progress = new ProgressLine();
  const onProgress = (done: number, total: number) => progress.update(done / total, `${formatCount(done)} of ${formatCount(total)} analogy questions`, null);
  const result = await evaluateVectors(kv, { ...(analogies ? { analogies } : {}), ...(similarity ? { similarity } : {}) }, values.json ? {} : { onProgress }).finally(() => progress.done());
  if (values.json) printJson(result);
  else printEvaluation(result);
}

function printEvaluation({ analogies, similarity }: Evaluation): void {
  const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
  if (analogies) {
    const rows = [...analogies.sections.map((s) => [s.name, `${s.correct}/${s.total}`, s.total > 0 ? percent(s.accuracy) : '—']), ['overall', `${analogies.overall.correct}/${analogies.overall.total}`, percent(analogies.overall.accuracy)]];
    const width = [0, 1, 2].map((c) => Math.max(...[['section', 'correct', 'accuracy'], ...rows].map((r) => [...r[c]].length)));
    const line = (r: string[]) => `${r[0].padEnd(width[0])}  ${r[1].padStart(width[1])}  ${r[2].padStart(width[2])}`;
    console.log('Analogies');
    console.log(line(['section', 'correct', 'accuracy']));
    rows.forEach((r, i) => {
      if (i === rows.length - 1) console.log('-'.repeat(width[0] + width[1] + width[2] + 4));
      console.log(line(r));
    });
    const asked = analogies.overall.total + analogies.skipped;
    console.log(`${formatCount(analogies.skipped)} of ${formatCount(asked)} questions skipped (a word outside the vocabulary's first 300,000)`);
  }
  if (similarity) {
    if (analogies) console.log('');
    console.log('Word similarity');
    console.log(`Spearman ρ ${similarity.spearman.toFixed(4)} over ${formatCount(similarity.covered)} of ${formatCount(similarity.pairs)} pairs (coverage ${percent(similarity.coverage)})`);
  }
}
