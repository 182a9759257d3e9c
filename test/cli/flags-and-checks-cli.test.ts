// Numeric flags are range-checked by name (negative values included), and a training start the data checks refuse
// leaves nothing behind: no run, and no corpus imported for it. Warnings go to stderr, the JSON result stays last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli as runCli } from './run-cli.ts';
import { joinNegativeValues } from '../../cli/args.ts';
import { kindAt, settingsFromFlags, type FlagSetting } from '../../cli/schema-flags.ts';
import { allArchFlags, trainingFlags } from '../../cli/family-flags.ts';
import { word2vecFlags } from '../../cli/commands/train.ts';
import { Word2VecConfig } from '../../contract/word2vec.ts';
import { TrainSpec } from '../../contract/runs.ts';
import type { z } from '../../contract/zod.ts';

const cli = (args: string[]) => runCli(args, { NLP_STUDIO_BACKEND: 'cpu' });
const list = (dir: string) => readdir(dir).catch(() => [] as string[]);

test('a negative number after a flag is its value, not a flag', () => {
  const options = { window: { type: 'string' }, hs: { type: 'boolean' } } as const;
  assert.deepEqual(joinNegativeValues(['--window', '-1', '--hs'], options), ['--window=-1', '--hs']);
  assert.deepEqual(joinNegativeValues(['--window', '-.5', 'x'], options), ['--window=-.5', 'x']);
  // A boolean flag takes no value; a dash word is a flag; after `--` nothing is touched.
  assert.deepEqual(joinNegativeValues(['--hs', '-1'], options), ['--hs', '-1']);
  assert.deepEqual(joinNegativeValues(['--window', '-h'], options), ['--window', '-h']);
  assert.deepEqual(joinNegativeValues(['--', '--window', '-1'], options), ['--', '--window', '-1']);
});

test('every numeric flag of word2vec and of every neural family is range-checked by its schema, naming it', () => {
  const tables: [z.ZodType, readonly FlagSetting[]][] = [
    [Word2VecConfig, word2vecFlags],
    ...TrainSpec.options.map((o) => [o, [...trainingFlags, ...allArchFlags()]] as [z.ZodType, FlagSetting[]]),
  ];
  let checked = 0;
  for (const [schema, table] of tables) {
    for (const f of table) {
      let kind: string;
      try {
        kind = kindAt(schema, f.path);
      } catch {
        continue; // another family's flag
      }
      if (kind !== 'number') continue;
      for (const bad of ['-1e12', 'abc', '']) {
        assert.throws(() => settingsFromFlags(schema, [f], { [f.flag]: bad }), (e: Error) => new RegExp(`^--${f.flag} must be (an integer|a number)( [≥>] [-\\d.e]+)?( and [≤<] [\\d.e+]+)? \\(got ${bad.replace(/[.+]/g, '\\$&')}\\)$`).test(e.message), `${f.flag} ${bad}`);
      }
      checked++;
    }
  }
  assert.ok(checked >= 25, `${checked} numeric flags checked`);
});

test('the other commands range-check their numeric flags too (real processes)', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-flags-'));
  const ws = path.join(dir, 'ws');
  const text = path.join(dir, 'a.txt');
  await writeFile(text, 'a b c\n');
  const cases: [string[], RegExp][] = [
    [['train', 'word2vec', '--corpus', text, '--window', '-1'], /--window must be an integer ≥ 1 and ≤ 50 \(got -1\)/],
    [['train', 'classifier', '--data', text, '--lr', '-0.1'], /--lr must be a number > 0 and ≤ 10 \(got -0\.1\)/],
    [['generate', '--model', dir, '--temperature', '-1'], /--temperature must be a number ≥ 0 and ≤ 5 \(got -1\)/],
    [['translate', '--model', dir, '--length-penalty', '-1', 'hi'], /--length-penalty must be a number ≥ 0 and ≤ 5 \(got -1\)/],
    [['import', text, '--task', 'translation', '--max-tokens', '-5'], /--max-tokens must be an integer ≥ 1 and ≤ 100000 \(got -5\)/],
    [['import-vectors', text, '--max-words', '0'], /--max-words must be an integer ≥ 1 \(got 0\)/],
    [['neighbors', '--model', dir, 'a', '--top', '-3'], /--top must be an integer ≥ 1 and ≤ 1000 \(got -3\)/],
  ];
  for (const [args, message] of cases) {
    const r = await cli([...args, '--workspace', ws]);
    assert.notEqual(r.code, 0, args.join(' '));
    assert.match(r.stderr, message, `${args.join(' ')}: ${r.stderr}`);
  }
  assert.deepEqual(await list(path.join(ws, 'corpora')), [], 'nothing imported by a refused command');
});

