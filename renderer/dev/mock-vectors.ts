/** Dev only: canned pretrained-vector runs and benchmark results for the mock `window.studio`. */
import type { Evaluation, RunInfo } from '../src/contract.ts';

/** A GloVe run imported earlier, so Explore and the Runs view show an imported run without importing one. */
export function pretrainedRuns(): { run: RunInfo; metrics: [] }[] {
  const createdAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
  return [{
    run: {
      id: 'r-mock-glove',
      name: 'glove.6B.100d',
      corpusId: null,
      corpusName: 'glove.6B.100d.txt',
      status: 'completed',
      createdAt,
      finishedAt: createdAt,
      backend: null,
      spec: { model: 'pretrained', config: { format: 'glove', fileName: 'glove.6B.100d.txt', maxWords: 200_000 } },
      summary: { vocabSize: 200_000, dim: 100, seconds: 14.2 },
      error: null,
      tags: [],
    },
    metrics: [],
  }];
}

/** Figures in the range GloVe 6B 100d reaches on the Google analogies and WordSim-353 (made up, not measured). */
export function mockEvaluation(analogies: boolean, similarity: boolean): Evaluation {
  const sections: [string, number, number][] = [
    ['capital-common-countries', 506, 473], ['capital-world', 4524, 3880], ['currency', 866, 148], ['city-in-state', 2467, 1514],
    ['family', 506, 412], ['gram1-adjective-to-adverb', 992, 233], ['gram2-opposite', 812, 172], ['gram3-comparative', 1332, 1051],
    ['gram4-superlative', 1122, 640], ['gram5-present-participle', 1056, 687], ['gram6-nationality-adjective', 1599, 1425],
    ['gram7-past-tense', 1560, 869], ['gram8-plural', 1332, 1011], ['gram9-plural-verbs', 870, 502],
  ];
  const correct = sections.reduce((s, [, , c]) => s + c, 0);
  const total = sections.reduce((s, [, t]) => s + t, 0);
  return {
    analogies: analogies
      ? { sections: sections.map(([name, t, c]) => ({ name, correct: c, total: t, accuracy: c / t })), overall: { correct, total, accuracy: correct / total }, skipped: 0 }
      : null,
    similarity: similarity ? { spearman: 0.6027, pairs: 353, covered: 353, coverage: 1 } : null,
  };
}
