#!/usr/bin/env node
// word2vec against gensim, on the Brown corpus, in one run: speed and quality, skip-gram and CBOW.
//
//   npm run bench:word2vec [-- --epochs N] [--modes skipgram,cbow] [--repeat N]
//
// Speed: each trainer is timed as a whole process, from spawn to exit — what a user waits for. Ours includes
// importing the raw text (tokenising, writing tokens.txt) and saving the model; gensim's includes starting
// Python, importing gensim, its own corpus scan and saving. Figures are corpus words × epochs / seconds, and
// the ratio ours / gensim (≥ 1 means we are at least as fast). Both run with 2 threads, the same settings.
// On a busy machine, --repeat N runs each N times, alternating, and keeps each one's fastest run.
//
// Quality: the Spearman rank correlation of cosine similarities over all pairs among a band of frequent words,
// between our vectors and gensim's (seed 1), beside the same figure between gensim seed 1 and seed 2. Two
// gensim runs differ only by chance, so the second figure is the bar: ours should be about as close to gensim
// as gensim is to itself.
//
// Needs the built CLI (`npm run build`) and Debian's /usr/bin/python3 with python3-gensim. The anchor scripts
// are read from ../shared/anchors beside the repository, or from $NLP_STUDIO_ANCHORS.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { anchors, checkPrerequisites, cli, fail, python, root, writeBrownText } from './anchors.mjs';


const { values: flags } = parseArgs({
  options: {
    epochs: { type: 'string', default: '1' },
    modes: { type: 'string', default: 'skipgram,cbow' },
    repeat: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false }, // keep the temporary folder (corpus, vectors) for a look afterwards
  },
});
const epochs = Number(flags.epochs);
if (!Number.isInteger(epochs) || epochs < 1) fail(`--epochs must be a whole number ≥ 1, got ${flags.epochs}`);
const repeat = Number(flags.repeat);
if (!Number.isInteger(repeat) || repeat < 1) fail(`--repeat must be a whole number ≥ 1, got ${flags.repeat}`);
const modes = flags.modes.split(',');
if (modes.some((m) => m !== 'skipgram' && m !== 'cbow')) fail(`--modes takes skipgram and/or cbow, got ${flags.modes}`);
/** The settings both trainers get (gensim's defaults otherwise: sample 1e-3, alpha 0.025 → 0.0001). */
const settings = { dim: 100, window: 5, minCount: 5, negative: 5, threads: 2 };

checkPrerequisites(['brown_text.py', 'word2vec_gensim.py'], 'python3-gensim');

