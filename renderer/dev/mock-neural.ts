/** Canned data for the dev-only mock studio's recurrent models: corpora with labels/tags, runs, reports, predictions. */
import type { CorpusInfo, MetricPoint, ModelSummary, NeuralSpec, Prediction, RunInfo, RunReport, TrainSpec } from '../src/contract.ts';
import { RnnArch, TrainingConfig } from '../src/contract.ts';

export type NeuralModel = 'classifier' | 'tagger' | 'lm';
/** The mock's flat view of a recurrent run's settings: the architecture (`cell`, …) beside the training settings. */
export type RnnConfig = Omit<RnnArch, 'family'> & TrainingConfig;
export const rnnDefaults: RnnConfig = { ...RnnArch.parse({}), ...TrainingConfig.parse({}) };
/** A recurrent spec from the mock's flat settings, and back. */
export function rnnSpec(model: NeuralModel, c: RnnConfig): NeuralSpec {
  const { optimizer, batch, epochs, steps, minutes, labelSmoothing, patience, validationSplit, testSplit, seed, ...arch } = c;
  const training = { optimizer, batch, epochs, labelSmoothing, patience, validationSplit, testSplit, seed, ...(steps ? { steps } : {}), ...(minutes ? { minutes } : {}) };
  return { model, arch: { family: 'rnn', ...arch }, training } as NeuralSpec;
}
export function flatConfig(spec: NeuralSpec): RnnConfig {
  const { family: _, ...arch } = spec.arch as RnnArch;
  return { ...rnnDefaults, ...arch, ...spec.training };
}

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return h >>> 0;
}
const noise = (seed: string) => ((hash(seed) % 1000) / 1000 - 0.5) * 2;

export const newsLabels = ['World', 'Sports', 'Business', 'Sci/Tech'];
export const posTags = ['NOUN', 'VERB', 'DET', 'ADP', 'ADJ', 'PRON', 'ADV', '.', 'CONJ', 'NUM'];

/**
 * One training metric point of a neural run at `fraction` of training, with the engine's key names
 * (engine/training/sequence-run.ts): every step loss, lr, tokensPerSec, gradNorm (+ perplexity for lm); validation
 * values once per `valEvery` points: valLoss, valAccuracy + macroF1 (classifier), valAccuracy + tagAccuracy
 * (tagger), valPerplexity (lm) — the engine sends those as a separate point, this mock merges them.
 */
export function neuralMetricAt(model: NeuralModel, fraction: number, config: RnnConfig, seconds: number, i: number, valEvery = 50): MetricPoint {
  const epoch = fraction * config.epochs;
  const n = noise(`${model}${i}`) * 0.08 * Math.exp(-epoch * 0.4);
  const loss = model === 'lm' ? 5.6 * Math.exp(-epoch * 0.7) + 4.1 + n : 1.35 * Math.exp(-epoch * 1.1) + 0.18 + n;
  const warm = config.optimizer.warmupSteps > 0 ? Math.min(1, (fraction * 4000) / config.optimizer.warmupSteps) : 1;
  const decay = config.optimizer.schedule === 'cosine' ? 0.5 * (1 + Math.cos(Math.PI * fraction)) : config.optimizer.schedule === 'linear' ? 1 - fraction : 1;
  const values: Record<string, number> = {
    loss,
    lr: config.optimizer.lr * warm * decay,
    tokensPerSec: 18_500 + noise(`t${Math.round(fraction * 300)}`) * 1500,
    gradNorm: 2.5 * Math.exp(-epoch * 0.5) + 0.4 + Math.abs(n) * 3,
  };
  if (model === 'lm') values.perplexity = Math.exp(loss);
  if (i % valEvery === valEvery - 1) {
    const valLoss = loss + 0.05 + 0.02 * epoch * epoch * (model === 'lm' ? 0.3 : 0.2);
    values.valLoss = valLoss;
    if (model === 'classifier') {
      values.valAccuracy = Math.min(0.99, 0.9 - 0.6 * Math.exp(-epoch * 1.3) - 0.004 * epoch);
      values.macroF1 = values.valAccuracy - 0.02;
    }
    if (model === 'tagger') values.tagAccuracy = values.valAccuracy = Math.min(0.995, 0.94 - 0.7 * Math.exp(-epoch * 1.6));
    if (model === 'lm') values.valPerplexity = Math.exp(valLoss);
  }
  return { step: i + 1, epoch, time: fraction * seconds, values };
}

