/**
 * `nlp-studio import-vectors FILE [--format auto|word2vec-bin|word2vec-text|glove] [--max-words N] [--name N] [--json]`
 * Imports pretrained vectors (word2vec text or binary, fastText .vec, GloVe) as a run of the workspace, which
 * `neighbors`, `analogy`, `export` and `evaluate-vectors` then take as --model RUN_ID.
 */
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import { VectorsImportOptions } from '../../contract/word2vec.ts';
import { formatCount } from '../../engine/format.ts';
import { defined, parse } from '../args.ts';
import { numberSetting } from '../schema-flags.ts';
import { openSession } from '../engine-session.ts';
import { printJson } from '../output.ts';

const USAGE = 'Usage: nlp-studio import-vectors FILE [--format auto|word2vec-bin|word2vec-text|glove] [--max-words N] [--name NAME]';

export async function runImportVectors(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { format: { type: 'string' }, 'max-words': { type: 'string' }, name: { type: 'string' } });
  if (positionals.length !== 1) throw new StudioError('ValidationError', positionals.length === 0 ? `Give the vectors file to import. ${USAGE}` : `Import one file at a time. ${USAGE}`);
  const parsed = VectorsImportOptions.safeParse(defined({ format: values.format, maxWords: numberSetting(VectorsImportOptions, ['maxWords'], 'max-words', values['max-words']), name: values.name }));
  if (!parsed.success) {
    const flag = (key: PropertyKey | undefined) => (key === 'maxWords' ? 'max-words' : String(key));
    throw new StudioError('ValidationError', parsed.error.issues.map((i) => `--${flag(i.path[0])}: ${i.message}`).join('; '));
  }
  const file = path.resolve(positionals[0]);
  const session = await openSession(values);
  const result = await session.runJob(() => session.engine.handlers['vectors.import']({ path: file, options: parsed.data }), { quiet: values.json });
  if (result.kind !== 'vectors') throw new StudioError('InternalError', 'Unexpected job result');
  const { run } = result;
  const summary = run.summary ?? {};
  const format = run.spec.model === 'pretrained' ? run.spec.config.format : null;
  if (values.json) {
    printJson({ runId: run.id, vocabSize: summary.vocabSize, dim: summary.dim, seconds: summary.seconds, format });
    return;
  }
  console.log(`Imported ${formatCount(summary.vocabSize ?? 0)} words × ${summary.dim} dimensions (${format}) from ${path.basename(file)} in ${(summary.seconds ?? 0).toFixed(1)} s`);
  if (summary.duplicates) console.log(`  ${formatCount(summary.duplicates)} repeated words kept their first vector`);
  if (summary.latin1Words) console.log(`  ${formatCount(summary.latin1Words)} words were not UTF-8 and were read as Latin-1`);
  console.log(`Run ${run.id} saved in ${session.engine.runDir(run.id)}`);
}
