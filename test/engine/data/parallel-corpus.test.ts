import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { importCorpus } from '../../../engine/data/import-corpus.ts';
import { readPairs } from '../../../engine/data/parallel-corpus.ts';
import { assertStudioError, noControl, options, tempWorkspace } from './helpers.ts';

test('readPairs: both sides as token arrays, aligned; a text corpus or a damaged one is refused', async () => {
  const { ws, file } = await tempWorkspace();
  const tsv = await file('p.tsv', 'A cat.\tUn chat.\nTwo dogs!\tDeux chiens !\n');
  const pairs = await importCorpus(ws, { paths: [tsv], options: options({ task: 'translation' }) }, noControl());
  const dir = ws.corpusDir(pairs.id);
  assert.deepEqual(await readPairs(dir), { source: [['a', 'cat', '.'], ['two', 'dogs', '!']], target: [['un', 'chat', '.'], ['deux', 'chiens', '!']] });

  const text = await importCorpus(ws, { paths: [await file('t.txt', 'just text\n')], options: options() }, noControl());
  await assertStudioError(readPairs(ws.corpusDir(text.id)), { name: 'NotFoundError', message: /not a translation corpus/ });

  await writeFile(path.join(dir, 'target.txt'), 'un chat .\n');
  await assertStudioError(readPairs(dir), { name: 'InternalError', message: /tokens\.txt has 2 lines and target\.txt 1/ });
});
