/**
 * Seq2Seq with attention (engine/models/seq2seq/) on the seam: translation. Reads a translation corpus's pairs,
 * splits them (seeded), builds a vocabulary per side (or one shared), and reports corpus BLEU and chrF (as
 * sacreBLEU computes them, on detokenised text) and exact match from greedy translations of held-out sentences;
 * after every epoch, a few held-out sentences translated beside their references and the attention of one of them.
 */
import * as tf from '@tensorflow/tfjs';
import { metricsSection } from '../export/model-card.ts';
import type { CorpusInfo } from '../../contract/corpus.ts';
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import type { AttentionMap, TranslateRequest, Translation } from '../../contract/models.ts';
import type { NeuralSpec, NeuralTask } from '../../contract/runs.ts';
import type { Seq2SeqArch } from '../../contract/seq2seq.ts';
import { detokenize } from '../data/detokenize.ts';
import { readPairs } from '../data/parallel-corpus.ts';
import { createTokenizer } from '../data/tokenize.ts';
import { beamSearch, greedyDecode } from '../decoding/search.ts';
import type { Hypothesis } from '../decoding/step-decoder.ts';
import { corpusBleu } from '../evaluation/bleu.ts';
import { corpusChrf } from '../evaluation/chrf.ts';
import { exactMatch } from '../evaluation/exact-match.ts';
import { readNamedWeights, writeNamedWeights } from '../export/weights-export.ts';
import { pairBatches, withinLength, type Pair, type PairBatch } from '../models/seq2seq/batches.ts';
import { Seq2Seq } from '../models/seq2seq/seq2seq.ts';
import { splitExamples } from '../models/rnn/batches.ts';
import { BOS, EOS, SPECIALS, Vocab, type Level } from '../models/rnn/vocab.ts';
import { seededRandom } from '../random.ts';
import type { CardFacts, ModelFamily, ModelMeta, PreparedData, SplitCorpora } from './family.ts';
import { checkSplits } from '../training/data-checks.ts';
import { coverageNote, fillEmbeddings, prepareVectors } from './pretrained-embeddings.ts';

/** What a trained translator keeps besides its weights (`family.json`). */
export interface Seq2SeqMeta extends ModelMeta {
  family: 'seq2seq';
  task: 'translator';
  arch: Seq2SeqArch;
  sourceVocab: { level: Level; tokens: string[] };
  targetVocab: { level: Level; tokens: string[] };
  /** The corpus sides' languages (detokenisation follows the target's conventions, e.g. French spacing). */
  sourceLanguage: string;
  targetLanguage: string;
}

/** A batch of pairs with their tokens as read from the corpus, for BLEU against the real references. */
export interface TranslatorBatch extends PairBatch {
  sources: string[][];
  references: string[][];
}

/** Held-out sentences scored with BLEU/chrF each epoch: enough for a stable figure, few enough to stay cheap. */
const VALIDATION_SENTENCES = 500;
/** Sentences a batch of greedy or beam translations holds. */
const DECODE_BATCH = 64;
const SHOWCASE = 5;

function checkCorpus(corpus: CorpusInfo, task: NeuralTask, role?: string): void {
  if (task !== 'translator') throw new StudioError('ValidationError', userText('Seq2Seq models translate: they do not learn {task}', { task }));
  if (corpus.task !== 'translation') {
    const name = corpus.name;
    throw new StudioError('ValidationError', role ? userText('{role} "{name}" has no sentence pairs: import it for the translation task', { role, name }) : userText('Corpus "{name}" has no sentence pairs: import it for the translation task', { name }));
  }
}

const archOf = (spec: NeuralSpec): Seq2SeqArch => {
  if (spec.arch.family !== 'seq2seq' || spec.model !== 'translator') throw new StudioError('ValidationError', userText('Seq2Seq models translate: they do not learn {task}', { task: spec.model }));
  return spec.arch;
};

/** Word or character units of a side, as its vocabulary reads them. */
const encoderFor = (vocab: Vocab) => (tokens: string[]) => vocab.encode(tokens);

