/**
 * `nlp-studio import PATH… [--format F] [--encoding E] [--column C] [--tokenizer T] [--no-lowercase] [--name N]
 * [--task text|classification|tagging|translation] [--label-column C] [--json]`, and for translation
 * `[--source-column C] [--target-column C] [--swap] [--source-language L] [--target-language L] [--max-tokens N]
 * [--on-issues abort|filter]`; two aligned files (`train.en train.fr`) are given source first.
 */
import { ImportOptions } from '../../contract/corpus.ts';
import type { CorpusInfo } from '../../contract/corpus.ts';
import { StudioError } from '../../contract/errors.ts';
import { formatCount } from '../../engine/format.ts';
import { expandPaths } from '../../engine/data/expand-paths.ts';
import { previewFile } from '../../engine/data/preview.ts';
import path from 'node:path';
import { defined, parse } from '../args.ts';
import { numberSetting } from '../schema-flags.ts';
import { openSession } from '../engine-session.ts';
import type { Session } from '../engine-session.ts';
import { printJson } from '../output.ts';

export const importOptions = {
  format: { type: 'string' },
  encoding: { type: 'string' },
  column: { type: 'string' },
  tokenizer: { type: 'string' },
  'no-lowercase': { type: 'boolean' },
  name: { type: 'string' },
} as const;

/** Translation imports (sentence pairs): which columns, which direction, what to do with bad pairs. */
export const pairImportOptions = {
  'source-column': { type: 'string' },
  'target-column': { type: 'string' },
  swap: { type: 'boolean' },
  'source-language': { type: 'string' },
  'target-language': { type: 'string' },
  'max-tokens': { type: 'string' },
  'on-issues': { type: 'string' },
} as const;

/** ImportOptions keys → their flags, so a schema error names the flag the user typed. */
const FLAG_OF: Record<string, string> = {
  lowercase: 'no-lowercase',
  labelColumn: 'label-column',
  sourceColumn: 'source-column',
  targetColumn: 'target-column',
  sourceLanguage: 'source-language',
  targetLanguage: 'target-language',
  maxTokens: 'max-tokens',
  onIssues: 'on-issues',
};

