/** Corpus statistics, gathered while the tokens stream past: nothing per document is kept. */
import type { CorpusStats } from '../../contract/corpus.ts';
import { LengthHistogram } from './length-histogram.ts';
import { DEFAULT_MAX_VOCAB_ENTRIES, VocabularyCounter } from './vocabulary-counter.ts';

export const TOP_WORDS = 50;

/**
 * The contract's CorpusStats plus a flag the contract does not have yet: `vocabSizeApproximate` is true when the
 * word map had to be pruned and `vocabSize` is an estimate (±1%). Extra keys are dropped by zod on read.
 */
export type CollectedStats = CorpusStats & { vocabSizeApproximate?: true };

export class StatsCollector {
  private documents = 0;
  private tokens = 0;
  private readonly vocabulary: VocabularyCounter;
  private readonly lengths = new LengthHistogram();

  constructor(maxVocabEntries = DEFAULT_MAX_VOCAB_ENTRIES) {
    this.vocabulary = new VocabularyCounter(maxVocabEntries);
  }

  get documentCount(): number {
    return this.documents;
  }

  /** Call once per non-empty document. */
  addDocument(tokens: readonly string[]): void {
    this.documents++;
    this.tokens += tokens.length;
    this.lengths.add(tokens.length);
    for (const token of tokens) this.vocabulary.add(token);
  }

  finish(): CollectedStats {
    const stats: CollectedStats = {
      documents: this.documents,
      tokens: this.tokens,
      vocabSize: this.vocabulary.size,
      topWords: this.vocabulary.top(TOP_WORDS),
      lengthHistogram: this.lengths.bins(),
    };
    if (this.vocabulary.approximate) stats.vocabSizeApproximate = true;
    return stats;
  }
}
