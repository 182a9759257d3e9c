#!/usr/bin/env node
// Endurance: train every model kind in turn, without pause, while a client polls the web host — and watch that
// nothing grows. A leak that costs nothing in a five-minute test shows here as a slope.
//
//   npm run soak [-- --minutes N] [--every S] [--backend auto|wasm|cpu|tensorflow] [--keep]
//
// It starts the built web host (`dist/cli/index.cjs serve`, so `npm run build` first) on a fresh workspace, uploads
// four tiny corpora generated here (text, labelled text, word/TAG, sentence pairs from resources/samples/), and loops
// word2vec (2 Hogwild threads) → recurrent classifier → tagger → language model → seq2seq translator, each a short
// run, deleting each finished run so the workspace stays the same size. Meanwhile a second WebSocket client calls
// runs.list, jobs.list and app.info every second, as an open window would.
//
// Every 5 s it reads the engine's resident memory, JS heap, live tensors and open handles (`app.diagnostics`) and
// the web host's own resident memory, and prints them every --every seconds (default 30). Live tensors are also read after each full cycle of
// the five models, when nothing trains (between runs a leak-free engine holds the same number every time).
//
// Verdict, over the second half of the run (the first half is warm-up: kernels compiled, caches filled, heap
// grown to its working size): the least-squares slope of each series, extrapolated over that half, must stay
// within its tolerance (memory: of its floor, the minimum of each 30 s, since the heap saw-tooths between
// collections) — memory within max(5 % of its median, 24 MiB), open handles within 3, resting tensors
// within 0. Exit code 1 if any series grows, 2 if a training run failed. Default 10 minutes; for the real
// test, 2 hours: `npm run soak -- --minutes 120`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const root = path.resolve(import.meta.dirname, '..');
const { values: flags } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    every: { type: 'string', default: '30' },
    backend: { type: 'string', default: 'auto' },
    keep: { type: 'boolean', default: false },
  },
});
const minutes = Number(flags.minutes);
const every = Number(flags.every);
if (!(minutes > 0)) fail(`--minutes must be a positive number, got ${flags.minutes}`);
if (!(every >= 1)) fail(`--every must be at least 1 (seconds), got ${flags.every}`);
const cliFile = path.join(root, 'dist/cli/index.cjs');
if (!existsSync(cliFile)) fail(`${path.relative(process.cwd(), cliFile)} not found: run \`npm run build\` first`);

const MiB = 1024 * 1024;
/** Diagnostics are read this often (and printed every --every seconds). */
const SAMPLE_EVERY_MS = 5000;
/**
 * Memory is judged on its floor: the minimum of each ENVELOPE_SAMPLES consecutive samples. The heap saw-tooths
 * between collections by tens of MiB; what a leak raises is the level it falls back to.
 */
const ENVELOPE_SAMPLES = 6;
/** How much a series may grow over the second half before it counts as growing. */
const tolerance = {
  engineRss: (median) => Math.max(0.05 * median, 24 * MiB),
  hostRss: (median) => Math.max(0.05 * median, 24 * MiB),
  heapUsed: (median) => Math.max(0.05 * median, 24 * MiB),
  handles: () => 3,
  restingTensors: () => 0,
};

function fail(message) {
  console.error(`soak: ${message}`);
  process.exit(64);
}

// --- tiny corpora, generated so the soak needs nothing but the repository ------------------------------------------

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const pick = (random, list) => list[Math.floor(random() * list.length)];
const nouns = ['cat', 'dog', 'king', 'queen', 'city', 'river', 'house', 'child', 'teacher', 'garden', 'road', 'market'];
const verbs = ['sees', 'likes', 'finds', 'helps', 'watches', 'follows', 'builds', 'visits'];
const adjectives = ['old', 'small', 'green', 'quiet', 'busy', 'bright'];

function sentence(random) {
  return ['the', pick(random, adjectives), pick(random, nouns), pick(random, verbs), 'the', pick(random, nouns)];
}

