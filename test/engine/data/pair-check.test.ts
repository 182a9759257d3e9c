/** Checking pairs without importing: what the import form shows before the user imports. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PairCheck } from '../../../contract/corpus.ts';
import { checkPairs, describeLines, planPairs } from '../../../engine/data/pair-check.ts';
import { sniffFile } from '../../../engine/data/sniff.ts';
import { corporaListing, options, tempWorkspace } from './helpers.ts';

async function check(paths: string[], input: Parameters<typeof options>[0]): Promise<PairCheck> {
  const o = options({ task: 'translation', ...input });
  const sniffed = await Promise.all(paths.map((p) => sniffFile(p, p.split('/').pop()!)));
  return PairCheck.parse(await checkPairs(planPairs(paths, sniffed, o), o));
}

test('a clean TSV: pairs counted, columns offered by index with their first cells, samples after swap', async () => {
  const { ws, file } = await tempWorkspace();
  const tsv = await file('en-de.tsv', 'Hello.\tHallo.\tnote\nThanks!\tDanke!\tnote\n');
  const result = await check([tsv], { swap: true });
  assert.deepEqual(result.issues, []);
  assert.deepEqual([result.layout, result.pairs, result.kept, result.sourceLanguage, result.targetLanguage], ['columns', 2, 2, 'de', 'en']);
  assert.deepEqual(result.columns, [{ value: '0', label: 'Column 1: Hello.' }, { value: '1', label: 'Column 2: Hallo.' }, { value: '2', label: 'Column 3: note' }]);
  assert.deepEqual([result.sourceColumn, result.targetColumn], ['0', '1']);
  assert.deepEqual(result.samples[0], { source: 'hallo .', target: 'hello .' });
  assert.deepEqual(await corporaListing(ws), []);
});

test('issues: counts, the kept pairs, at most 20 lines each, a header row recognised and skipped', async () => {
  const { file } = await tempWorkspace();
  const rows = ['source\ttarget\tattribution', ...Array.from({ length: 30 }, () => 'Same.\tPareil.'), 'Only one column', 'Fine.\tBien.'];
  const result = await check([await file('dups.tsv', rows.join('\n'))], {});
  assert.deepEqual([result.pairs, result.kept, result.sourceColumn, result.targetColumn], [32, 2, 'source', 'target']);
  const dup = result.issues.find((i) => i.kind === 'duplicates')!;
  assert.equal(dup.count, 29);
  assert.equal(dup.lines.length, 20);
  assert.deepEqual(dup.lines.slice(0, 2), [{ file: 'dups.tsv', line: 3 }, { file: 'dups.tsv', line: 4 }]);
  assert.match(dup.message, /and 9 more/);
  const missing = result.issues.find((i) => i.kind === 'missingColumns')!;
  assert.deepEqual([missing.count, missing.fatal, missing.lines], [1, false, [{ file: 'dups.tsv', line: 32 }]]);
  assert.match(missing.message, /no target column \("target"\)/);
});

test('aligned files: the line-count mismatch is fatal and names the longer file after the last pair', async () => {
  const { file } = await tempWorkspace();
  const en = await file('dev.en', 'One.\nTwo.\nThree.\n');
  const fr = await file('dev.fr', 'Un.\nDeux.\n');
  const result = await check([en, fr], {});
  assert.equal(result.layout, 'aligned');
  assert.deepEqual(result.issues.map((i) => [i.kind, i.count, i.fatal, i.lines]), [['lineCounts', 1, true, [{ file: 'dev.en', line: 3 }]]]);
  assert.match(result.issues[0].message, /dev\.en has 3 lines and dev\.fr has 2 lines/);
  assert.deepEqual([result.pairs, result.kept], [2, 2]);
});

test('an empty side names the file it is in (aligned: the target file)', async () => {
  const { file } = await tempWorkspace();
  const result = await check([await file('a.en', 'One.\nTwo.\nThree.\n'), await file('a.fr', 'Un.\n   \nTrois.\n')], {});
  assert.deepEqual(result.issues.map((i) => [i.kind, i.lines]), [['empty', [{ file: 'a.fr', line: 2 }]]]);
});

test('line lists group by file', () => {
  assert.equal(describeLines([{ file: 'a.tsv', line: 3 }, { file: 'a.tsv', line: 8 }, { file: 'b.tsv', line: 2 }], 5), 'lines 3, 8 of a.tsv; line 2 of b.tsv; and 2 more');
});
