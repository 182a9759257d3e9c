import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Word2VecConfig } from '../../../../contract/word2vec.ts';
import type { Word2VecConfigInput } from '../../../../contract/word2vec.ts';
import { StudioError } from '../../../../contract/errors.ts';
import { trainWord2Vec } from '../../../../engine/models/word2vec/train.ts';
import type { Word2VecProgress } from '../../../../engine/models/word2vec/train.ts';
import type { KeyedVectors } from '../../../../engine/models/word2vec/keyed-vectors.ts';

const TOPICS = [
  'river lake water boat fish shore rain stream island bridge harbor wave'.split(' '),
  'court judge law trial jury lawyer verdict crime police prison witness appeal'.split(' '),
];

/** Sentences that each draw words from one topic only (seeded LCG, so the file is the same every run). */
async function topicCorpus(sentences: number, extra = ''): Promise<string> {
  let s = 2024;
  const rand = (n: number) => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * n | 0;
  const lines: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const topic = TOPICS[rand(2)];
    lines.push(Array.from({ length: 6 + rand(6) }, () => topic[rand(topic.length)]).join(' '));
  }
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'w2v-train-')), 'tokens.txt');
  await writeFile(file, lines.join('\n') + '\n' + extra);
  return file;
}

async function train(tokensPath: string, config: Word2VecConfigInput, control: Partial<Parameters<typeof trainWord2Vec>[1]> = {}) {
  const events: Word2VecProgress[] = [];
  const kv = await trainWord2Vec(
    { tokensPath, config: Word2VecConfig.parse(config) },
    { signal: new AbortController().signal, onProgress: (p) => events.push(p), ...control },
  );
  return { kv, events };
}

/** Mean cosine of same-topic pairs minus mean cosine of cross-topic pairs. */
function topicSeparation(kv: KeyedVectors): number {
  let same = 0, sameN = 0, cross = 0, crossN = 0;
  for (const [ta, a] of TOPICS.flatMap((t, ti) => t.map((w) => [ti, w] as const))) {
    for (const [tb, b] of TOPICS.flatMap((t, ti) => t.map((w) => [ti, w] as const))) {
      if (a >= b) continue;
      if (ta === tb) (same += kv.similarity(a, b)), sameN++;
      else (cross += kv.similarity(a, b)), crossN++;
    }
  }
  return same / sameN - cross / crossN;
}

const small = { dim: 16, window: 3, minCount: 1, negative: 5, epochs: 5 } as const;

test('threads = 1 is exactly reproducible for a seed, and the seed matters', async () => {
  const file = await topicCorpus(800);
  const a = await train(file, { ...small, seed: 7 });
  const b = await train(file, { ...small, seed: 7 });
  const c = await train(file, { ...small, seed: 8 });
  assert.deepEqual(a.kv.vectors, b.kv.vectors);
  assert.notDeepEqual(a.kv.vectors, c.kv.vectors);
});

for (const mode of ['skipgram', 'cbow'] as const) {
  test(`${mode}: words of the same topic end up closer than words of different topics`, async () => {
    const { kv } = await train(await topicCorpus(3000), { ...small, mode });
    const separation = topicSeparation(kv);
    assert.ok(separation > 0.3, `separation ${separation}`);
    for (const [t, topic] of TOPICS.entries()) {
      for (const word of topic) assert.ok(TOPICS[t].includes(kv.neighbors(word, 1)[0].word), `${word} -> ${kv.neighbors(word, 1)[0].word}`);
    }
  });
}

for (const mode of ['skipgram', 'cbow'] as const) {
  for (const threads of [1, 2]) {
    test(`${mode}, hierarchical softmax alone (negative 0), ${threads} thread${threads > 1 ? 's' : ''}: topics separate`, async () => {
      const { kv, events } = await train(await topicCorpus(3000), { ...small, mode, hs: true, negative: 0, threads }, { progressIntervalMs: 0 });
      const separation = topicSeparation(kv);
      assert.ok(separation > 0.3, `separation ${separation}`);
      assert.ok(events.every((e) => Number.isFinite(e.loss)));
      // With workers, the main thread samples their counters every 10 ms: the first reports can come before any
      // example (loss 0), and on a busy machine one sample may span the whole run (one loss value, nothing to
      // compare). Where the reports saw the loss move, it fell.
      const seen = events.filter((e) => e.loss > 0);
      assert.ok(seen.length > 0, 'a loss was reported');
      if (new Set(seen.map((e) => e.loss)).size > 1) assert.ok(seen[seen.length - 1].loss < seen[0].loss, `loss ${seen[0].loss} -> ${seen[seen.length - 1].loss}`);
    });
  }
}