function corpora() {
  const random = rng(7);
  const text = Array.from({ length: 1500 }, () => sentence(random).join(' ')).join('\n');
  // Questions against statements: the label is visible in the words, so the classifier has something to learn.
  const labelled = ['text\tlabel', ...Array.from({ length: 400 }, (_, i) => (i % 2 ? `does the ${sentence(random).slice(2).join(' ')}\tquestion` : `${sentence(random).join(' ')}\tstatement`))].join('\n');
  const tags = { the: 'AT', sees: 'VBZ', likes: 'VBZ', finds: 'VBZ', helps: 'VBZ', watches: 'VBZ', follows: 'VBZ', builds: 'VBZ', visits: 'VBZ' };
  const tagged = Array.from({ length: 400 }, () => sentence(random).map((w) => `${w}/${tags[w] ?? (adjectives.includes(w) ? 'JJ' : 'NN')}`).join(' ')).join('\n');
  return { text, labelled, tagged };
}

const small = { emb: 16, hidden: 32, vocab: 500 };
const training = { epochs: 2, batch: 16, patience: 0, validationSplit: 0.1, testSplit: 0.1 };
/** The loop: each kind, its corpus, its spec. Tiny sizes: the soak is about repetition, not about one long run. */
const kinds = [
  { name: 'word2vec', corpus: 'text', spec: { model: 'word2vec', config: { dim: 24, epochs: 3, minCount: 1, threads: 2 } } },
  { name: 'classifier', corpus: 'labelled', spec: { model: 'classifier', arch: { ...small, seq: 12 }, training } },
  { name: 'tagger', corpus: 'tagged', spec: { model: 'tagger', arch: { ...small, seq: 12 }, training } },
  { name: 'lm', corpus: 'text', spec: { model: 'lm', arch: { ...small, seq: 8 }, training: { ...training, epochs: 1 } } },
  { name: 'translator', corpus: 'pairs', spec: { model: 'translator', arch: { family: 'seq2seq', ...small, beam: 1 }, training: { ...training, epochs: 1, steps: 40 } } },
];

// --- the web host and a WebSocket client -----------------------------------------------------------------------------

async function startHost(workspace) {
  const args = [cliFile, 'serve', '--port', '0', '--json', '--workspace', workspace, ...(flags.backend !== 'auto' ? ['--backend', flags.backend] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in 60 s:\n${out}\n${stderr}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      resolve(JSON.parse(line).url);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}\n${stderr}`)));
  });
  // Keep reading the host's stdout (the engine's log goes there too) so its pipe never fills up and blocks it.
  child.stdout.resume();
  return { child, url: new URL(url), stderr: () => stderr };
}

/** A minimal client of the contract over the web host's WebSocket: `call(method, input)` and job events. */
async function connect(url) {
  const ws = new WebSocket(`ws://${url.host}/api/ws?token=${url.searchParams.get('token')}`);
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  let nextId = 1;
  const pending = new Map();
  const listeners = new Set();
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (message.type === 'event') return listeners.forEach((l) => l(message.event, message.payload));
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.type === 'result') waiting.resolve(message.output);
    else waiting.reject(Object.assign(new Error(`${message.error.name}: ${message.error.message}`), { data: message.error }));
  });
  ws.on('close', () => pending.forEach((p) => p.reject(new Error('the WebSocket closed'))));
  return {
    call: (method, input = {}) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ type: 'call', id, method, input }));
      }),
    on: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    close: () => ws.close(),
  };
}

