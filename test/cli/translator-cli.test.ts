// The translator commands as a script uses them: train translator --json, translate (arguments and stdin),
// evaluate --json, and flags checked against the schemas with the flag named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli } from './run-cli.ts';

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

function digitPairs(n: number): string {
  const seen = new Set<string>();
  let s = 11;
  const random = () => (s = (s * 16807) % 2147483647) / 2147483647;
  while (seen.size < n) {
    const digits = Array.from({ length: 2 + Math.floor(random() * 3) }, () => Math.floor(random() * 10));
    seen.add(`${digits.map((d) => WORDS[d]).join(' ')}\t${digits.join(' ')}`);
  }
  // A third column, as Tatoeba's attribution: ignored.
  return [...seen].map((pair, i) => `${pair}\tCC-BY 2.0 (France) Attribution: tatoeba.org #${i}`).join('\n') + '\n';
}

test('train translator --json, translate TEXT and stdin, evaluate --json', { timeout: 180_000 }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-translator-cli-'));
  const ws = path.join(dir, 'ws');
  const data = path.join(dir, 'digits.tsv');
  await writeFile(data, digitPairs(300));
  const out = path.join(dir, 'run');
  const trained = await cli(['train', 'translator', '--data', data, '--arch', 'seq2seq', '--attention', 'bahdanau', '--cell', 'gru', '--bidirectional', '--emb', '16', '--hidden', '32', '--dropout', '0', '--batch', '16', '--epochs', '8', '--lr', '0.02', '--patience', '0', '--beam', '2', '--out', out, '--workspace', ws, '--json']);
  assert.equal(trained.code, 0, trained.stderr);
  const j = trained.json;
  for (const key of ['targetTokensPerSec', 'seconds', 'bleu', 'chrf', 'exactMatch', 'testBleu', 'backend', 'outDir']) assert.ok(j[key] !== undefined && j[key] !== null, key);
  assert.ok(j.exactMatch >= 0.5, `validation exact match ${j.exactMatch}`);

  const translated = await cli(['translate', '--model', out, '--beam', '3', 'three one four', '--workspace', ws, '--json']);
  assert.equal(translated.code, 0, translated.stderr);
  assert.equal(translated.json.translations[0].source, 'three one four');
  assert.match(translated.json.translations[0].text, /^[\d ]+$/);

  // stdin: one sentence a line in, one translation a line out, in order.
  const entry = path.resolve(import.meta.dirname, '../../cli/index.ts');
  const piped = spawnSync(process.execPath, ['--import', 'tsx', entry, 'translate', '--model', out, '--workspace', ws], { input: 'two two\nnine eight seven\n', encoding: 'utf8', timeout: 120_000 });
  assert.equal(piped.status, 0, piped.stderr);
  const lines = piped.stdout.trim().split('\n').filter((l) => !/tfjs|=====|Hi, looks like|^$/.test(l));
  assert.equal(lines.length, 2, piped.stdout);
  for (const line of lines) assert.match(line, /^[\d ]+$/);

  const evaluated = await cli(['evaluate', '--model', out, '--data', data, '--workspace', ws, '--json']);
  assert.equal(evaluated.code, 0, evaluated.stderr);
  for (const key of ['bleu', 'chrf', 'exactMatch']) assert.ok(typeof evaluated.json[key] === 'number', key);

  const bad = await cli(['train', 'translator', '--data', data, '--hidden', '0', '--workspace', ws]);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /--hidden must be an integer ≥ 1 and ≤ 4096 \(got 0\)/);
  const foreign = await cli(['train', 'translator', '--data', data, '--seq', '10', '--workspace', ws]);
  assert.notEqual(foreign.code, 0);
  assert.match(foreign.stderr, /--seq is not a setting of seq2seq models/);
  const wrongTask = await cli(['train', 'classifier', '--data', data, '--swap', '--workspace', ws]);
  assert.notEqual(wrongTask.code, 0);
  assert.match(wrongTask.stderr, /--swap: only for train translator/);
});
