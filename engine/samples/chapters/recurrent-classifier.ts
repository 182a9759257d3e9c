/** A recurrent classifier: a GRU tells four Brown-corpus genres apart, sentence by sentence. */
import { BROWN_CREDIT, type ChapterDefinition } from '../chapter.ts';

export const recurrentClassifierChapter: ChapterDefinition = {
  id: 'recurrent-classifier',
  title: 'Recurrent classifier',
  summary: 'A GRU reads a sentence and guesses its genre: news, religion, government or romance (2,000 Brown-corpus sentences).',
  fileName: 'brown-genres-2k.csv',
  credit: BROWN_CREDIT,
  importOptions: { task: 'classification', labelColumn: 'label', column: 'text', lowercase: true },
  preset: {
    model: 'classifier',
    arch: { family: 'rnn', cell: 'gru', layers: 1, emb: 32, hidden: 32, dropout: 0.2, vocab: 5000, seq: 40 },
    training: { epochs: 8, batch: 32, patience: 3, optimizer: { name: 'adam', lr: 0.005 }, seed: 1 },
  },
  lookAt:
    'Watch the two curves: training loss keeps falling while validation accuracy rises for a few epochs, then stalls — the ' +
    'model starts to memorise its 1,600 training sentences. At the end the confusion matrix (in Runs) shows which genres it mixes ' +
    'up — government is often taken for news, whose words it shares — and its examples, sortable by confidence. One ' +
    'sentence is little to go on: about 70 % right on the test sentences, well above the 25 % of guessing, far from perfect.',
};
