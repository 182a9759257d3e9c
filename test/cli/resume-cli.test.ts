// `nlp-studio resume` with changed settings, as a script runs it: a classifier that diverged continues from its
// last finite checkpoint with a lower --lr and completes, saying what changed; a resume flag out of range is
// refused naming the flag, before the run is touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli as runCli } from './run-cli.ts';

const cli = (args: string[]) => runCli(args, { NLP_STUDIO_BACKEND: 'cpu' });

test('resume --lr continues a diverged run at the lower rate and says what changed', { timeout: 180_000 }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-resume-lr-'));
  const ws = path.join(dir, 'ws');
  const data = path.join(dir, 'reviews.csv');
  await writeFile(data, ['text,label', ...Array.from({ length: 120 }, (_, i) => `${i % 2 ? 'good lovely' : 'bad boring'} film ${i % 9},${i % 2 ? 'pos' : 'neg'}`)].join('\n'));
  // AdamW's decay at lr·decay = 10 multiplies the weights by −9 a step: they overflow float32 within ~40 steps.
  const trained = await cli(['train', 'classifier', '--data', data, '--emb', '8', '--hidden', '8', '--batch', '16', '--epochs', '30', '--patience', '0', '--optimizer', 'adamw', '--lr', '10', '--weight-decay', '1', '--workspace', ws]);
  assert.notEqual(trained.code, 0);
  const runId = /Run (r-[a-z0-9-]+) is kept/.exec(trained.stderr)?.[1];
  assert.ok(runId, trained.stderr);
  const listed = await cli(['runs', '--json', '--workspace', ws]);
  const row = listed.json.runs.find((r: { id: string }) => r.id === runId);
  assert.equal(row.status, 'failed');
  const { epoch, step } = row.checkpoint;

  const refused = await cli(['resume', '--model', runId, '--lr', '20', '--workspace', ws]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /--lr must be .*≤ 10 \(got 20\)/);
  const early = await cli(['resume', '--model', runId, '--epochs', String(epoch), '--workspace', ws]);
  assert.equal(early.code, 1);
  assert.match(early.stderr, new RegExp(`training\\.epochs ${epoch}: the run has already trained ${epoch} epoch`));

  const epochs = epoch + 2;
  const r = await cli(['resume', '--model', runId, '--lr', '0.001', '--weight-decay', '0', '--epochs', String(epochs), '--workspace', ws, '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`Resuming run ${runId} from step ${step} · epoch ${epoch} of ${epochs} done with lr 0.001 \\(was 10\\), weight decay 0 \\(was 1\\), epochs ${epochs} \\(was 30\\)`));
  assert.equal(r.json.status, 'completed');
  assert.ok(Number.isFinite(r.json.summary?.loss ?? r.json.loss), JSON.stringify(r.json));
  const stored = JSON.parse(await readFile(path.join(ws, 'runs', runId, 'run.json'), 'utf8'));
  assert.equal(stored.spec.training.optimizer.lr, 0.001);
  assert.deepEqual(stored.resumes.map((x: { step: number; changed: object }) => [x.step, x.changed]), [[step, { 'optimizer.lr': [10, 0.001], 'optimizer.weightDecay': [1, 0], epochs: [30, epochs] }]]);
});