export function neuralSeries(model: NeuralModel, config: RnnConfig, points: number, seconds: number, until = 1): MetricPoint[] {
  const valEvery = Math.max(1, Math.round(points / (config.epochs * 4)));
  return Array.from({ length: Math.round(points * until) }, (_, i) => neuralMetricAt(model, (i + 1) / points, config, seconds, i, valEvery));
}

export function modelSummary(spec: TrainSpec, corpus: CorpusInfo): ModelSummary {
  if (spec.model === 'word2vec') {
    const p = corpus.stats.vocabSize * spec.config.dim;
    return { layers: [{ name: 'input', type: 'Embedding', outputShape: `[${corpus.stats.vocabSize}, ${spec.config.dim}]`, params: p }], totalParams: 2 * p, trainableParams: 2 * p };
  }
  const c = flatConfig(spec);
  const vocab = Math.min(c.vocab, c.level === 'char' ? 300 : corpus.stats.vocabSize);
  const dirs = c.bidirectional && spec.model !== 'lm' ? 2 : 1;
  const gates = c.cell === 'lstm' ? 4 : c.cell === 'gru' ? 3 : 1;
  const layers: ModelSummary['layers'] = [{ name: 'embedding', type: 'Embedding', outputShape: `[B, ${c.seq}, ${c.emb}]`, params: vocab * c.emb }];
  let input = c.emb;
  for (let l = 0; l < c.layers; l++) {
    const last = l === c.layers - 1 && spec.model === 'classifier';
    layers.push({
      name: `${c.cell}_${l + 1}`,
      type: `${dirs === 2 ? 'Bidirectional ' : ''}${c.cell.toUpperCase()}`,
      outputShape: last ? `[B, ${c.hidden * dirs}]` : `[B, ${c.seq}, ${c.hidden * dirs}]`,
      params: dirs * gates * (c.hidden * (input + c.hidden) + c.hidden),
    });
    input = c.hidden * dirs;
    if (c.dropout > 0) layers.push({ name: `dropout_${l + 1}`, type: 'Dropout', outputShape: last ? `[B, ${input}]` : `[B, ${c.seq}, ${input}]`, params: 0 });
  }
  const out = spec.model === 'classifier' ? newsLabels.length : spec.model === 'tagger' ? posTags.length : vocab;
  layers.push({
    name: 'output',
    type: 'Dense (softmax)',
    outputShape: spec.model === 'classifier' ? `[B, ${out}]` : `[B, ${c.seq}, ${out}]`,
    params: input * out + out,
  });
  const totalParams = layers.reduce((s, l) => s + l.params, 0);
  const frozen = c.embeddings && !c.embeddings.trainable ? layers[0].params : 0;
  return { layers, totalParams, trainableParams: totalParams - frozen };
}

const examples = [
  'Oil prices climb as OPEC weighs output cuts',
  'Apple unveils a faster chip for its laptops',
  'Champions League: late goal sends holders through',
  'Central bank holds rates, signals patience',
  'NASA probe sends first images from Jupiter moon',
  'Election results delayed in three provinces',
];