async function main() {
  const brown = path.join(tmp, 'brown.txt');
  writeBrownText(brown);
  // gensim's LineSentence splits each line on white space; count the same way.
  const corpusWords = (await readFile(brown, 'utf8')).split(/\s+/).filter(Boolean).length;
  const ws = path.join(tmp, 'ws');
  const common = ['--dim', settings.dim, '--window', settings.window, '--min-count', settings.minCount, '--negative', settings.negative, '--epochs', epochs].map(String);
  console.log(`word2vec vs gensim on Brown: dim ${settings.dim}, window ${settings.window}, min-count ${settings.minCount}, negative ${settings.negative}, ${settings.threads} threads, ${epochs} epoch${epochs > 1 ? 's' : ''}`);

  const rows = [];
  let ourTokens = 0;
  for (const mode of modes) {
    const sg = mode === 'skipgram' ? '1' : '0';
    const gensim = async (seed) => {
      const save = path.join(tmp, `gensim-${mode}-seed${seed}.txt`);
      const args = [path.join(anchors, 'word2vec_gensim.py'), brown, '--sg', sg, ...common, '--workers', String(settings.threads), '--seed', String(seed), '--save', save];
      const { seconds, cpu, stdout } = await run(python, args);
      return { seconds, cpu, save, report: lastJsonLine(stdout) };
    };
    const outDir = path.join(tmp, `ours-${mode}`);
    const ourArgs = [cli, 'train', 'word2vec', '--corpus', brown, '--tokenizer', 'whitespace', '--mode', mode, ...common, '--threads', String(settings.threads), '--seed', '1', '--out', outDir, '--json', '--workspace', ws];
    let g1, ours;
    for (let r = 1; r <= repeat; r++) {
      const of = repeat > 1 ? ` (${r}/${repeat})` : '';
      progress(`${mode}: gensim, seed 1${of}`);
      const g = await gensim(1);
      progress(`${mode}: ours, import + train + save${of}`);
      await rm(outDir, { recursive: true, force: true });
      const o = await run(process.execPath, ourArgs);
      if (!g1 || g.seconds < g1.seconds) g1 = g;
      if (!ours || o.seconds < ours.seconds) ours = o;
    }
    const report = lastJsonLine(ours.stdout);
    const corpusInfo = JSON.parse(await readFile(path.join(ws, 'corpora', report.corpusId, 'corpus.json'), 'utf8'));
    ourTokens = corpusInfo.stats.tokens;
    progress(`${mode}: gensim, seed 2`);
    const g2 = await gensim(2);
    const oursText = path.join(tmp, `ours-${mode}.txt`);
    await run(process.execPath, [cli, 'export', '--model', outDir, '--format', 'word2vec-text', '--to', oursText]);
    const [vOurs, vG1, vG2] = await Promise.all([oursText, g1.save, g2.save].map(readVectorsText));
    const words = frequentWords(vG1, 50, 100);
    rows.push({
      mode,
      gensimSeconds: g1.seconds,
      gensimCpu: g1.cpu,
      oursCpu: ours.cpu,
      gensimFit: g1.report.seconds,
      gensim2Seconds: g2.seconds,
      oursSeconds: ours.seconds,
      oursTrain: report.seconds,
      vocab: [report.vocabSize, g1.report.vocab],
      pairs: (words.length * (words.length - 1)) / 2,
      rhoOurs: spearman(pairCosines(vOurs, words), pairCosines(vG1, words)),
      rhoGensim: spearman(pairCosines(vG2, words), pairCosines(vG1, words)),
    });
  }
  clearProgress();

  const wps = (seconds) => (corpusWords * epochs) / seconds;
  const k = (x) => `${Math.round(x / 1000).toLocaleString('en-US')}k`;
  console.log(`corpus tokens: ${corpusWords.toLocaleString('en-US')} (gensim's split), ${ourTokens.toLocaleString('en-US')} (our import, --tokenizer whitespace)\n`);
  table(
    ['mode', 'gensim', 'words/s', 'ours', 'words/s', 'ours/gensim', 'ρ ours~g1', 'ρ g2~g1', 'vocab ours/g'],
    rows.map((r) => [
      r.mode,
      `${r.gensimSeconds.toFixed(2)} s`,
      k(wps(r.gensimSeconds)),
      `${r.oursSeconds.toFixed(2)} s`,
      k(wps(r.oursSeconds)),
      `${(r.gensimSeconds / r.oursSeconds).toFixed(2)}×`,
      r.rhoOurs.toFixed(3),
      r.rhoGensim.toFixed(3),
      `${r.vocab[0]}/${r.vocab[1]}`,
    ]),
  );
  console.log(`\nSeconds are whole processes, spawn to exit${repeat > 1 ? `, the fastest of ${repeat} runs each` : ''}. Inside them, the training alone took:`);
  for (const r of rows) {
    console.log(`  ${r.mode}: gensim fit ${r.gensimFit.toFixed(2)} s (seed 2 process: ${r.gensim2Seconds.toFixed(2)} s), ours ${r.oursTrain.toFixed(2)} s of ${r.oursSeconds.toFixed(2)} s`);
  }
  if (rows.some((r) => Number.isFinite(r.oursCpu))) {
    console.log('CPU seconds of the same processes (user + system, all threads; less moved by other load than wall time, not immune):');
    for (const r of rows) console.log(`  ${r.mode}: gensim ${r.gensimCpu.toFixed(2)} s, ours ${r.oursCpu.toFixed(2)} s`);
  }
  console.log('ours/gensim: our words/s over gensim\'s (above 1: we are faster).');
  console.log(`ρ: Spearman correlation of the cosines of all ${rows[0]?.pairs ?? 0} pairs among gensim's frequency ranks 51-150.`);
}