test('a refused start leaves no run and no imported corpus; warnings go to stderr', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-checks-'));
  const ws = path.join(dir, 'ws');
  const one = path.join(dir, 'one.csv');
  await writeFile(one, ['text,label', ...Array.from({ length: 20 }, (_, i) => `good film ${i},pos`)].join('\n'));
  const refused = await cli(['train', 'classifier', '--data', one, '--workspace', ws]);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /"one\.csv" has one class only \("pos", 20 documents\)/);
  const words = path.join(dir, 'words.txt');
  await writeFile(words, 'the cat sat\nthe dog ran\n');
  const w2v = await cli(['train', 'word2vec', '--corpus', words, '--min-count', '3', '--workspace', ws]);
  assert.notEqual(w2v.code, 0);
  assert.match(w2v.stderr, /min-count 3 leaves the vocabulary of "words\.txt" empty/);
  assert.deepEqual(await list(path.join(ws, 'corpora')), [], 'the corpora imported for the refused starts were deleted');
  assert.deepEqual((await list(path.join(ws, 'runs'))).filter((f) => f.startsWith('r-')), [], 'no run folder');

  // A corpus of the workspace named by id is kept when its start is refused.
  const imported = await cli(['import', words, '--workspace', ws, '--json']);
  const byId = await cli(['train', 'word2vec', '--corpus', imported.json.corpusId, '--min-count', '3', '--workspace', ws]);
  assert.notEqual(byId.code, 0);
  assert.deepEqual(await list(path.join(ws, 'corpora')), [imported.json.corpusId]);

  const guessed = path.join(dir, 'guess.csv');
  await writeFile(guessed, ['review,sentiment', ...Array.from({ length: 40 }, (_, i) => `${i % 2 ? 'good' : 'bad'} film ${i},${i % 2 ? 'pos' : 'neg'}`)].join('\n'));
  const trained = await cli(['train', 'classifier', '--data', guessed, '--text-col', 'review', '--emb', '4', '--hidden', '4', '--epochs', '1', '--workspace', ws, '--json']);
  assert.equal(trained.code, 0, trained.stderr);
  assert.match(trained.stderr, /Warning: .*labels were read from the column "sentiment" of guess\.csv, guessed/);
  assert.equal(trained.json.status, 'completed');
});

test('a classifier that diverges fails naming the step and what to try, and says where its run is kept', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-diverge-'));
  const ws = path.join(dir, 'ws');
  const data = path.join(dir, 'reviews.csv');
  await writeFile(data, ['text,label', ...Array.from({ length: 120 }, (_, i) => `${i % 2 ? 'good lovely' : 'bad boring'} film ${i % 9},${i % 2 ? 'pos' : 'neg'}`)].join('\n'));
  // AdamW's decay at lr·decay = 10 multiplies the weights by −9 a step: they overflow float32 within ~40 steps.
  const r = await cli(['train', 'classifier', '--data', data, '--emb', '8', '--hidden', '8', '--batch', '16', '--epochs', '30', '--patience', '0', '--optimizer', 'adamw', '--lr', '10', '--weight-decay', '1', '--workspace', ws]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /Training diverged at step \d+ \(epoch \d+\): the (loss|gradient norm) became (NaN|infinite)/);
  assert.match(r.stderr, /Try a lower learning rate \(now 10\); a smaller weight decay \(now 1\)/);
  const kept = /Run (r-[a-z0-9-]+) is kept in (\S+)/.exec(r.stderr);
  assert.ok(kept, r.stderr);
  assert.ok((await list(path.join(kept[2], 'checkpoints'))).includes('last.json'), 'its last finite checkpoint');
});
