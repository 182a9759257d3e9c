/** `nlp-studio import PATH… [--format F] [--encoding E] [--column C] [--tokenizer T] [--no-lowercase] [--name N] [--json]` */
import { ImportOptions } from '../../contract/corpus.ts';
import type { CorpusInfo } from '../../contract/corpus.ts';
import { StudioError } from '../../contract/errors.ts';
import { formatCount } from '../../engine/format.ts';
import { defined, parse } from '../args.ts';
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

/** Import options from flags, validated by the contract's schema (so a bad --encoding names the choices). */
export function importOptionsFromFlags(values: Record<string, string | boolean | undefined>): ImportOptions {
  const parsed = ImportOptions.safeParse(
    defined({ format: values.format, encoding: values.encoding, column: values.column, tokenizer: values.tokenizer, name: values.name, lowercase: values['no-lowercase'] ? false : undefined }),
  );
  if (!parsed.success) throw new StudioError('ValidationError', parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

export async function importFiles(session: Session, paths: string[], options: ImportOptions, quiet = false): Promise<CorpusInfo> {
  const result = await session.runJob(() => session.engine.handlers['corpus.import']({ paths, options }), { quiet });
  if (result.kind !== 'import') throw new StudioError('InternalError', 'Unexpected job result');
  return result.corpus;
}

export async function runImport(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, importOptions);
  if (positionals.length === 0) throw new StudioError('ValidationError', 'Give at least one file or folder to import');
  const session = await openSession(values);
  const corpus = await importFiles(session, positionals, importOptionsFromFlags(values));
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