/** Import options from flags, validated by the contract's schema (so a bad --encoding names the choices). */
export function importOptionsFromFlags(values: Record<string, string | boolean | undefined>): ImportOptions {
  const parsed = ImportOptions.safeParse(
    defined({
      format: values.format,
      encoding: values.encoding,
      column: values.column,
      tokenizer: values.tokenizer,
      name: values.name,
      lowercase: values['no-lowercase'] ? false : undefined,
      task: values.task,
      labelColumn: values['label-column'],
      sourceColumn: values['source-column'],
      targetColumn: values['target-column'],
      swap: values.swap === true ? true : undefined,
      sourceLanguage: values['source-language'],
      targetLanguage: values['target-language'],
      maxTokens: numberSetting(ImportOptions, ['maxTokens'], 'max-tokens', values['max-tokens']),
      onIssues: values['on-issues'],
    }),
  );
  if (!parsed.success) throw new StudioError('ValidationError', parsed.error.issues.map((i) => `--${FLAG_OF[String(i.path[0])] ?? i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

export async function importFiles(session: Session, paths: string[], options: ImportOptions, quiet = false): Promise<CorpusInfo> {
  const result = await session.runJob(() => session.engine.handlers['corpus.import']({ paths, options }), { quiet });
  if (result.kind !== 'import') throw new StudioError('InternalError', 'Unexpected job result');
  return result.corpus;
}

export async function runImport(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { ...importOptions, ...pairImportOptions, task: { type: 'string' }, 'label-column': { type: 'string' } });
  if (positionals.length === 0) throw new StudioError('ValidationError', 'Give at least one file or folder to import');
  const options = importOptionsFromFlags(values);
  const translationOnly = (Object.keys(pairImportOptions) as (keyof typeof pairImportOptions)[]).filter((flag) => values[flag] !== undefined);
  if (options.task !== 'translation' && translationOnly.length > 0) {
    throw new StudioError('ValidationError', `${translationOnly.map((f) => `--${f}`).join(', ')}: only for --task translation`);
  }
  if (values.task === undefined) await printGuessedTask(positionals, options.task);
  const session = await openSession(values);
  const corpus = await importFiles(session, positionals, options);
  if (corpus.pairs) return printPairs(corpus, values.json === true);
  const { stats } = corpus;
  if (values.json) {
    printJson({
      corpusId: corpus.id,
      name: corpus.name,
      documents: stats.documents,
      tokens: stats.tokens,
      vocabSize: stats.vocabSize,
      encoding: corpus.sources[0]?.encoding,
      sources: corpus.sources,
      topWords: stats.topWords,
    });
    return;
  }
  console.log(`Imported ${corpus.name} as ${corpus.id}`);
  for (const s of corpus.sources) console.log(`  ${s.fileName}: ${s.format}, ${s.encoding}${s.column ? `, column ${s.column}` : ''}, ${formatCount(s.documents)} documents`);
  console.log(`  ${formatCount(stats.documents)} documents · ${formatCount(stats.tokens)} tokens · ${formatCount(stats.vocabSize)} distinct words`);
  console.log(`  top words: ${stats.topWords.slice(0, 12).map((w) => w.word).join(' ')}`);
}

/**
 * Without --task, say what the first file looks made for and why (on stderr: --json output stays one document). The
 * guess is not applied: a script's import keeps doing what its flags say.
 */
async function printGuessedTask(paths: string[], task: string): Promise<void> {
  const first = await expandPaths([paths[0]], [path.basename(paths[0])]);
  const guess = (await previewFile(first.paths[0], first.names[0])).suggestedTask;
  if (!guess) console.error(`Task: ${task} (no task guessed from ${first.names[0]}; --task text|classification|tagging|translation chooses one)`);
  else if (guess.task === task) console.error(`Task: ${task} (guessed: ${guess.reason})`);
  else console.error(`Task: ${task}. ${first.names[0]} looks made for ${guess.task}: ${guess.reason}. Import it with --task ${guess.task}`);
}

/** A translation corpus: its pairs, both sides' sizes, and what was filtered out. */
function printPairs(corpus: CorpusInfo, json: boolean): void {
  const pairs = corpus.pairs!;
  const filteredOut = Object.values(pairs.filtered).reduce((a, b) => a + b, 0);
  if (json) {
    printJson({
      corpusId: corpus.id,
      name: corpus.name,
      task: corpus.task,
      pairs: pairs.count,
      sourceLanguage: pairs.sourceLanguage,
      targetLanguage: pairs.targetLanguage,
      swapped: pairs.swapped,
      layout: pairs.layout,
      source: { tokens: pairs.source.tokens, vocabSize: pairs.source.vocabSize },
      target: { tokens: pairs.target.tokens, vocabSize: pairs.target.vocabSize },
      filtered: pairs.filtered,
      encoding: corpus.sources[0]?.encoding,
      sources: corpus.sources,
    });
    return;
  }
  console.log(`Imported ${corpus.name} as ${corpus.id}: ${formatCount(pairs.count)} pairs, ${pairs.sourceLanguage} → ${pairs.targetLanguage}${pairs.swapped ? ' (swapped)' : ''}`);
  for (const s of corpus.sources) console.log(`  ${s.fileName}: ${s.format}, ${s.encoding}${s.column ? `, columns ${s.column}` : ''}`);
  for (const [side, stats] of [[pairs.sourceLanguage, pairs.source], [pairs.targetLanguage, pairs.target]] as const) {
    console.log(`  ${side}: ${formatCount(stats.tokens)} tokens · ${formatCount(stats.vocabSize)} distinct · top: ${stats.topWords.slice(0, 10).map((w) => w.word).join(' ')}`);
  }
  if (filteredOut > 0) {
    const parts = Object.entries(pairs.filtered).filter(([, n]) => n > 0).map(([kind, n]) => `${formatCount(n)} ${kind}`);
    console.log(`  left out: ${parts.join(', ')}`);
  }
}