/**
 * Runs a command to its exit; resolves with its stdout, wall seconds and (where /usr/bin/time exists) CPU
 * seconds, user + system, over all its threads — a figure other load on the machine moves less than wall time.
 * Rejects with the command's stderr on failure.
 */
let runs = 0;
function run(command, args) {
  const timeFile = path.join(tmp, `time-${runs++}.txt`);
  const timed = existsSync('/usr/bin/time');
  const [file, argv] = timed ? ['/usr/bin/time', ['-f', '%U %S', '-o', timeFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', async (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`${path.basename(command)} ${args.slice(0, 3).join(' ')} … exited with ${code}\n${stderr.slice(-2000)}`));
      const cpu = timed ? (await readFile(timeFile, 'utf8')).trim().split(/\s+/).map(Number).reduce((a, b) => a + b, 0) : NaN;
      resolve({ stdout, seconds, cpu });
    });
  });
}

function lastJsonLine(stdout) {
  const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (!line) throw new Error(`Expected a JSON line on stdout, got:\n${stdout.slice(-500)}`);
  return JSON.parse(line);
}

/** A word2vec text file as { words, dim, vectors, index }. */
async function readVectorsText(file) {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const [count, dim] = lines[0].trim().split(/\s+/).map(Number);
  const words = [];
  const vectors = new Float64Array(count * dim);
  for (let i = 0; i < count; i++) {
    const parts = lines[i + 1].trimEnd().split(' ');
    words.push(parts[0]);
    for (let c = 0; c < dim; c++) vectors[i * dim + c] = Number(parts[c + 1]);
  }
  return { words, dim, vectors, index: new Map(words.map((w, i) => [w, i])) };
}

/** Words of frequency rank skip+1 .. skip+take (the files list the most frequent first): frequent, but past the function words. */
function frequentWords(v, skip, take) {
  return v.words.slice(skip, skip + take);
}

/** Cosine of every pair (i < j) of `words`, in a fixed order. */
function pairCosines(v, words) {
  const rows = words.map((w) => {
    const i = v.index.get(w);
    if (i === undefined) throw new Error(`"${w}" is missing from one of the vector files`);
    const row = v.vectors.subarray(i * v.dim, (i + 1) * v.dim);
    const norm = Math.hypot(...row);
    return row.map((x) => x / norm);
  });
  const out = [];
  for (let a = 0; a < rows.length; a++) {
    for (let b = a + 1; b < rows.length; b++) {
      let dot = 0;
      for (let c = 0; c < rows[a].length; c++) dot += rows[a][c] * rows[b][c];
      out.push(dot);
    }
  }
  return out;
}

/** Spearman's ρ: the Pearson correlation of the ranks (ties get their mean rank). */
function spearman(x, y) {
  const rank = (values) => {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const ranks = new Array(values.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
      for (let k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2;
      i = j + 1;
    }
    return ranks;
  };
  const [rx, ry] = [rank(x), rank(y)];
  const mean = (rx.length - 1) / 2;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) ** 2;
    syy += (ry[i] - mean) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function table(header, rows) {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  rows.forEach((r) => console.log(line(r)));
}

function progress(message) {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K… ${message}`);
  else process.stderr.write(`… ${message}\n`);
}

function clearProgress() {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}


// Last, so that every declaration above is initialised when main runs.
const tmp = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-bench-w2v-'));
// Ctrl-C reaches the running trainer too (same process group); leave no temporary folder behind.
process.once('SIGINT', () => {
  rmSync(tmp, { recursive: true, force: true });
  process.exit(130);
});
try {
  await main();
} finally {
  if (flags.keep) console.log(`\nFiles kept in ${tmp}`);
  else await rm(tmp, { recursive: true, force: true });
}
