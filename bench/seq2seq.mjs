#!/usr/bin/env node
// Seq2Seq with attention against PyTorch, on the Tatoeba English–French pairs, in one run.
//
//   npm run bench:seq2seq [-- --steps N] [--repeat N] [--backend auto|wasm|cpu|tensorflow] [--profile]
//   npm run bench:seq2seq -- --minutes M [--held-out N]      (quality: equal wall-clock training, then BLEU)
//
// Speed: the anchor ../shared/anchors/seq2seq_attention_torch.py (Debian's python3-torch, 2 threads: biGRU
// encoder, Bahdanau-attention GRU decoder, emb 128, hidden 256, batch 64, vocabulary 8 000 a side, the first
// 20 000 pairs; target tokens/s over its timed steps after 3 warm-up steps) and `nlp-studio train translator --arch
// seq2seq --attention bahdanau --cell gru --bidirectional --emb 128 --hidden 256 --batch 64 --vocab 8000 --steps N
// --json` on the same pairs (`targetTokensPerSec`, over all its steps, the first included). Each side runs
// --repeat times, alternating; the median and the spread are printed, and the ratio of the medians.
//
// Quality (--minutes M): a held-out slice is fixed first — every 21st of the first 21 000 pairs, 1 000 pairs —
// and the other 20 000 train both sides for the same M wall-clock minutes, side by side, one thread each (the
// machine has 2 cores: run one after the other, each would meet different load from whatever else runs; side by
// side they share it). Both then translate the held-out sources greedily; both translations and the references
// are lower-cased and re-tokenised with the anchor's expression \w+|[^\w\s] and scored with our corpus BLEU
// (sacreBLEU's, tokenisation `none`) and chrF — the anchors' README's fair comparison.
//
// Needs the built CLI (`npm run build`) and /usr/bin/python3 with python3-torch. Data: ../shared/data beside the
// repository, or $NLP_STUDIO_DATA; anchors: ../shared/anchors or $NLP_STUDIO_ANCHORS.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { anchors, checkPrerequisites, cli, fail, python, root } from './anchors.mjs';
import { corpusBleu } from '../engine/evaluation/bleu.ts';
import { corpusChrf } from '../engine/evaluation/chrf.ts';

