import assert from 'node:assert/strict';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { corpusTokensPath, deleteCorpus, getCorpus, listCorpora, readDocuments } from '../../../engine/data/corpus-store.ts';
import { importCorpus } from '../../../engine/data/import-corpus.ts';
import { assertStudioError, noControl, options, tempWorkspace } from './helpers.ts';

test('list is newest first and skips a corpus whose corpus.json is corrupt or missing', async () => {
  const { ws, file } = await tempWorkspace();
  const input = await file('a.txt', 'hello world\n');
  const first = await importCorpus(ws, { paths: [input], options: options({ name: 'first' }) }, noControl());
  await new Promise((resolve) => setTimeout(resolve, 5));
  const second = await importCorpus(ws, { paths: [input], options: options({ name: 'second' }) }, noControl());
  // Damaged entries beside them: bad JSON, JSON of the wrong shape, no corpus.json, an import in progress.
  for (const [id, content] of [['c-20990101-0000-aaaaaa', '{ not json'], ['c-20990101-0000-bbbbbb', '{"id":"c-20990101-0000-bbbbbb"}']]) {
    await mkdir(path.join(ws.corporaDir, id));
    await writeFile(path.join(ws.corporaDir, id, 'corpus.json'), content);
  }
  await mkdir(path.join(ws.corporaDir, 'c-20990101-0000-cccccc'));
  await mkdir(path.join(ws.corporaDir, '.c-20990101-0000-dddddd.1234.tmp'));
  assert.deepEqual((await listCorpora(ws)).map((c) => c.name), ['second', 'first']);
  assert.equal((await getCorpus(ws, second.id)).name, 'second');
  assert.equal((await getCorpus(ws, first.id)).stats.tokens, 2);
});

test('get and delete report NotFoundError for unknown or malformed ids', async () => {
  const { ws } = await tempWorkspace();
  await assertStudioError(getCorpus(ws, 'c-20990101-0000-ffffff'), { name: 'NotFoundError' });
  await assertStudioError(getCorpus(ws, '../../etc'), { name: 'NotFoundError' });
  await assertStudioError(deleteCorpus(ws, 'c-20990101-0000-ffffff'), { name: 'NotFoundError' });
  assert.throws(() => corpusTokensPath(ws, 'r-not-a-corpus'), { name: 'NotFoundError' });
});

test('delete removes the corpus folder entirely', async () => {
  const { ws, file } = await tempWorkspace();
  const info = await importCorpus(ws, { paths: [await file('a.txt', 'x y\n')], options: options() }, noControl());
  await deleteCorpus(ws, info.id);
  assert.deepEqual(await readdir(ws.corporaDir), []);
  assert.deepEqual(await listCorpora(ws), []);
  await assertStudioError(getCorpus(ws, info.id), { name: 'NotFoundError' });
});

test('readDocuments streams the token lists in import order; the token file is one document per line', async () => {
  const { ws, file } = await tempWorkspace();
  const info = await importCorpus(ws, { paths: [await file('a.txt', 'The cat sat.\n\nA dog!\n自然语言处理\n')], options: options() }, noControl());
  const documents: string[][] = [];
  for await (const tokens of readDocuments(ws, info.id)) documents.push(tokens);
  assert.deepEqual(documents, [['the', 'cat', 'sat'], ['a', 'dog'], ['自然', '语言', '处理']]);
  assert.equal(corpusTokensPath(ws, info.id), path.join(ws.corporaDir, info.id, 'tokens.txt'));
  const missing = readDocuments(ws, 'c-20990101-0000-ffffff');
  await assertStudioError(missing[Symbol.asyncIterator]().next(), { name: 'NotFoundError' });
});
