/** Canned data for the dev-only mock studio: corpora, a finished run with its metrics, a small vocabulary. */
import type { CorpusInfo, MetricPoint, RunInfo, Word2VecConfig } from '../src/contract.ts';
import { Word2VecConfig as Config } from '../src/contract.ts';

export const defaults: Word2VecConfig = Config.parse({});

const topEnglish = 'the of and to a in that is was he for it with as his on be at by i had not are but from or have an they which one you were her all she there would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three'.split(' ');

export const vocabulary: { word: string; count: number }[] = [
  ...topEnglish.map((word, i) => ({ word, count: Math.round(69_000 / (i + 1) ** 0.9) })),
  ...'king queen prince princess monarch throne royal crown kingdom duke emperor empress woman girl lady boy son daughter father mother husband wife brother sister paris france london england berlin germany rome italy madrid spain cat dog horse animal pet cats dogs puppy kitten'
    .split(' ')
    .map((word, i) => ({ word, count: 400 - i * 5 })),
];
export const known = new Set(vocabulary.map((v) => v.word));

/** Hand-made neighbourhoods so the screenshots look plausible; other words get pseudo-random neighbours. */
export const neighborhoods: Record<string, string[]> = {
  king: ['queen', 'prince', 'monarch', 'throne', 'emperor', 'kingdom', 'royal', 'crown', 'duke', 'princess'],
  queen: ['king', 'princess', 'empress', 'monarch', 'royal', 'throne', 'prince', 'lady', 'crown', 'duke'],
  cat: ['dog', 'kitten', 'cats', 'pet', 'puppy', 'horse', 'animal', 'dogs', 'man', 'little'],
  dog: ['cat', 'puppy', 'dogs', 'horse', 'pet', 'animal', 'kitten', 'cats', 'boy', 'man'],
  paris: ['france', 'london', 'berlin', 'rome', 'madrid', 'england', 'germany', 'italy', 'spain', 'city'],
  woman: ['girl', 'man', 'lady', 'mother', 'wife', 'daughter', 'sister', 'boy', 'her', 'she'],
  man: ['woman', 'boy', 'father', 'husband', 'old', 'son', 'brother', 'people', 'men', 'girl'],
};

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return h >>> 0;
}

export function neighborsOf(word: string, top: number): { word: string; score: number }[] {
  const hand = neighborhoods[word] ?? [];
  const others = vocabulary.map((v) => v.word).filter((w) => w !== word && !hand.includes(w));
  others.sort((a, b) => hash(word + a) - hash(word + b));
  return [...hand, ...others].slice(0, top).map((w, i) => ({ word: w, score: Math.max(-0.2, 0.86 - i * 0.045 - (hash(w) % 100) / 5000) }));
}

export function similarityOf(a: string, b: string): number {
  if (a === b) return 1;
  const i = neighborhoods[a]?.indexOf(b) ?? -1;
  if (i >= 0) return 0.86 - i * 0.045;
  return ((hash([a, b].sort().join(' ')) % 1000) / 1000) * 0.6 - 0.15;
}

/** Loss of a word2vec run at a given fraction of training: a falling curve with a little noise. */
export function metricAt(fraction: number, config: Word2VecConfig, totalWords: number, seconds: number): MetricPoint {
  const epoch = fraction * config.epochs;
  const noise = (((hash(String(Math.round(fraction * 10_000))) % 1000) / 1000) - 0.5) * 0.06;
  return {
    step: Math.round(fraction * totalWords * config.epochs),
    epoch,
    time: fraction * seconds,
    values: {
      loss: 2.05 * Math.exp(-epoch * 0.9) + 0.42 + noise * Math.exp(-epoch * 0.3),
      lr: config.alpha - (config.alpha - config.minAlpha) * fraction,
      wordsPerSec: 452_000 + ((hash(String(Math.round(fraction * 500))) % 40_000) - 20_000),
    },
  };
}

const topWords = vocabulary.slice(0, 50).map(({ word, count }) => ({ word, count }));
const histogram = [
  [1, 5, 2400],
  [6, 10, 5200],
  [11, 20, 14_800],
  [21, 30, 12_100],
  [31, 40, 7900],
  [41, 60, 6300],
  [61, 80, 2100],
  [81, 120, 900],
  [121, 250, 240],
].map(([min, max, count]) => ({ min, max, count }));

export function sampleCorpora(): CorpusInfo[] {
  return [
    {
      id: 'c-brown-0001',
      name: 'Brown corpus',
      createdAt: '2025-11-20T09:12:00.000Z',
      sources: [{ fileName: 'brown.txt', sizeBytes: 6_180_000, encoding: 'utf-8', format: 'text', column: null, documents: 57_340 }],
      tokenizer: 'words',
      lowercase: true,
      task: 'text',
      labels: [],
      stats: { documents: 57_340, tokens: 1_161_192, vocabSize: 49_815, topWords, lengthHistogram: histogram },
    },
    {
      id: 'c-weibo-0002',
      name: '微博 2019 sample',
      createdAt: '2025-11-24T16:40:00.000Z',
      sources: [
        { fileName: 'weibo-2019.csv', sizeBytes: 21_400_000, encoding: 'gb18030', format: 'csv', column: 'content', documents: 120_000 },
        { fileName: 'weibo-extra.jsonl', sizeBytes: 3_900_000, encoding: 'utf-8', format: 'jsonl', column: 'text', documents: 18_500 },
      ],
      tokenizer: 'words',
      lowercase: false,
      task: 'text',
      labels: [],
      stats: {
        documents: 138_500,
        tokens: 4_020_000,
        vocabSize: 88_410,
        topWords: '的 了 是 我 在 不 有 人 这 他 也 就 你 都 说 和 要 会 一个 我们'.split(' ').map((word, i) => ({ word, count: Math.round(160_000 / (i + 1) ** 0.8) })),
        lengthHistogram: histogram.map((b) => ({ ...b, count: Math.round(b.count * 2.1) })),
      },
    },
  ];
}

export function sampleRuns(): { run: RunInfo; metrics: MetricPoint[] }[] {
  const config = { ...defaults, epochs: 5 };
  const metrics = Array.from({ length: 600 }, (_, i) => metricAt((i + 1) / 600, config, 1_161_192, 38));
  return [
    {
      run: {
        id: 'r-brown-sg-0001',
        name: 'Brown · skip-gram 100d',
        corpusId: 'c-brown-0001',
        corpusName: 'Brown corpus',
        status: 'completed',
        createdAt: '2025-11-21T10:00:00.000Z',
        finishedAt: '2025-11-21T10:00:38.000Z',
        backend: 'wasm',
        spec: { model: 'word2vec', config },
        summary: { vocabSize: 15_173, dim: 100, seconds: 38.2, wordsPerSec: 452_118, loss: metrics.at(-1)!.values.loss },
        error: null,
        tags: ['baseline'],
      },
      metrics,
    },
    {
      run: {
        id: 'r-weibo-cb-0002',
        name: '微博 · CBOW 200d',
        corpusId: 'c-weibo-0002',
        corpusName: '微博 2019 sample',
        status: 'failed',
        createdAt: '2025-11-25T08:30:00.000Z',
        finishedAt: '2025-11-25T08:31:12.000Z',
        backend: 'wasm',
        spec: { model: 'word2vec', config: { ...defaults, mode: 'cbow', dim: 200 } },
        summary: null,
        error: { name: 'EngineCrashedError', message: 'The engine process exited with code 134 (out of memory)' },
        tags: [],
      },
      metrics: metrics.slice(0, 140).map((p) => ({ ...p, epoch: p.epoch * 0.6 })),
    },
  ];
}