export function classifierReport(config: RnnConfig, final: boolean): RunReport {
  const matrix = [
    [1712, 41, 88, 59],
    [22, 1851, 14, 13],
    [97, 19, 1601, 183],
    [64, 11, 162, 1663],
  ];
  const perClass = newsLabels.map((label, i) => {
    const tp = matrix[i][i];
    const support = matrix[i].reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, row) => a + row[i], 0);
    const precision = tp / predicted;
    const recall = tp / support;
    return { label, precision, recall, f1: (2 * precision * recall) / (precision + recall), support };
  });
  const confusionExamples = newsLabels.flatMap((actual, i) =>
    newsLabels.flatMap((predicted, j) =>
      i === j ? [] : examples.filter((_, k) => hash(actual + predicted + k) % 3 === 0).map((text) => ({ actual, predicted, text })),
    ),
  );
  return {
    confusion: final ? { labels: newsLabels, matrix, examples: confusionExamples } : null,
    perClass: final ? perClass : null,
    samples: Array.from({ length: config.epochs }, (_, e) => ({
      epoch: e + 1,
      text: `“${examples[e % examples.length]}” → ${newsLabels[(e + 2) % 4]} (${(0.52 + e * 0.09).toFixed(2)})`,
    })),
    test: final ? { accuracy: 0.8846, macroF1: 0.8839, loss: 0.3381 } : null,
    summary: null,
    translations: [],
    attention: null,
  };
}

export function taggerReport(config: RnnConfig, final: boolean): RunReport {
  return {
    confusion: null,
    perClass: final
      ? posTags.map((label, i) => ({ label, precision: 0.97 - i * 0.012, recall: 0.965 - i * 0.01, f1: 0.967 - i * 0.011, support: 24_000 - i * 2000 }))
      : null,
    samples: Array.from({ length: Math.min(config.epochs, 3) }, (_, e) => ({ epoch: e + 1, text: 'The/DET jury/NOUN said/VERB it/PRON did/VERB find/VERB that/ADP …' })),
    test: final ? { tagAccuracy: 0.9512, loss: 0.1733 } : null,
    summary: null,
    translations: [],
    attention: null,
  };
}

const lmSamples = [
  'the the of and the to a in the of the',
  'the man said that he was not to be the first of the',
  'the old man said that he had never seen the house before , and she was',
  'the old man looked at the house and said that he had not been there since the war .',
];

export function lmReport(config: RnnConfig, final: boolean): RunReport {
  return {
    confusion: null,
    perClass: null,
    samples: Array.from({ length: config.epochs }, (_, e) => ({ epoch: e + 1, text: lmSamples[Math.min(e, lmSamples.length - 1)] })),
    test: final ? { perplexity: 142.7, loss: Math.log(142.7) } : null,
    summary: null,
    translations: [],
    attention: null,
  };
}

export function reportFor(model: NeuralModel, config: RnnConfig, final: boolean, epochsDone = config.epochs): RunReport {
  const report = model === 'classifier' ? classifierReport(config, final) : model === 'tagger' ? taggerReport(config, final) : lmReport(config, final);
  return { ...report, samples: report.samples.slice(0, epochsDone) };
}

export function predict(model: 'classifier' | 'tagger', text: string): Prediction {
  if (model === 'classifier') {
    const raw = newsLabels.map((label) => ({ label, w: Math.exp((hash(label + text) % 1000) / 250) }));
    const sum = raw.reduce((s, r) => s + r.w, 0);
    const probabilities = raw.map((r) => ({ label: r.label, p: r.w / sum })).sort((a, b) => b.p - a.p);
    return { task: 'classifier', label: probabilities[0].label, probabilities };
  }
  const tokens = text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];
  return {
    task: 'tagger',
    tokens: tokens.map((token) => ({
      token,
      tag: /^[^\p{L}\p{N}]$/u.test(token) ? '.' : /^(the|a|an)$/i.test(token) ? 'DET' : posTags[hash(token.toLowerCase()) % 7],
      p: 0.55 + (hash(token) % 45) / 100,
    })),
  };
}

export function generate(prompt: string, maxTokens: number, temperature: number, topK: number): string {
  const words = 'the old man said that he had never seen a house like it before , and she was not sure what to do . then they walked into the town where the people were waiting for news of the war'.split(' ');
  const out: string[] = [];
  let h = hash(`${prompt}${temperature}${topK}`);
  for (let i = 0; i < maxTokens; i++) {
    h = Math.imul(h ^ (i + 1), 16777619) >>> 0;
    const spread = Math.max(1, Math.round(temperature * 6));
    out.push(words[(i + (h % spread)) % words.length]);
  }
  return out.join(' ');
}

