/**
 * `nlp-studio samples`: the first-run guide's chapters (a sample shipped with the app, a preset, what to look at);
 * `nlp-studio samples import CHAPTER`: import its sample as a corpus (or find the earlier import) and print the
 * corpus id with the preset to train it with.
 */
import { StudioError } from '../../contract/errors.ts';
import { parse } from '../args.ts';
import { openSession } from '../engine-session.ts';
import { printJson } from '../output.ts';

const USAGE = 'Usage: nlp-studio samples [--json] | nlp-studio samples import CHAPTER [--json]';

export async function runSamples(argv: string[]): Promise<void> {
  const { values: v, positionals } = parse(argv, {});
  const [action, chapter, ...extra] = positionals;
  if (extra.length > 0 || (action !== undefined && action !== 'import') || (action === 'import' && !chapter)) throw new StudioError('ValidationError', USAGE);
  const session = await openSession(v);
  if (action === 'import') {
    const imported = await session.engine.handlers['samples.import']({ chapter: chapter! });
    if (v.json) return printJson({ corpusId: imported.corpus.id, created: imported.created, chapter: imported.chapter.id, preset: imported.chapter.preset });
    const { corpus, chapter: c } = imported;
    console.log(`${imported.created ? 'Imported' : 'Already imported'}: ${corpus.id} "${corpus.name}" (${c.fileName}, ${corpus.task})`);
    console.log(`Preset (${c.preset.model}): ${JSON.stringify(c.preset)}`);
    console.log(`What to look at: ${c.lookAt}`);
    console.log(`Data: ${c.credit.source}. ${c.credit.terms}`);
    return;
  }
  const chapters = await session.engine.handlers['samples.list']({});
  if (v.json) return printJson({ chapters });
  for (const c of chapters) {
    console.log(`${c.id.padEnd(22)}${c.title} — ${c.summary}`);
    console.log(`${''.padEnd(22)}${c.fileName} · ${c.preset.model} preset`);
    console.log(`${''.padEnd(22)}data: ${c.credit.source}. ${c.credit.terms}`);
  }
  console.log(`\nImport one: nlp-studio samples import ${chapters[0]?.id ?? 'CHAPTER'}`);
}