/** Before a run: pairs, enough of them for the splits (engine/training/data-checks.ts). */
function check(corpus: CorpusInfo, spec: NeuralSpec, splits: SplitCorpora): string[] {
  archOf(spec);
  checkCorpus(corpus, spec.model);
  for (const [given, role] of [[splits.validation, userText('Validation corpus')], [splits.test, userText('Test corpus')]] as const) if (given) checkCorpus(given, spec.model, role);
  return checkSplits(corpus, corpus.pairs?.count ?? corpus.stats.documents, 'pairs', spec.training, splits);
}

async function prepare(ctx: Parameters<ModelFamily['prepare']>[0], corpus: CorpusInfo, spec: NeuralSpec, fixed: Seq2SeqMeta | null, splits: { validation?: CorpusInfo; test?: CorpusInfo }): Promise<PreparedData<TranslatorBatch, Seq2SeqMeta>> {
  const arch = archOf(spec);
  const { training } = spec;
  checkCorpus(corpus, spec.model);
  const read = async (c: CorpusInfo) => {
    const p = await readPairs(ctx.ws.corpusDir(c.id));
    return p.source.map((source, i) => ({ source, target: p.target[i] }));
  };
  const all = await read(corpus);
  // A validation or test corpus given replaces that random split (its fraction is then ignored).
  const random = splitExamples(all, splits.validation ? 0 : training.validationSplit, splits.test ? 0 : training.testSplit, training.seed);
  const split = {
    train: random.train,
    val: splits.validation ? await read(splits.validation) : random.val,
    test: splits.test ? await read(splits.test) : random.test,
  };
  if (split.train.length === 0) throw new StudioError('ValidationError', userText('No training pairs are left after the validation and test splits'));
  let sourceVocab: Vocab;
  let targetVocab: Vocab;
  if (fixed) {
    sourceVocab = Vocab.fromJSON(fixed.sourceVocab);
    targetVocab = Vocab.fromJSON(fixed.targetVocab);
  } else if (arch.sharedVocab) {
    sourceVocab = targetVocab = Vocab.build([...split.train.map((p) => p.source), ...split.train.map((p) => p.target)], arch.level, arch.vocab);
  } else {
    sourceVocab = Vocab.build(split.train.map((p) => p.source), arch.level, arch.vocab);
    targetVocab = Vocab.build(split.train.map((p) => p.target), arch.level, arch.vocab);
  }
  const meta: Seq2SeqMeta = {
    family: 'seq2seq', task: 'translator', arch, training,
    sourceVocab: sourceVocab.toJSON(), targetVocab: targetVocab.toJSON(),
    tokenizer: corpus.tokenizer, lowercase: corpus.lowercase,
    sourceLanguage: fixed?.sourceLanguage ?? corpus.pairs?.sourceLanguage ?? 'source',
    targetLanguage: fixed?.targetLanguage ?? corpus.pairs?.targetLanguage ?? 'target',
  };
  if (!fixed) await prepareVectors(ctx, meta, arch.embeddings, arch.emb);
  const src = encoderFor(sourceVocab);
  const tgt = encoderFor(targetVocab);
  type Tokens = { source: string[]; target: string[] };
  const encode = (pairs: Tokens[]): Pair[] => pairs.map((p) => ({ source: src(p.source), target: tgt(p.target) }));
  // Batches keep each pair's tokens: BLEU is scored against the real references, not their <unk>-mapped ids.
  const batches = (pairs: Tokens[], random: (() => number) | null): TranslatorBatch[] => {
    const encoded = encode(pairs);
    const kept = encoded.map((_, i) => i).filter((i) => withinLength([encoded[i]], arch.maxLength).length === 1);
    return pairBatches(kept.map((i) => encoded[i]), training.batch, random).map((b) => {
      const rows = b.indices.map((i) => pairs[kept[i]]);
      return { ...b, sources: rows.map((r) => r.source), references: rows.map((r) => r.target) };
    });
  };
  const train = split.train;
  const held = split.val.length > 0 ? split.val : split.train;
  return {
    meta,
    train: (epoch) => batches(train, seededRandom(training.seed * 1000 + epoch)),
    val: batches(split.val.slice(0, Math.max(VALIDATION_SENTENCES, 0)), null),
    test: batches(split.test, null),
    showcase: held.slice(0, SHOWCASE).map((p) => ({ text: p.source.join(' '), expected: p.target.join(' ') })),
  };
}

/** A side's tokens as text: detokenised words (with the language's spacing), or characters as they are. */
function textOf(units: string[], level: Level, language: string): string {
  return level === 'char' ? units.join('') : detokenize(units, { language });
}

