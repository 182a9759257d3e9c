import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultPairFields, looksLikePairHeader, readAlignedFiles, readPairFile, resolvePairColumns, type PairRow, type PairSource } from '../../../engine/data/pair-source.ts';
import { assertStudioError, tempWorkspace } from './helpers.ts';

async function rows(source: PairSource): Promise<PairRow[]> {
  const out: PairRow[] = [];
  for await (const batch of source.rows) out.push(...batch);
  return out;
}

test('a header row is one of column names or languages; a sentence row is not', () => {
  assert.ok(looksLikePairHeader(['source', 'target']));
  assert.ok(looksLikePairHeader(['src_text', 'tgt_text', 'id']));
  assert.ok(looksLikePairHeader(['English', 'French', 'attribution']));
  assert.ok(!looksLikePairHeader(['Go.', 'Va !']));
  assert.ok(!looksLikePairHeader(['Hi', 'Salut']));
  assert.ok(!looksLikePairHeader(['en', 'en']));
});

test('columns: by index without a header, by name with one, defaults from header names', () => {
  const chosen = { columns: [], source: null, target: null, names: null };
  assert.deepEqual(resolvePairColumns(['a', 'b', 'c'], { sourceColumn: '2', targetColumn: '0' }, 'f.tsv', chosen), { header: false, source: 2, target: 0 });
  assert.deepEqual(resolvePairColumns(['id', 'fr', 'en'], {}, 'f.tsv', chosen), { header: true, source: 1, target: 2 });
  assert.deepEqual([chosen.source, chosen.target, chosen.names], ['fr', 'en', ['fr', 'en']]);
  assert.deepEqual(resolvePairColumns(['id', 'target', 'source'], {}, 'f.tsv', chosen), { header: true, source: 2, target: 1 });
  assert.throws(() => resolvePairColumns(['a', 'b'], { sourceColumn: '1', targetColumn: '1' }, 'f.tsv', chosen), /same column/);
  assert.throws(() => resolvePairColumns(['just one'], {}, 'f.tsv', chosen), /one column/);
});

test('TSV is split on tabs only (quotes are text); CSV records spanning lines are numbered by their first line', async () => {
  const { file } = await tempWorkspace();
  const tsv = readPairFile({ filePath: await file('q.tsv', '"Hi," he said.\t« Salut », dit-il.\n\n"Stop"\n'), fileName: 'q.tsv', encoding: 'utf-8', format: 'tsv' }, {});
  assert.deepEqual(await rows(tsv), [{ line: 1, source: '"Hi," he said.', target: '« Salut », dit-il.' }, { line: 3, source: '"Stop"', target: null }]);
  const csv = readPairFile({ filePath: await file('m.csv', 'source,target\n"two\nlines",deux\n\nthree,trois\n'), fileName: 'm.csv', encoding: 'utf-8', format: 'csv' }, {});
  assert.deepEqual(await rows(csv), [{ line: 2, source: 'two\nlines', target: 'deux' }, { line: 5, source: 'three', target: 'trois' }]);
});

test('JSONL: numbers are text, null is empty, a missing field is null; a first record without two fields fails', async () => {
  const { file } = await tempWorkspace();
  const jsonl = readPairFile({ filePath: await file('p.jsonl', '{"src":"a","tgt":1}\n{"src":null,"tgt":"b"}\n{"src":"c"}\n'), fileName: 'p.jsonl', encoding: 'utf-8', format: 'jsonl' }, {});
  assert.deepEqual(await rows(jsonl), [{ line: 1, source: 'a', target: '1' }, { line: 2, source: '', target: 'b' }, { line: 3, source: 'c', target: null }]);
  const lone = readPairFile({ filePath: await file('l.jsonl', '{"id":3,"text":"x"}\n'), fileName: 'l.jsonl', encoding: 'utf-8', format: 'jsonl' }, {});
  await assertStudioError(rows(lone), { name: 'ImportError', file: 'l.jsonl', line: 1 });
});

test('aligned files in step, across read chunks: blank-on-both lines skipped, leftover lines counted', async () => {
  const { file } = await tempWorkspace();
  const a = Array.from({ length: 300 }, (_, i) => (i === 5 ? '' : `source ${i}`)).join('\n');
  const b = Array.from({ length: 303 }, (_, i) => (i === 5 ? ' ' : `target ${i}`)).join('\n');
  const source = readAlignedFiles(
    { filePath: await file('x.en', a), fileName: 'x.en', encoding: 'utf-8', format: 'text' },
    { filePath: await file('x.fr', b), fileName: 'x.fr', encoding: 'utf-8', format: 'text' },
    { chunkBytes: 64 },
  );
  const read = await rows(source);
  assert.equal(read.length, 299);
  assert.deepEqual(read[5], { line: 7, source: 'source 6', target: 'target 6' });
  assert.ok(read.every((r) => r.source!.slice(7) === r.target!.slice(7)));
  assert.deepEqual(source.lineCounts, [300, 303]);
});

test('JSONL default fields: src/tgt, source/target, then language-named fields (an id field is not Indonesian)', () => {
  assert.deepEqual(defaultPairFields({ id: 1, src: 'a', tgt: 'b' }), ['src', 'tgt']);
  assert.deepEqual(defaultPairFields({ target: 'b', source: 'a' }), ['source', 'target']);
  assert.deepEqual(defaultPairFields({ id: '7', en: 'a', fr: 'b' }), ['en', 'fr']);
  assert.deepEqual(defaultPairFields({ n: 3, question: 'a', answer: 'b' }), ['question', 'answer']);
});