test('hierarchical softmax beside negative sampling: reproducible with threads = 1, topics separate', async () => {
  const file = await topicCorpus(3000);
  const a = await train(file, { ...small, hs: true, seed: 4 });
  const b = await train(file, { ...small, hs: true, seed: 4 });
  assert.deepEqual(a.kv.vectors, b.kv.vectors);
  const plain = await train(file, { ...small, seed: 4 });
  assert.notDeepEqual(a.kv.vectors, plain.kv.vectors);
  assert.ok(topicSeparation(a.kv) > 0.3, `separation ${topicSeparation(a.kv)}`);
});

for (const threads of [1, 2]) {
  test(`snapshots while training (${threads} thread${threads > 1 ? 's' : ''}): at most one per interval, copies of the vectors as they move`, async () => {
    const file = await topicCorpus(20000);
    const snapshots: { at: number; kv: KeyedVectors }[] = [];
    // Short enough for two snapshots even when two threads finish the run in ~100 ms on a quiet machine.
    const interval = 15;
    const { kv } = await train(file, { ...small, dim: 32, epochs: 40, threads }, {
      snapshotIntervalMs: interval,
      onSnapshot: (snapshot) => snapshots.push({ at: performance.now(), kv: snapshot }),
    });
    assert.ok(snapshots.length >= 2, `${snapshots.length} snapshots`);
    for (const { kv: snap } of snapshots) {
      assert.deepEqual(snap.words, kv.words);
      assert.deepEqual(snap.counts, kv.counts);
      assert.equal(snap.vectors.length, kv.vectors.length);
      assert.ok(!(snap.vectors.buffer instanceof SharedArrayBuffer), 'a snapshot is ordinary memory');
    }
    for (let i = 1; i < snapshots.length; i++) {
      assert.ok(snapshots[i].at - snapshots[i - 1].at >= interval - 1, `snapshots ${i - 1} and ${i} only ${snapshots[i].at - snapshots[i - 1].at} ms apart`);
      assert.notDeepEqual(snapshots[i].kv.vectors, snapshots[i - 1].kv.vectors);
    }
    // Each is a copy: later training did not change the first one.
    assert.notDeepEqual(snapshots[0].kv.vectors, kv.vectors);
  });
}

test('no snapshots without onSnapshot, and a throwing onSnapshot fails the run', async () => {
  const file = await topicCorpus(20000);
  for (const threads of [1, 2]) {
    await assert.rejects(
      train(file, { ...small, epochs: 50, threads }, { snapshotIntervalMs: 10, onSnapshot: () => { throw new Error('explorer failed'); } }),
      /explorer failed/,
    );
  }
});

test('vocabulary and progress: min-count, counts, words over all epochs, decaying lr, falling loss', async () => {
  const file = await topicCorpus(2000, 'rare rare words\n');
  const { kv, events } = await train(file, { ...small, minCount: 2, epochs: 3, alpha: 0.05, minAlpha: 0.001 }, { progressIntervalMs: 0 });
  assert.ok(kv.indexOf('rare') >= 0 && kv.indexOf('words') === -1);
  assert.equal(kv.counts[kv.indexOf('rare')], 2);
  assert.equal(kv.words.length, 25);
  assert.ok(kv.counts.every((c, i) => i === 0 || c <= kv.counts[i - 1]), 'most frequent first');
  const last = events[events.length - 1];
  const tokens = kv.counts.reduce((a, b) => a + b, 0) + 1; // + the dropped "words"
  assert.equal(last.wordsTotal, tokens * 3);
  assert.equal(last.wordsDone, last.wordsTotal);
  assert.equal(last.epoch, 3);
  assert.ok(events.length >= 3, `${events.length} events`);
  for (let i = 1; i < events.length; i++) {
    assert.ok(events[i].wordsDone >= events[i - 1].wordsDone);
    assert.ok(events[i].lr <= events[i - 1].lr);
  }
  assert.ok(events[0].lr <= 0.05 && events[0].lr > 0.04);
  assert.ok(Math.abs(last.lr - 0.001) < 1e-12);
  assert.ok(events.every((e) => Number.isFinite(e.loss) && e.loss > 0 && e.wordsPerSec >= 0));
  assert.ok(last.loss < events[0].loss, `loss ${events[0].loss} -> ${last.loss}`);
});