export function neuralCorpora(base: CorpusInfo): CorpusInfo[] {
  return [
    {
      ...base,
      id: 'c-agnews-0003',
      name: 'AG News (4 classes)',
      createdAt: '2025-11-26T11:05:00.000Z',
      sources: [{ fileName: 'ag_news_train.csv', sizeBytes: 29_470_000, encoding: 'utf-8', format: 'csv', column: 'text', documents: 120_000 }],
      task: 'classification',
      labels: newsLabels.map((word, i) => ({ word, count: 30_000 - i * 1200 })),
      stats: { ...base.stats, documents: 120_000, tokens: 4_610_000, vocabSize: 64_212 },
    },
    {
      ...base,
      id: 'c-brownpos-0004',
      name: 'Brown POS (universal tags)',
      createdAt: '2025-11-27T09:45:00.000Z',
      sources: [{ fileName: 'brown-universal.txt', sizeBytes: 9_870_000, encoding: 'utf-8', format: 'text', column: null, documents: 57_340 }],
      task: 'tagging',
      labels: posTags.map((word, i) => ({ word, count: Math.round(275_000 / (i + 1) ** 0.9) })),
    },
  ];
}

export function neuralRuns(): { run: RunInfo; metrics: MetricPoint[]; report: RunReport }[] {
  const cls: RnnConfig = { ...rnnDefaults, cell: 'lstm', bidirectional: true, epochs: 6, optimizer: { ...rnnDefaults.optimizer, schedule: 'cosine', warmupSteps: 400 } };
  const lm: RnnConfig = { ...rnnDefaults, cell: 'gru', layers: 2, epochs: 4, seq: 35 };
  const tag: RnnConfig = { ...rnnDefaults, cell: 'gru', bidirectional: true, epochs: 8 };
  const base = { backend: 'wasm' as const, error: null, finishedAt: null };
  return [
    {
      // 100,000 points: the dashboard must stay smooth with a long history (chart.js decimation).
      run: { ...base, id: 'r-agnews-lstm-0003', name: 'AG News · BiLSTM (100k steps)', corpusId: 'c-agnews-0003', corpusName: 'AG News (4 classes)', status: 'completed',
        createdAt: '2025-11-26T12:00:00.000Z', finishedAt: '2025-11-26T14:47:00.000Z', spec: rnnSpec('classifier', cls),
        summary: { testAccuracy: 0.8846, testMacroF1: 0.8839, testLoss: 0.3381, params: 2_951_684, vocabSize: 20_000, epochs: 6, earlyStopped: 0, tokensPerSec: 18_420, seconds: 10_020 }, tags: ['baseline', 'bilstm'] },
      metrics: neuralSeries('classifier', cls, Number(new URLSearchParams(location.search).get('points') ?? 100_000), 10_020),
      report: reportFor('classifier', cls, true),
    },
    {
      run: { ...base, id: 'r-brown-lm-0005', name: 'Brown · GRU language model', corpusId: 'c-brown-0001', corpusName: 'Brown corpus', status: 'completed',
        createdAt: '2025-11-27T08:00:00.000Z', finishedAt: '2025-11-27T08:41:00.000Z', spec: rnnSpec('lm', lm),
        summary: { testPerplexity: 142.7, testLoss: Math.log(142.7), params: 6_420_000, vocabSize: 20_000, epochs: 4, earlyStopped: 0, tokensPerSec: 19_100, seconds: 2460 }, tags: ['lm'] },
      metrics: neuralSeries('lm', lm, 4000, 2460),
      report: reportFor('lm', lm, true),
    },
    {
      run: { ...base, id: 'r-brownpos-gru-0006', name: 'Brown POS · BiGRU tagger', corpusId: 'c-brownpos-0004', corpusName: 'Brown POS (universal tags)', status: 'paused',
        createdAt: '2025-11-28T15:10:00.000Z', spec: rnnSpec('tagger', tag), summary: null, tags: ['pos'] },
      metrics: neuralSeries('tagger', tag, 3000, 1500, 0.4),
      report: reportFor('tagger', tag, false, 3),
    },
  ];
}
