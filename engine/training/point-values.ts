/**
 * The values of the metric points training records (MetricPoint.values), by key. Kept apart from the runners so
 * the set of keys can be listed without training: the renderer names every one (test/renderer/models/metric-labels).
 * A family's epoch values come from its `epochMetrics`, its extra step values from its `stepValues`.
 */
import { userText } from '../../contract/user-text.ts';
import type { Word2VecProgress } from '../models/word2vec/train.ts';
import type { StepInfo } from './train-loop.ts';

/** A neural step's values: loss, learning rate, speed and gradient norm, then the family's own (`extra`). */
export function neuralStepValues(s: Pick<StepInfo, 'loss' | 'lr' | 'tokensPerSec' | 'gradNorm'>, extra: Record<string, number> = {}): Record<string, number> {
  return { loss: s.loss, lr: s.lr, tokensPerSec: s.tokensPerSec, gradNorm: s.gradNorm, ...extra };
}

/** A word2vec progress report's values. */
export function word2vecValues(p: Pick<Word2VecProgress, 'loss' | 'lr' | 'wordsPerSec'>): Record<string, number> {
  return { loss: p.loss, lr: p.lr, wordsPerSec: p.wordsPerSec };
}

/**
 * An epoch's validation values for a progress line, in words rather than keys (the line is shown in the app and the
 * CLI): `{ valLoss, valAccuracy, macroF1 }` → "loss 0.0148 · accuracy 0.9500 · macro F1 0.9400". The families' sets
 * of values are whole templates the UI can translate; any other set is spelled from its keys.
 */
export function describeValidation(values: Record<string, number>): string {
  const v = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.toFixed(4)]));
  switch (Object.keys(values).join()) {
    case 'valLoss,valAccuracy,macroF1':
      return userText('loss {valLoss} · accuracy {valAccuracy} · macro F1 {macroF1}', v);
    case 'valLoss,valAccuracy,tagAccuracy':
      return userText('loss {valLoss} · accuracy {valAccuracy} · tag accuracy {tagAccuracy}', v);
    case 'valLoss,valPerplexity':
      return userText('loss {valLoss} · perplexity {valPerplexity}', v);
    case 'valLoss,bleu,chrf,exactMatch':
      return userText('loss {valLoss} · bleu {bleu} · chrf {chrf} · exact match {exactMatch}', v);
  }
  return Object.entries(values)
    .map(([key, value]) => `${spellKey(key)} ${value.toFixed(4)}`)
    .join(' · ');
}

/** `valMacroF1` → "macro F1": the validation prefix dropped, camelCase split, capitalised words lowered, acronyms kept. */
export function spellKey(key: string): string {
  return key
    .replace(/^val(?=[A-Z])/, '')
    .split(/(?=[A-Z])/)
    .map((word) => (/^[A-Z][a-z]+$/.test(word) ? word.toLowerCase() : word))
    .join(' ');
}