const { values: flags } = parseArgs({
  options: {
    steps: { type: 'string', default: '30' },
    repeat: { type: 'string', default: '3' },
    backend: { type: 'string', default: 'auto' },
    profile: { type: 'boolean', default: false },
    minutes: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const steps = Number(flags.steps);
if (!Number.isInteger(steps) || steps < 4) fail(`--steps must be a whole number ≥ 4, got ${flags.steps}`);
const repeat = Number(flags.repeat);
if (!Number.isInteger(repeat) || repeat < 1) fail(`--repeat must be a whole number ≥ 1, got ${flags.repeat}`);
const minutes = flags.minutes === undefined ? null : Number(flags.minutes);
if (minutes !== null && !(minutes > 0)) fail(`--minutes must be a positive number, got ${flags.minutes}`);

const dataDir = path.resolve(process.env.NLP_STUDIO_DATA ?? path.join(root, '..', 'shared', 'data'));
const tatoeba = path.join(dataDir, 'tatoeba-eng-fra.tsv');
if (!existsSync(tatoeba)) fail(`${tatoeba} not found; set NLP_STUDIO_DATA to the shared data folder.`);
checkPrerequisites(['seq2seq_attention_torch.py'], 'python3-torch');

// The anchor's model: no dropout (ours defaults to 0.2), the same sizes; duplicate pairs are left out on import.
const model = ['--on-issues', 'filter', '--arch', 'seq2seq', '--attention', 'bahdanau', '--cell', 'gru', '--bidirectional', '--emb', '128', '--hidden', '256', '--dropout', '0', '--batch', '64', '--vocab', '8000'];
const tmp = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-bench-seq2seq-'));
try {
  if (minutes === null) await speed();
  else await quality(minutes);
} finally {
  if (!flags.keep) await rm(tmp, { recursive: true, force: true });
  else console.log(`kept ${tmp}`);
}

async function speed() {
  const lines = (await readFile(tatoeba, 'utf8')).split('\n').filter((l) => l.includes('\t')).slice(0, 20000);
  const pairs = path.join(tmp, 'pairs.tsv');
  await writeFile(pairs, lines.join('\n') + '\n');
  const torchRuns = [];
  const ourRuns = [];
  for (let r = 0; r < repeat; r++) {
    torchRuns.push(JSON.parse(lastLine((await run(python, [path.join(anchors, 'seq2seq_attention_torch.py'), pairs, '--pairs', '20000', '--steps', String(steps), '--threads', '2'])).stdout)));
    const ws = path.join(tmp, `ws-${r}`);
    const ours = JSON.parse(lastLine((await run(process.execPath, [cli, 'train', 'translator', '--data', pairs, ...model, '--steps', String(steps), '--val-split', '0.01', '--test-split', '0.01', '--json', '--workspace', ws, '--backend', flags.backend], flags.profile && r === 0 ? { NLP_STUDIO_PROFILE_STEP: '3' } : {})).stdout));
    ours.diagnostics = JSON.parse(await readFile(path.join(ours.outDir, 'diagnostics.json'), 'utf8'));
    ourRuns.push(ours);
  }
  const theirs = torchRuns.map((t) => t.tokens_per_sec ?? t.target_tokens_per_sec);
  const mine = ourRuns.map((o) => o.targetTokensPerSec);
  console.log(`Seq2Seq (biGRU encoder, Bahdanau GRU decoder), first 20 000 Tatoeba pairs, emb 128, hidden 256, batch 64, vocab 8 000 a side, ${steps} steps, ${repeat} run${repeat > 1 ? 's' : ''} each`);
  console.log(`  PyTorch ${torchRuns[0].version} (${torchRuns[0].threads} threads)   median ${fmt(median(theirs))} target tokens/s   runs: ${theirs.map(fmt).join(', ')}`);
  console.log(`  NLP Studio on ${ourRuns[0].backend.padEnd(10)}   median ${fmt(median(mine))} target tokens/s   runs: ${mine.map(fmt).join(', ')}`);
  console.log(`  ratio of medians ours / PyTorch: ${(median(mine) / median(theirs)).toFixed(2)}   (per run: ${mine.map((m, i) => (m / theirs[i]).toFixed(2)).join(', ')})`);
  const memory = ourRuns[0].diagnostics.memory;
  console.log(`\nMemory (ours, first run): step, live tensors, resident MB`);
  for (const m of memory) console.log(`  ${String(m.step).padStart(6)} ${String(m.tensors).padStart(8)} ${(m.rssBytes / 2 ** 20).toFixed(0).padStart(8)}`);
  const profile = ourRuns[0].diagnostics.profile;
  if (profile) {
    const total = profile.kernels.reduce((a, k) => a + k.ms, 0);
    console.log(`\nProfile of step ${profile.step} (ours, ${ourRuns[0].backend}): ${profile.wallMs.toFixed(0)} ms wall, ${total.toFixed(0)} ms in kernels`);
    for (const k of profile.kernels.slice(0, 25)) console.log(`  ${k.kernel.padEnd(32)} ${String(k.calls).padStart(6)} calls ${k.ms.toFixed(1).padStart(9)} ms ${((100 * k.ms) / total).toFixed(1).padStart(5)} %`);
  }
}

async function quality(m) {
  const lines = (await readFile(tatoeba, 'utf8')).split('\n').filter((l) => l.includes('\t')).slice(0, 21000);
  const heldOut = lines.filter((_, i) => i % 21 === 20);
  const training = lines.filter((_, i) => i % 21 !== 20);
  const trainFile = path.join(tmp, 'train.tsv');
  const heldFile = path.join(tmp, 'held-out.tsv');
  await writeFile(trainFile, training.join('\n') + '\n');
  await writeFile(heldFile, heldOut.join('\n') + '\n');
  const references = heldOut.map((l) => l.split('\t')[1]);

  const torchHyp = path.join(tmp, 'torch.hyp');
  const ws = path.join(tmp, 'ws');
  const [torchRun, ourRun] = await Promise.all([
    run(python, [path.join(anchors, 'seq2seq_attention_torch.py'), trainFile, '--pairs', String(training.length), '--threads', '1', '--minutes', String(m), '--eval', heldFile, '--hyp', torchHyp]),
    run(process.execPath, [cli, 'train', 'translator', '--data', trainFile, ...model, '--minutes', String(m), '--epochs', '1000', '--patience', '0', '--val-split', '0.02', '--test-split', '0', '--json', '--workspace', ws, '--backend', flags.backend], { NLP_STUDIO_THREADS: '1' }),
  ]);
  const torch = JSON.parse(lastLine(torchRun.stdout));
  const ours = JSON.parse(lastLine(ourRun.stdout));
  const sources = heldOut.map((l) => l.split('\t')[0]).join('\n') + '\n';
  const ourHyp = (await run(process.execPath, [cli, 'translate', '--model', ours.outDir, '--beam', '1', '--workspace', ws, '--backend', flags.backend], { NLP_STUDIO_THREADS: '1' }, sources)).stdout.split('\n').slice(0, heldOut.length);

  // The anchors' README's fair comparison: lower-case, re-tokenise with \w+|[^\w\s], BLEU with tokenisation none.
  const retok = (s) => (s.toLowerCase().match(/[\p{L}\p{N}_]+|[^\p{L}\p{N}_\s]/gu) ?? []).join(' ');
  const refs = [references.map(retok)];
  const score = (hyps) => ({ bleu: corpusBleu(hyps.map(retok), refs, { tokenize: 'none' }).score, chrf: corpusChrf(hyps.map(retok), refs).score });
  const t = score((await readFile(torchHyp, 'utf8')).split('\n').slice(0, heldOut.length));
  const o = score(ourHyp);
  console.log(`Quality at equal time: ${m} minutes of training each, side by side on one thread each, on 20 000 Tatoeba pairs; ${heldOut.length} held-out sentences (every 21st of the first 21 000), greedy`);
  console.log(`  PyTorch ${torch.version}: ${torch.steps} steps   BLEU ${t.bleu.toFixed(2)}   chrF ${t.chrf.toFixed(2)}`);
  console.log(`  NLP Studio on ${ours.backend}: ${ours.steps} steps   BLEU ${o.bleu.toFixed(2)}   chrF ${o.chrf.toFixed(2)}   (validation BLEU ${ours.bleu?.toFixed(2) ?? '?'})`);
  console.log(`  BLEU ours − PyTorch: ${(o.bleu - t.bleu).toFixed(2)}`);
}

function run(command, args, env = {}, input = null) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: [input === null ? 'ignore' : 'pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ stdout }) : reject(new Error(`${path.basename(command)} ${args.slice(0, 3).join(' ')} … exited with ${code}\n${stderr.slice(-2000)}`))));
    if (input !== null) child.stdin.end(input);
  });
}

function lastLine(text) {
  return text.trim().split('\n').at(-1);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function fmt(n) {
  return Math.round(n).toLocaleString('en-US').padStart(6);
}