async function upload(url, name, body) {
  const res = await fetch(`${url.origin}/api/upload?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${url.searchParams.get('token')}` },
    body,
  });
  if (!res.ok) throw new Error(`upload ${name}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()).handle;
}

/** Resolves with the job's end event (done, failed, cancelled). */
function jobEnd(client, jobId) {
  return new Promise((resolve) => {
    const off = client.on((event, p) => {
      if (event === 'job' && p.jobId === jobId && ['done', 'failed', 'cancelled'].includes(p.type)) {
        off();
        resolve(p);
      }
    });
  });
}

async function importCorpus(client, url, name, body, options) {
  const handle = await upload(url, name, body);
  const { jobId } = await client.call('corpus.import', { files: [handle], options });
  const end = await jobEnd(client, jobId);
  if (end.type !== 'done') throw new Error(`importing ${name}: ${end.type} ${end.error?.message ?? ''}`);
  return end.result.corpus.id;
}

/** Resident memory of a process, from /proc (Linux); null elsewhere. */
async function rssOf(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const kb = status && /VmRSS:\s+(\d+)/.exec(status);
  return kb ? Number(kb[1]) * 1024 : null;
}

// --- statistics ------------------------------------------------------------------------------------------------------

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxx === 0 ? 0 : points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx;
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const mib = (bytes) => (bytes == null ? '—' : `${(bytes / MiB).toFixed(1)} MiB`);

function judge(name, points, format) {
  const spanMinutes = points.length > 1 ? points.at(-1).x - points[0].x : 0;
  const growth = slope(points) * spanMinutes; // fitted change over the second half
  const mid = median(points.map((p) => p.y));
  const allowed = tolerance[name](mid);
  const flat = points.length >= 3 && growth <= allowed;
  const verdict = points.length < 3 ? 'too few samples' : flat ? 'flat' : 'GROWS';
  console.log(`  ${name.padEnd(15)} median ${format(mid).padStart(11)}   change over the 2nd half ${format(growth).padStart(11)} (allowed ${format(allowed)}, ${points.length} points)   ${verdict}`);
  return points.length < 3 ? 'few' : flat ? 'flat' : 'grows';
}

// --- the soak --------------------------------------------------------------------------------------------------------

const workspace = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-soak-'));
const host = await startHost(workspace);
const trainer = await connect(host.url);
const poller = await connect(host.url);
const started = Date.now();
const elapsedMinutes = () => (Date.now() - started) / 60_000;
const deadline = started + minutes * 60_000;
const samples = [];
const resting = [];
const failures = [];
let pollCalls = 0;
let pollErrors = 0;
let runsTrained = 0;
let stopping = false;

console.log(`soak: ${minutes} min, web host ${host.url.origin} (pid ${host.child.pid}), workspace ${workspace}`);
try {
  const { text, labelled, tagged } = corpora();
  const pairs = await readFile(path.join(root, 'resources/samples/tatoeba-eng-fra-2k.tsv'));
  const corpusIds = {
    text: await importCorpus(trainer, host.url, 'soak-text.txt', text, { task: 'text' }),
    labelled: await importCorpus(trainer, host.url, 'soak-labelled.tsv', labelled, { task: 'classification' }),
    tagged: await importCorpus(trainer, host.url, 'soak-tagged.txt', tagged, { task: 'tagging' }),
    pairs: await importCorpus(trainer, host.url, 'soak-pairs.tsv', pairs, { task: 'translation' }),
  };
  const info = await trainer.call('app.info');
  console.log(`backend: ${info.backend.chosen} (${info.backend.device})`);

  // An open window: polls the lists every second.
  const polling = (async () => {
    while (!stopping) {
      await Promise.all(['runs.list', 'jobs.list', 'app.info'].map((m) => poller.call(m).then(() => pollCalls++, () => pollErrors++)));
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();

  let printedAt = -Infinity;
  const sample = async (print = false) => {
    const d = await poller.call('app.diagnostics');
    const row = { t: elapsedMinutes(), engineRss: d.rssBytes, heapUsed: d.heapUsedBytes, tensors: d.tensors, handles: d.handles, hostRss: await rssOf(host.child.pid) };
    samples.push(row);
    if (!print && row.t - printedAt < every / 60 - 1e-6) return;
    printedAt = row.t;
    console.log(
      `${row.t.toFixed(1).padStart(6)} min  engine RSS ${mib(row.engineRss).padStart(10)}  heap ${mib(row.heapUsed).padStart(10)}  tensors ${String(row.tensors ?? '—').padStart(5)}  handles ${String(row.handles).padStart(3)}  host RSS ${mib(row.hostRss).padStart(10)}  runs ${runsTrained}  polls ${pollCalls}`,
    );
  };
  console.log('  time       engine memory, live tensors and handles (app.diagnostics); the web host\'s memory');
  await sample(true);
  const sampler = setInterval(() => void sample().catch((e) => console.error(`sample failed: ${e.message}`)), SAMPLE_EVERY_MS);

  let cycle = 0;
  while (Date.now() < deadline) {
    for (const kind of kinds) {
      if (Date.now() >= deadline) break;
      const { jobId, runId } = await trainer.call('train.start', { corpusId: corpusIds[kind.corpus], spec: kind.spec, name: `soak ${kind.name} ${cycle}` });
      const end = await jobEnd(trainer, jobId);
      if (end.type === 'done') runsTrained++;
      else failures.push(`${kind.name} (cycle ${cycle}): ${end.type} ${end.error?.message ?? ''}`);
      await trainer.call('runs.delete', { id: runId }).catch((e) => failures.push(`deleting ${kind.name}'s run: ${e.message}`));
    }
    cycle++;
    // Between cycles nothing trains: the engine's live tensors should be the same every time.
    const d = await trainer.call('app.diagnostics');
    if (d.tensors !== null) resting.push({ x: elapsedMinutes(), y: d.tensors });
    console.log(`  cycle ${cycle} done at ${elapsedMinutes().toFixed(1)} min: ${d.tensors ?? '—'} live tensors at rest`);
  }
  clearInterval(sampler);
  await sample(true);
  stopping = true;
  await polling;

  const half = minutes / 2;
  const secondHalf = (key) => samples.filter((s) => s.t >= half && s[key] != null).map((s) => ({ x: s.t, y: s[key] }));
  const floor = (points) => {
    const bins = [];
    for (let i = 0; i + ENVELOPE_SAMPLES <= points.length; i += ENVELOPE_SAMPLES) {
      const bin = points.slice(i, i + ENVELOPE_SAMPLES);
      bins.push({ x: (bin[0].x + bin.at(-1).x) / 2, y: Math.min(...bin.map((p) => p.y)) });
    }
    return bins;
  };
  console.log(`\nsoak: ${elapsedMinutes().toFixed(1)} min, ${cycle} cycles, ${runsTrained} runs trained, ${failures.length} failed; ${pollCalls} polling calls (${pollErrors} errors)`);
  console.log(`verdict over the second half (from ${half.toFixed(1)} min):`);
  const verdicts = [
    judge('engineRss', floor(secondHalf('engineRss')), mib),
    judge('heapUsed', floor(secondHalf('heapUsed')), mib),
    judge('hostRss', floor(secondHalf('hostRss')), mib),
    judge('handles', secondHalf('handles'), (v) => v.toFixed(1)),
    judge('restingTensors', resting.filter((p) => p.x >= half), (v) => v.toFixed(1)),
  ];
  const flat = verdicts.every((v) => v === 'flat');
  for (const failure of failures) console.log(`  failed: ${failure}`);
  if (pollErrors > 0) failures.push(`${pollErrors} polling calls failed`);
  const growing = verdicts.includes('grows') ? 'something grows' : verdicts.includes('few') ? 'too short to judge every series (try --minutes 10)' : 'all flat';
  console.log(`soak: ${growing}${failures.length > 0 ? `; ${failures.length} failures` : ''}`);
  process.exitCode = failures.length > 0 ? 2 : flat ? 0 : 1;
} catch (error) {
  console.error(`soak: ${error.stack ?? error}\n${host.stderr()}`);
  process.exitCode = 3;
} finally {
  stopping = true;
  trainer.close();
  poller.close();
  host.child.kill('SIGTERM');
  await new Promise((r) => (host.child.exitCode !== null ? r() : host.child.once('exit', r)));
  if (!flags.keep) await rm(workspace, { recursive: true, force: true });
  else console.log(`kept ${workspace}`);
}
