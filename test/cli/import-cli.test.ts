// `nlp-studio import --task translation`: pair files, aligned files, --swap, columns, --on-issues, as scripts run it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli } from './run-cli.ts';

test('import --task translation: a TSV with columns chosen and swapped, then aligned files', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cli-pairs-'));
  const workspace = path.join(dir, 'ws');
  const tsv = path.join(dir, 'pairs.tsv');
  await writeFile(tsv, 'id1\tHello.\tBonjour.\nid2\tThank you!\tMerci !\nid3\tGood night.\tBonne nuit.\n');
  const imported = await cli(['import', tsv, '--task', 'translation', '--source-column', '1', '--target-column', '2', '--swap', '--source-language', 'fr', '--target-language', 'en', '--json', '--workspace', workspace]);
  assert.equal(imported.code, 0, imported.stderr);
  assert.deepEqual([imported.json.pairs, imported.json.sourceLanguage, imported.json.targetLanguage, imported.json.swapped], [3, 'fr', 'en', true]);
  assert.deepEqual(imported.json.source, { tokens: 7, vocabSize: 6 });
  const corpusDir = path.join(workspace, 'corpora', imported.json.corpusId);
  assert.equal(await readFile(path.join(corpusDir, 'tokens.txt'), 'utf8'), 'bonjour .\nmerci !\nbonne nuit .\n');
  assert.equal(await readFile(path.join(corpusDir, 'target.txt'), 'utf8'), 'hello .\nthank you !\ngood night .\n');

  const en = path.join(dir, 'train.en');
  const fr = path.join(dir, 'train.fr');
  await writeFile(en, 'Hello.\nThanks.\n');
  await writeFile(fr, 'Bonjour.\nMerci.\n');
  const aligned = await cli(['import', en, fr, '--task', 'translation', '--workspace', workspace]);
  assert.equal(aligned.code, 0, aligned.stderr);
  assert.match(aligned.stdout, /2 pairs, en → fr/);
});

test('--on-issues: abort lists the bad pairs with their lines and writes nothing; filter leaves them out', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cli-pairs-'));
  const workspace = path.join(dir, 'ws');
  const tsv = path.join(dir, 'flawed.tsv');
  await writeFile(tsv, 'Hi.\tSalut.\nHi.\tSalut.\n\tVide.\nYes.\tOui.\n');
  const aborted = await cli(['import', tsv, '--task', 'translation', '--workspace', workspace]);
  assert.notEqual(aborted.code, 0);
  assert.match(aborted.stderr, /1 pair has an empty side \(line 3 of flawed\.tsv\)/);
  assert.match(aborted.stderr, /1 pair repeats an earlier pair exactly \(line 2 of flawed\.tsv\)/);
  assert.deepEqual((await readdir(path.join(workspace, 'corpora')).catch(() => [])).filter((n) => !n.startsWith('.')), []);

  const filtered = await cli(['import', tsv, '--task', 'translation', '--on-issues', 'filter', '--json', '--workspace', workspace]);
  assert.equal(filtered.code, 0, filtered.stderr);
  assert.deepEqual([filtered.json.pairs, filtered.json.filtered], [2, { missingColumns: 0, empty: 1, tooLong: 0, duplicates: 1 }]);

  const en = path.join(dir, 'dev.en');
  const fr = path.join(dir, 'dev.fr');
  await writeFile(en, 'One.\nTwo.\nThree.\n');
  await writeFile(fr, 'Un.\nDeux.\n');
  const mismatch = await cli(['import', en, fr, '--task', 'translation', '--on-issues', 'filter', '--workspace', workspace]);
  assert.notEqual(mismatch.code, 0);
  assert.match(mismatch.stderr, /dev\.en has 3 lines and dev\.fr has 2 lines/);

  const badFlag = await cli(['import', tsv, '--task', 'translation', '--on-issues', 'ignore', '--workspace', workspace]);
  assert.match(badFlag.stderr, /--on-issues/);
  const wrongTask = await cli(['import', tsv, '--swap', '--workspace', workspace]);
  assert.match(wrongTask.stderr, /--swap: only for --task translation/);
});