/** Target units of a hypothesis (specials dropped). */
const unitsOf = (vocab: Vocab, ids: number[]) => ids.filter((i) => i >= 4).map((i) => vocab.tokens[i] ?? '<unk>');

/** Translate token arrays in batches: greedy (beam 1) or beam search. */
function decode(model: Seq2Seq, meta: Seq2SeqMeta, sources: number[][], beam: number, lengthPenalty: number, maxLength?: number): Hypothesis[] {
  const options = { bos: BOS, eos: EOS, maxLength: maxLength ?? ((n: number) => 2 * n + 10) };
  const out: Hypothesis[] = [];
  for (let i = 0; i < sources.length; i += DECODE_BATCH) {
    const slice = sources.slice(i, i + DECODE_BATCH).map((s) => (s.length > 0 ? s : [1])); // an empty source reads as <unk>
    out.push(...(beam <= 1 ? greedyDecode(model, slice, options) : beamSearch(model, slice, { ...options, beam, lengthPenalty })));
  }
  return out;
}

/** The attention of a translation as the heatmap draws it: a row per target token (and `</s>`), a column per source unit. */
function attentionMap(sourceUnits: string[], targetUnits: string[], h: Hypothesis, epoch?: number): AttentionMap {
  const target = h.finished ? [...targetUnits, '</s>'] : targetUnits;
  const weights = h.attention.slice(0, target.length).map((row) => row.slice(0, sourceUnits.length).map((w) => Math.round(w * 1e4) / 1e4));
  return { ...(epoch !== undefined ? { epoch } : {}), source: sourceUnits, target, weights };
}

