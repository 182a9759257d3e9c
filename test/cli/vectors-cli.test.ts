// `import-vectors` and `evaluate-vectors` as scripts use them: --json on the last stdout line, errors on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli } from './run-cli.ts';
import { Evaluation } from '../../contract/word2vec.ts';

const fixture = (name: string) => path.resolve(import.meta.dirname, '../fixtures/vectors', name);

test('import-vectors → neighbors → evaluate-vectors, with --json and as tables', async () => {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'cli-vectors-'));
  const imported = await cli(['import-vectors', fixture('tiny.glove.txt'), '--max-words', '30', '--json', '--workspace', workspace]);
  assert.equal(imported.code, 0, imported.stderr);
  assert.deepEqual(Object.keys(imported.json).sort(), ['dim', 'format', 'runId', 'seconds', 'vocabSize']);
  assert.deepEqual([imported.json.vocabSize, imported.json.dim, imported.json.format], [30, 16, 'glove']);
  const runId = imported.json.runId;
  assert.match(runId, /^r-/);

  const near = await cli(['neighbors', '--model', runId, 'king', '--top', '3', '--json', '--workspace', workspace]);
  assert.equal(near.code, 0, near.stderr);
  assert.equal(near.json.neighbors.length, 3);

  const expected = JSON.parse(await readFile(fixture('expected.json'), 'utf8'));
  const evaluated = await cli(['evaluate-vectors', '--model', runId, '--analogies', fixture('analogies.txt'), '--similarity', fixture('similarity.tsv'), '--json', '--workspace', workspace]);
  assert.equal(evaluated.code, 0, evaluated.stderr);
  Evaluation.parse(evaluated.json);
  assert.deepEqual(Object.keys(evaluated.json).sort(), ['analogies', 'similarity']);
  // 30 words: the plural section's "trees" and the rest are beyond the import's --max-words.
  assert.equal(evaluated.json.analogies.sections.length, expected.analogies_300000.sections.length);
  assert.equal(evaluated.json.similarity.pairs, 14);

  const table = await cli(['evaluate-vectors', '--model', runId, '--analogies', fixture('analogies.txt'), '--similarity', fixture('similarity.tsv'), '--workspace', workspace]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^Analogies\nsection +correct +accuracy\nfamily +\d+\/\d+ +\d+\.\d%/);
  assert.match(table.stdout, /\noverall +\d+\/\d+ +\d+\.\d%\n\d+ of 20 questions skipped/);
  assert.match(table.stdout, /Word similarity\nSpearman ρ -?\d\.\d{4} over \d+ of 14 pairs \(coverage \d+\.\d%\)/);

  const human = await cli(['import-vectors', fixture('tiny.vec'), '--name', 'tiny fastText', '--workspace', workspace]);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /Imported 34 words × 16 dimensions \(word2vec-text\) from tiny\.vec in \d+\.\d s\nRun r-\S+ saved in /);
  assert.equal((await readdir(path.join(workspace, 'runs'))).length, 2);
});

test('errors go to stderr with a non-zero exit, naming the file and line', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cli-vectors-err-'));
  const workspace = path.join(dir, 'ws');
  const broken = path.join(dir, 'broken.vec');
  await writeFile(broken, '3 2\na 1 2\nb 1 oops\nc 1 2\n');
  const bad = await cli(['import-vectors', broken, '--workspace', workspace]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /broken\.vec, line 3: "oops" is not a number/);

  const format = await cli(['import-vectors', broken, '--format', 'fasttext', '--workspace', workspace]);
  assert.notEqual(format.code, 0);
  assert.match(format.stderr, /--format/);
  const max = await cli(['import-vectors', broken, '--max-words', '0', '--workspace', workspace]);
  assert.match(max.stderr, /--max-words/);
  assert.match((await cli(['import-vectors', '--workspace', workspace])).stderr, /Give the vectors file to import/);

  const ok = await cli(['import-vectors', fixture('tiny.vec'), '--json', '--workspace', workspace]);
  const runId = ok.json.runId;
  const none = await cli(['evaluate-vectors', '--model', runId, '--workspace', workspace]);
  assert.notEqual(none.code, 0);
  assert.match(none.stderr, /--analogies FILE, --similarity FILE, or both/);
  const questions = path.join(dir, 'questions.txt');
  await writeFile(questions, ': s\nman woman king\n');
  const malformed = await cli(['evaluate-vectors', '--model', runId, '--analogies', questions, '--workspace', workspace]);
  assert.notEqual(malformed.code, 0);
  assert.match(malformed.stderr, /questions\.txt, line 2: expected 4 words/);
  const missing = await cli(['evaluate-vectors', '--model', 'r-nope-0000', '--similarity', fixture('similarity.tsv'), '--workspace', workspace]);
  assert.match(missing.stderr, /No model at r-nope-0000/);
});
