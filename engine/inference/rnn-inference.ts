/** What a trained recurrent model answers: a label or tags for a text (predict), a continuation (generate). */
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import type { GenerateRequest, InputReading, Prediction } from '../../contract/models.ts';
import { createTokenizer } from '../data/tokenize.ts';
import { padShort, type RnnMeta } from '../models/rnn/batches.ts';
import type { RnnModel } from '../models/rnn/rnn-model.ts';
import { BOS, EOS, PAD, Vocab } from '../models/rnn/vocab.ts';
import { seededRandom } from '../random.ts';

/** The words of a text as the corpus was tokenised (the tagger keeps white-space tokens, as its import did). */
export function tokenizeLike(meta: Pick<RnnMeta, 'task' | 'tokenizer' | 'lowercase'>, text: string): string[] {
  if (meta.task === 'tagger') return text.split(/\s+/).filter(Boolean).map((t) => (meta.lowercase ? t.toLowerCase() : t));
  return createTokenizer(meta.tokenizer, meta.lowercase)(text);
}

/** The words of a text as the model reads them, and those with a unit its vocabulary lacks (each once). */
export function readInput(meta: Pick<RnnMeta, 'task' | 'tokenizer' | 'lowercase' | 'vocab'>, text: string): InputReading {
  const vocab = Vocab.fromJSON(meta.vocab);
  const tokens = tokenizeLike(meta, text);
  const unknown = tokens.filter((t) => vocab.units([t]).some((u) => !vocab.has(u)));
  return { tokens, unknown: [...new Set(unknown)] };
}

export function predict(model: RnnModel, meta: RnnMeta, text: string): Prediction {
  const vocab = Vocab.fromJSON(meta.vocab);
  const input = readInput(meta, text);
  const words = input.tokens;
  if (words.length === 0) throw new StudioError('ValidationError', userText('The text has no tokens to predict on'));
  if (meta.task === 'lm') throw new StudioError('ValidationError', userText('A language model generates text: use generate'));
  const ids = padShort(vocab.encode(words).slice(0, meta.arch.seq));
  const probs = tf.tidy(() => (model.net.predict(tf.tensor2d([ids], [1, ids.length], 'int32')) as tf.Tensor).squeeze([0]).arraySync());
  if (meta.task === 'classifier') {
    const p = probs as number[];
    const ranked = meta.labels.map((label, i) => ({ label, p: p[i] })).sort((a, b) => b.p - a.p);
    return { task: 'classifier', label: ranked[0].label, probabilities: ranked, input };
  }
  const rows = probs as number[][];
  return { task: 'tagger', tokens: words.slice(0, meta.arch.seq).map((token, t) => ({ token, tag: meta.labels[argmax(rows[t])], p: Math.max(...rows[t]) })), input };
}

/** Sample from the LM: temperature (0 = greedy) and top-k, seeded when a seed is given. */
export function generate(model: RnnModel, meta: RnnMeta, request: GenerateRequest): string {
  if (meta.task !== 'lm') throw new StudioError('ValidationError', userText('Only a language model generates text'));
  const vocab = Vocab.fromJSON(meta.vocab);
  const random = seededRandom(request.seed ?? (Date.now() & 0x7fffffff));
  const context = [BOS, ...vocab.encode(tokenizeLike(meta, request.prompt))];
  const out: number[] = [];
  for (let i = 0; i < request.maxTokens; i++) {
    const window = context.slice(-meta.arch.seq);
    const input = padShort(window);
    const probs = tf.tidy(() => {
      const p = model.net.predict(tf.tensor2d([input], [1, input.length], 'int32')) as tf.Tensor3D; // [1, T, V]
      return p.slice([0, window.length - 1, 0], [1, 1, -1]).reshape([-1]).dataSync() as Float32Array; // [V]
    });
    const next = sample(probs, request.temperature, request.topK, random);
    if (next === EOS) break;
    context.push(next);
    out.push(next);
  }
  return [request.prompt.trim(), vocab.decode(out)].filter(Boolean).join(vocab.level === 'word' ? ' ' : '');
}

export function sample(probs: Float32Array, temperature: number, topK: number, random: () => number): number {
  const candidates = [...probs.keys()].filter((i) => i !== PAD && i !== BOS);
  if (temperature === 0) return candidates.reduce((a, b) => (probs[b] > probs[a] ? b : a));
  candidates.sort((a, b) => probs[b] - probs[a]);
  const kept = topK > 0 ? candidates.slice(0, topK) : candidates;
  // p^(1/T), renormalised: the same as softmax(logits / T).
  const weights = kept.map((i) => Math.pow(Math.max(probs[i], 1e-12), 1 / temperature));
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let j = 0; j < kept.length; j++) if ((r -= weights[j]) <= 0) return kept[j];
  return kept[kept.length - 1];
}

const argmax = (row: ArrayLike<number>) => {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
};