/** Loss, BLEU, chrF and exact match on held-out batches: greedy for validation, the arch's beam for the test. */
async function evaluate(model: Seq2Seq, meta: Seq2SeqMeta, batches: TranslatorBatch[], purpose: 'validation' | 'test') {
  const beam = purpose === 'test' ? meta.arch.beam ?? 1 : 1;
  const sourceVocab = Vocab.fromJSON(meta.sourceVocab);
  const targetVocab = Vocab.fromJSON(meta.targetVocab);
  let lossSum = 0;
  let tokens = 0;
  const hyps: string[] = [];
  const refs: string[] = [];
  for (const batch of batches) {
    const loss = tf.tidy(() => model.loss(batch, false).dataSync()[0]);
    lossSum += loss * batch.tokens;
    tokens += batch.tokens;
    const found = decode(model, meta, batch.sources.map((s) => sourceVocab.encode(s)), beam, 0.6);
    found.forEach((h, i) => {
      hyps.push(textOf(unitsOf(targetVocab, h.ids), meta.arch.level, meta.targetLanguage));
      refs.push(textOf(targetVocab.units(batch.references[i]), meta.arch.level, meta.targetLanguage));
    });
    // Let the job's events, pause and cancel requests through between batches.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const loss = lossSum / Math.max(tokens, 1);
  const metrics = {
    loss,
    perplexity: Math.exp(loss),
    bleu: hyps.length > 0 ? corpusBleu(hyps, [refs]).score : 0,
    chrf: hyps.length > 0 ? corpusChrf(hyps, [refs]).score : 0,
    exactMatch: hyps.length > 0 ? exactMatch(hyps, [refs]) : 0,
  };
  return { metrics };
}

function translate(model: Seq2Seq, meta: Seq2SeqMeta, request: TranslateRequest): Translation[] {
  const sourceVocab = Vocab.fromJSON(meta.sourceVocab);
  const targetVocab = Vocab.fromJSON(meta.targetVocab);
  const tokenize = createTokenizer(meta.tokenizer, meta.lowercase);
  const units = request.texts.map((text) => sourceVocab.units(tokenize(text)));
  const found = decode(model, meta, units.map((u) => u.map((x) => sourceVocab.id(x))), request.beam, request.lengthPenalty, request.maxLength);
  return found.map((h, i) => {
    const target = unitsOf(targetVocab, h.ids);
    const steps = Math.max(1, h.ids.length + (h.finished ? 1 : 0));
    return {
      text: textOf(target, meta.arch.level, meta.targetLanguage),
      tokens: target,
      score: h.score / (request.beam <= 1 ? steps : 1),
      attention: attentionMap(units[i], target, h),
      unknown: [...new Set(units[i].filter((u) => !sourceVocab.has(u)))],
    };
  });
}

const describe = (meta: Seq2SeqMeta, params: string) =>
  userText('Seq2Seq translator ({cell} encoder, {attention} attention): vocabularies {sourceSize} {sourceLanguage} / {targetSize} {targetLanguage}, {params} parameters', {
    params,
    cell: `${meta.arch.bidirectional ? 'bi' : ''}${meta.arch.cell.toUpperCase()}`,
    attention: meta.arch.attention,
    sourceSize: meta.sourceVocab.tokens.length,
    sourceLanguage: meta.sourceLanguage,
    targetSize: meta.targetVocab.tokens.length,
    targetLanguage: meta.targetLanguage,
  });

function modelCard(meta: Seq2SeqMeta, f: CardFacts): string {
  const a = meta.arch;
  const t = meta.training;
  const credit = /tatoeba/i.test(f.corpus.name) ? '\n- Data credit: Tatoeba (tatoeba.org), CC BY 2.0 FR' : '';
  return `# ${f.run.name}

A Seq2Seq translator (${meta.sourceLanguage} → ${meta.targetLanguage}) with ${a.attention} attention, trained with NLP Studio:
a ${a.bidirectional ? 'bidirectional ' : ''}${a.cell.toUpperCase()} encoder and a ${a.cell.toUpperCase()} decoder (${a.layers} layer${a.layers > 1 ? 's' : ''}${a.inputFeeding ? ', input feeding' : ''}).

## Data
- Corpus: ${f.corpus.name} (${f.corpus.pairs?.count ?? f.corpus.stats.documents} pairs; tokenizer ${f.corpus.tokenizer}${f.corpus.lowercase ? ', lower-cased' : ''})${credit}
- Split (seed ${t.seed}): ${f.splits?.validation ? `validation: ${f.splits.validation}` : `${Math.round(t.validationSplit * 100)}% validation`}, ${f.splits?.test ? `test: ${f.splits.test}` : `${Math.round(t.testSplit * 100)}% test`}
- Vocabularies: ${meta.sourceVocab.tokens.length} source and ${meta.targetVocab.tokens.length} target ${a.level === 'word' ? 'words' : 'characters'}${a.sharedVocab ? ' (shared)' : ''} (\`<pad>\`=0, \`<unk>\`=1, \`<bos>\`=2, \`<eos>\`=3)

## Settings
embedding ${a.emb} · hidden ${a.hidden} · dropout ${a.dropout} · teacher forcing ${a.teacherForcing} · max length ${a.maxLength} · batch ${t.batch} · epochs ${t.epochs}${t.steps ? ` · at most ${t.steps} steps` : ''} · ${t.optimizer.name} lr ${t.optimizer.lr} (${t.optimizer.schedule}, warm-up ${t.optimizer.warmupSteps}) · clip ${t.optimizer.clipNorm} · label smoothing ${t.labelSmoothing} · backend ${f.backend}

${f.summary.totalParams} parameters (${f.summary.trainableParams} trainable).

${metricsSection(f.validation, f.test, 'BLEU and chrF as sacreBLEU computes them (13a tokenisation, exponential smoothing; chrF2) on detokenised greedy translations.')}

## Files
\`model.json\` + \`weights.bin\`: the weights in the TensorFlow.js weights format (\`tf.io.decodeWeights\`), by name
(\`encoder/embedding\`, \`decoder/attention/…\`, \`decoder/output/kernel\`). The decoding loop is code, not a graph: NLP
Studio's \`engine/models/seq2seq/\` runs it. \`source-vocab.json\`, \`target-vocab.json\`: ids ↔ tokens.
\`family.json\`: architecture, training settings, vocabularies and tokenisation, for NLP Studio.
`;
}

export const seq2seqFamily: ModelFamily<TranslatorBatch, Seq2SeqMeta, Seq2Seq> = {
  name: 'seq2seq',
  tasks: ['translator'],
  describe,
  checkCorpus,
  check,
  prepare,
  build: (meta) => new Seq2Seq(meta.arch, { sourceVocab: meta.sourceVocab.tokens.length, targetVocab: meta.targetVocab.tokens.length, seed: meta.training.seed }),
  initialize: async (ctx, model, meta): Promise<{ notes: string[]; summary: Record<string, number> }> => {
    const wanted = meta.arch.embeddings;
    if (!wanted) return { notes: [], summary: {} };
    const table = (model.weightMap().get('encoder/embedding')!.dataSync() as Float32Array).slice();
    const coverage = await fillEmbeddings(ctx, meta, wanted, meta.arch.emb, meta.sourceVocab.tokens, table);
    model.setSourceEmbeddings(table);
    return coverageNote(coverage, 'source');
  },
  summaryFigures: (meta) => ({ sourceVocabSize: meta.sourceVocab.tokens.length, targetVocabSize: meta.targetVocab.tokens.length }),
  embeddings: (meta) => [
    { layer: 'source', label: userText('source embedding ({language})', { language: meta.sourceLanguage }), weight: 'encoder/embedding', tokens: meta.sourceVocab.tokens, firstWord: SPECIALS.length },
    { layer: 'target', label: userText('target embedding ({language})', { language: meta.targetLanguage }), weight: 'decoder/embedding', tokens: meta.targetVocab.tokens, firstWord: SPECIALS.length },
  ],
  evaluate,
  validationScore: (m) => m.bleu - m.loss * 1e-3, // BLEU first; loss breaks ties (early epochs often score BLEU 0)
  epochMetrics: (m) => ({ valLoss: m.loss, bleu: m.bleu, chrf: m.chrf, exactMatch: m.exactMatch }),
  epochReport: async (model, data, epoch, report) => {
    const { meta } = data;
    const items = data.showcase ?? [];
    if (items.length === 0) return;
    const sourceVocab = Vocab.fromJSON(meta.sourceVocab);
    const targetVocab = Vocab.fromJSON(meta.targetVocab);
    const units = items.map((s) => sourceVocab.units(s.text.split(' ')));
    const found = decode(model, meta, units.map((u) => u.map((x) => sourceVocab.id(x))), 1, 0);
    report.translations.push({
      epoch,
      items: items.map((s, i) => ({
        source: textOf(units[i], meta.arch.level, meta.sourceLanguage),
        reference: textOf(targetVocab.units((s.expected ?? '').split(' ')), meta.arch.level, meta.targetLanguage),
        hypothesis: textOf(unitsOf(targetVocab, found[i].ids), meta.arch.level, meta.targetLanguage),
      })),
    });
    // Keep the last epochs only: the report is rewritten every epoch.
    if (report.translations.length > 50) report.translations.splice(0, report.translations.length - 50);
    report.attention = attentionMap(units[0], unitsOf(targetVocab, found[0].ids), found[0], epoch);
  },
  export: async (model, meta, dir, card) => {
    await writeNamedWeights(dir, model.weights(), {
      format: 'nlp-studio-seq2seq',
      files: { 'family.json': meta, 'source-vocab.json': meta.sourceVocab, 'target-vocab.json': meta.targetVocab },
      card: modelCard(meta, card),
    });
  },
  loadExport: (model, _meta, folder) => readNamedWeights(folder, model.weights()),
  sketch: async (ctx, corpus, spec) => {
    const arch = archOf(spec);
    checkCorpus(corpus, spec.model);
    const side = (stats: { vocabSize: number } | undefined) => new Array<string>(Math.min(arch.vocab, (stats?.vocabSize ?? corpus.stats.vocabSize) + 4)).fill('');
    const level = arch.level;
    if (level === 'char') return (await prepare(ctx, corpus, spec, null, {})).meta; // characters are not counted at import
    const source = side(corpus.pairs?.source);
    const target = arch.sharedVocab ? source : side(corpus.pairs?.target);
    return {
      family: 'seq2seq', task: 'translator', arch, training: spec.training, tokenizer: corpus.tokenizer, lowercase: corpus.lowercase,
      sourceVocab: { level, tokens: source }, targetVocab: { level, tokens: target },
      sourceLanguage: corpus.pairs?.sourceLanguage ?? 'source', targetLanguage: corpus.pairs?.targetLanguage ?? 'target',
    };
  },
  readMeta: (json) => ((json as { family?: unknown } | null)?.family === 'seq2seq' ? (json as Seq2SeqMeta) : null),
  translate,
};
