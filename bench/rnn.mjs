#!/usr/bin/env node
// The LSTM language model against PyTorch, on the Brown corpus, in one run: training tokens per second.
//
//   npm run bench:rnn [-- --steps N] [--backend auto|wasm|cpu|tensorflow] [--profile] [--repeat N]
//
// The anchor is ../shared/anchors/lstm_lm_torch.py (Debian's python3-torch, 2 threads): Embedding(10000, 128) →
// LSTM(128, 256) → Linear(256, 10000), Adam 1e-3, batches of 32 × 35 tokens; tokens/s over its timed steps after
// 3 warm-up steps. Ours is `nlp-studio train lm` with the same sizes (`--vocab 10000 --emb 128 --hidden 256 --seq 35
// --batch 32 --steps N`), on the backend chosen as a user's would be unless --backend forces one; its tokens/s are
// over all its steps, first one included (so slightly pessimistic). Its model also has dropout 0.2 (our default)
// and clips the gradient norm at 5 (our default), which the anchor does not. Ours validates and tests at the end
// on 1 % splits each (the defaults would spend a minute evaluating); that time is not in the figure.
//
// --profile: also profile our step 3 kernel by kernel (tf.profile) and print where its time goes.
// Memory: live tensors and resident memory every 100 steps (and first and last) from the run's diagnostics.json;
// run with --steps 1000 to see them stay flat.
//
// Needs the built CLI (`npm run build`) and /usr/bin/python3 with python3-torch. Anchors from ../shared/anchors
// beside the repository, or $NLP_STUDIO_ANCHORS.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { anchors, checkPrerequisites, cli, fail, python, root, writeBrownText } from './anchors.mjs';


const { values: flags } = parseArgs({
  options: {
    steps: { type: 'string', default: '30' },
    backend: { type: 'string', default: 'auto' },
    profile: { type: 'boolean', default: false },
    repeat: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
const steps = Number(flags.steps);
if (!Number.isInteger(steps) || steps < 4) fail(`--steps must be a whole number ≥ 4, got ${flags.steps}`);
const repeat = Number(flags.repeat);
if (!Number.isInteger(repeat) || repeat < 1) fail(`--repeat must be a whole number ≥ 1, got ${flags.repeat}`);
const sizes = { vocab: 10000, emb: 128, hidden: 256, seq: 35, batch: 32 };

checkPrerequisites(['brown_text.py', 'lstm_lm_torch.py'], 'python3-torch');

const tmp = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-bench-rnn-'));
try {
  await main();
} finally {
  if (!flags.keep) await rm(tmp, { recursive: true, force: true });
  else console.log(`kept ${tmp}`);
}

async function main() {
  const brown = path.join(tmp, 'brown.txt');
  writeBrownText(brown);
  const sizeFlags = Object.entries(sizes).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const torchRuns = [];
  const ourRuns = [];
  for (let r = 0; r < repeat; r++) {
    // PyTorch: `steps` timed steps after its 3 warm-up steps.
    const torch = JSON.parse(lastLine((await run(python, [path.join(anchors, 'lstm_lm_torch.py'), brown, ...sizeFlags, '--steps', String(steps), '--threads', '2'])).stdout));
    torchRuns.push(torch);
    const ws = path.join(tmp, `ws-${r}`);
    const ours = JSON.parse(
      lastLine(
        (await run(process.execPath, [cli, 'train', 'lm', '--data', brown, '--arch', 'lstm', ...sizeFlags, '--steps', String(steps), '--val-split', '0.01', '--test-split', '0.01', '--json', '--workspace', ws, '--backend', flags.backend], flags.profile ? { NLP_STUDIO_PROFILE_STEP: '3' } : {})).stdout,
      ),
    );
    ours.diagnostics = JSON.parse(await readFile(path.join(ours.outDir, 'diagnostics.json'), 'utf8'));
    ourRuns.push(ours);
  }
  const torch = torchRuns.reduce((a, b) => (b.tokens_per_sec > a.tokens_per_sec ? b : a));
  const ours = ourRuns.reduce((a, b) => (b.tokensPerSec > a.tokensPerSec ? b : a));

  console.log(`LSTM language model, Brown corpus, vocab ${sizes.vocab}, emb ${sizes.emb}, hidden ${sizes.hidden}, seq ${sizes.seq}, batch ${sizes.batch}, ${steps} steps${repeat > 1 ? `, fastest of ${repeat} runs each` : ''}`);
  console.log(`  PyTorch ${torch.version} (${torch.threads} threads)   ${fmt(torch.tokens_per_sec)} tokens/s   final loss ${torch.final_loss}`);
  console.log(`  NLP Studio on ${ours.backend.padEnd(10)}   ${fmt(ours.tokensPerSec)} tokens/s   final loss ${ours.loss?.toFixed(3) ?? '?'}`);
  console.log(`  ratio ours / PyTorch: ${(ours.tokensPerSec / torch.tokens_per_sec).toFixed(2)}`);

  const memory = ours.diagnostics.memory;
  console.log(`\nMemory (ours): step, live tensors, resident MB`);
  for (const m of memory) console.log(`  ${String(m.step).padStart(6)} ${String(m.tensors).padStart(8)} ${(m.rssBytes / 2 ** 20).toFixed(0).padStart(8)}`);

  const profile = ours.diagnostics.profile;
  if (profile) {
    const total = profile.kernels.reduce((a, k) => a + k.ms, 0);
    console.log(`\nProfile of step ${profile.step} (ours, ${ours.backend}): ${profile.wallMs.toFixed(0)} ms wall, ${total.toFixed(0)} ms in kernels`);
    for (const k of profile.kernels.slice(0, 20)) console.log(`  ${k.kernel.padEnd(32)} ${String(k.calls).padStart(6)} calls ${k.ms.toFixed(1).padStart(9)} ms ${((100 * k.ms) / total).toFixed(1).padStart(5)} %`);
  }
}

function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ stdout }) : reject(new Error(`${path.basename(command)} ${args.slice(0, 3).join(' ')} … exited with ${code}\n${stderr.slice(-2000)}`))));
  });
}

function lastLine(text) {
  return text.trim().split('\n').at(-1);
}

function fmt(n) {
  return Math.round(n).toLocaleString('en-US').padStart(7);
}