test('cancellation: a CancelledError, whether aborted before or during training', async () => {
  const file = await topicCorpus(3000);
  const isCancelled = (e: unknown) => e instanceof StudioError && e.name === 'CancelledError';
  const before = new AbortController();
  before.abort();
  await assert.rejects(trainWord2Vec({ tokensPath: file, config: Word2VecConfig.parse(small) }, { signal: before.signal, onProgress: () => {} }), isCancelled);
  for (const threads of [1, 2]) {
    const during = new AbortController();
    let after = 0;
    const run = trainWord2Vec(
      { tokensPath: file, config: Word2VecConfig.parse({ ...small, epochs: 200, threads }) },
      { signal: during.signal, progressIntervalMs: 0, onProgress: () => (during.abort(), after++) },
    );
    await assert.rejects(run, isCancelled);
    assert.ok(after >= 1);
  }
});

test('single-threaded training yields to the event loop between slices', async () => {
  const file = await topicCorpus(20000);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const started = performance.now();
  await train(file, { ...small, dim: 50, epochs: 4 });
  clearInterval(timer);
  const ms = performance.now() - started;
  assert.ok(ms < 150 || ticks >= 3, `${ticks} timer ticks in ${ms.toFixed(0)} ms`);
});

test('threads = 2 (Hogwild workers) trains the same model quality and reports all words', async () => {
  const { kv, events } = await train(await topicCorpus(3000), { ...small, threads: 2 });
  assert.ok(topicSeparation(kv) > 0.3, `separation ${topicSeparation(kv)}`);
  const last = events[events.length - 1];
  assert.equal(last.wordsDone, last.wordsTotal);
});

test('SIMD kernels: reproducible with threads = 1, the same quality, and shared with Hogwild workers', async () => {
  const file = await topicCorpus(3000);
  const a = await train(file, { ...small, seed: 3 }, { kernels: 'simd' });
  const b = await train(file, { ...small, seed: 3 }, { kernels: 'simd' });
  assert.deepEqual(a.kv.vectors, b.kv.vectors);
  assert.ok(topicSeparation(a.kv) > 0.3, `separation ${topicSeparation(a.kv)}`);
  const c = await train(file, { ...small, threads: 2 }, { kernels: 'simd' });
  assert.ok(topicSeparation(c.kv) > 0.3, `separation ${topicSeparation(c.kv)}`);
});

test('a missing tokens file is a NotFoundError', async () => {
  await assert.rejects(train('/nonexistent/tokens.txt', small), (e: unknown) => e instanceof StudioError && e.name === 'NotFoundError');
});

test('a learning rate that makes the vectors NaN stops training with DivergedError (one thread, Hogwild, both kernels)', async () => {
  const file = await topicCorpus(300);
  for (const [threads, kernels] of [[1, 'simd'], [1, 'js'], [2, 'simd']] as const) {
    const events: Word2VecProgress[] = [];
    const error = await trainWord2Vec(
      { tokensPath: file, config: Word2VecConfig.parse({ alpha: 1, dim: 100, epochs: 20, minCount: 1, threads }) },
      { signal: new AbortController().signal, onProgress: (p) => events.push(p), kernels, progressIntervalMs: 1 },
    ).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof StudioError, `${threads} threads, ${kernels}: ${String(error)}`);
    assert.equal(error.name, 'DivergedError');
    assert.match(error.message, /^Training diverged in epoch \d+\/20 \(after \d+ of \d+ words\): the training loss (became NaN|became infinite|exploded)/);
    assert.match(error.message, /lower alpha.*\(now 1;/);
    // No NaN ever reached a progress point (the metrics file and the chart).
    assert.ok(events.every((p) => Number.isFinite(p.loss)));
  }
  // The same corpus at the default rate trains to finite vectors.
  const { kv } = await train(file, { dim: 100, epochs: 2, minCount: 1, threads: 1 });
  assert.ok(kv.vectors.every(Number.isFinite));
});
