/**
 * Degenerate data is caught before a run exists: `train.start` calls checkTrainingData (trainers.ts: word2vec's
 * check here, each neural family's `check`, which uses the pieces here) before it creates the run folder, so a refused start leaves nothing behind. Refusals (nothing could be learned: one class, no word left by
 * min-count, no example left to train on) throw ValidationError; doubtful data (an empty validation or test split,
 * a label column that was guessed, fewer examples than a batch) comes back as warnings the hosts show the user.
 * Everything is judged from the corpus's own figures (corpus.json): no data file is read.
 */
import { StudioError } from '../../contract/errors.ts';
import { userText, type UserTextParams } from '../../contract/user-text.ts';
import type { CorpusInfo } from '../../contract/corpus.ts';
import type { NeuralSpec } from '../../contract/runs.ts';
import type { TrainingConfig } from '../../contract/training.ts';
import type { Word2VecConfig } from '../../contract/word2vec.ts';
import type { SplitCorpora } from '../families/family.ts';

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** What the examples of a corpus are counted in. */
export type ExampleUnit = 'documents' | 'sentences' | 'pairs';

type Say = (params: UserTextParams) => string;

/**
 * checkSplits' sentences that name the unit, one template per unit rather than the unit as a parameter: Chinese
 * counts each with its own measure word (篇文档, 个句子, 个句对), so each sentence is translated whole.
 */
const SPLIT_TEXT: Record<ExampleUnit, { empty: Say; tooFew: Say; emptyValidation: Say; emptyTest: Say; underBatch: Say }> = {
  documents: {
    empty: (p) => userText('{role} "{name}" is empty: it has no documents', p),
    tooFew: (p) => userText('"{name}" has {examples} documents: too few for a {validation} validation and {test} test split, which leave none to train on. Use more data, or smaller validation and test splits', p),
    emptyValidation: (p) => userText('The validation split is empty ({percent} of {examples} documents rounds to none): validation, early stopping and the best checkpoint will use training batches', p),
    emptyTest: (p) => userText('The test split is empty ({percent} of {examples} documents rounds to none): the test figures will be measured on the validation data', p),
    underBatch: (p) => userText('Only {count} documents are left to train on, fewer than one batch ({batch}): every epoch is a single step', p),
  },
  sentences: {
    empty: (p) => userText('{role} "{name}" is empty: it has no sentences', p),
    tooFew: (p) => userText('"{name}" has {examples} sentences: too few for a {validation} validation and {test} test split, which leave none to train on. Use more data, or smaller validation and test splits', p),
    emptyValidation: (p) => userText('The validation split is empty ({percent} of {examples} sentences rounds to none): validation, early stopping and the best checkpoint will use training batches', p),
    emptyTest: (p) => userText('The test split is empty ({percent} of {examples} sentences rounds to none): the test figures will be measured on the validation data', p),
    underBatch: (p) => userText('Only {count} sentences are left to train on, fewer than one batch ({batch}): every epoch is a single step', p),
  },
  pairs: {
    empty: (p) => userText('{role} "{name}" is empty: it has no pairs', p),
    tooFew: (p) => userText('"{name}" has {examples} pairs: too few for a {validation} validation and {test} test split, which leave none to train on. Use more data, or smaller validation and test splits', p),
    emptyValidation: (p) => userText('The validation split is empty ({percent} of {examples} pairs rounds to none): validation, early stopping and the best checkpoint will use training batches', p),
    emptyTest: (p) => userText('The test split is empty ({percent} of {examples} pairs rounds to none): the test figures will be measured on the validation data', p),
    underBatch: (p) => userText('Only {count} pairs are left to train on, fewer than one batch ({batch}): every epoch is a single step', p),
  },
};

/**
 * The seeded random split (engine/models/rnn/batches.ts splitExamples rounds the same way): refuse a corpus too
 * small to leave any training example, warn when a split the settings ask for comes out empty.
 */
export function checkSplits(corpus: CorpusInfo, examples: number, unit: ExampleUnit, training: TrainingConfig, splits: SplitCorpora): string[] {
  const say = SPLIT_TEXT[unit];
  const warnings: string[] = [];
  for (const [given, role] of [[splits.validation, userText('Validation corpus')], [splits.test, userText('Test corpus')]] as const) {
    if (given && given.stats.documents === 0) throw new StudioError('ValidationError', say.empty({ role, name: given.name }));
  }
  const nTest = splits.test ? 0 : Math.round(examples * training.testSplit);
  const nVal = splits.validation ? 0 : Math.round(examples * training.validationSplit);
  const nTrain = examples - nTest - nVal;
  if (nTrain <= 0) {
    throw new StudioError('ValidationError', say.tooFew({ name: corpus.name, examples, validation: percent(training.validationSplit), test: percent(training.testSplit) }));
  }
  if (!splits.validation && nVal === 0) {
    warnings.push(training.validationSplit > 0
      ? say.emptyValidation({ percent: percent(training.validationSplit), examples })
      : userText('No validation split (it is set to 0): validation, early stopping and the best checkpoint will use training batches'));
  }
  if (!splits.test && nTest === 0) {
    warnings.push(training.testSplit > 0
      ? say.emptyTest({ percent: percent(training.testSplit), examples })
      : userText('No test split (it is set to 0): the test figures will be measured on the validation data'));
  }
  if (nTrain < training.batch) warnings.push(say.underBatch({ count: nTrain, batch: training.batch }));
  return warnings;
}

/** Labels (classifier) or tags (tagger) of the training corpus: at least two, read from a column the user can see was guessed. */
export function checkLabels(corpus: CorpusInfo, spec: NeuralSpec): string[] {
  const warnings: string[] = [];
  if (corpus.labels.length < 2) {
    const only = corpus.labels[0];
    const tagger = spec.model === 'tagger';
    const what = only
      ? tagger ? userText('one tag only ("{word}", {count} tokens)', { word: only.word, count: only.count }) : userText('one class only ("{word}", {count} documents)', { word: only.word, count: only.count })
      : tagger ? userText('no tags') : userText('no classes');
    const column = corpus.sources.find((s) => s.labelColumn)?.labelColumn;
    const params = { name: corpus.name, what, ...(column ? { column: column.name } : {}) };
    const message = tagger
      ? column
        ? userText('Corpus "{name}" has {what}: a tagger needs examples of at least two. Its labels were read from the column "{column}": check that it is the label column', params)
        : userText('Corpus "{name}" has {what}: a tagger needs examples of at least two', params)
      : column
        ? userText('Corpus "{name}" has {what}: a classifier needs examples of at least two. Its labels were read from the column "{column}": check that it is the label column', params)
        : userText('Corpus "{name}" has {what}: a classifier needs examples of at least two', params);
    throw new StudioError('ValidationError', message);
  }
  for (const source of corpus.sources) {
    const column = source.labelColumn;
    // A column named `label` is what the file says; the last column is a guess worth showing.
    if (column?.guessed && column.name.toLowerCase() !== 'label') {
      warnings.push(userText('Corpus "{name}": the labels were read from the column "{column}" of {file}, guessed because no label column was named: if that is wrong, name it when importing (--label-col on the command line)', { name: corpus.name, column: column.name, file: source.fileName }));
    }
  }
  const documents = corpus.stats.documents;
  if (spec.model === 'classifier' && documents >= 10 && corpus.labels.length > documents / 2) {
    warnings.push(userText('Corpus "{name}" has {classes} classes for {documents} documents: most classes have a single example. Is the label column the right one?', { name: corpus.name, classes: corpus.labels.length, documents }));
  }
  return warnings;
}

/** word2vec: some words must survive min-count, and there must be two of them to tell apart. */
export function checkWord2VecData(corpus: CorpusInfo, config: Word2VecConfig): string[] {
  const { topWords, tokens, vocabSizeApproximate } = corpus.stats;
  const top = topWords[0];
  if (tokens === 0 || !top) throw new StudioError('ValidationError', userText('"{name}" has no words to train word vectors on', { name: corpus.name }));
  if (top.count < config.minCount) {
    const params = { minCount: config.minCount, name: corpus.name, word: top.word, count: top.count };
    throw new StudioError('ValidationError', top.count === 1
      ? userText('min-count {minCount} leaves the vocabulary of "{name}" empty: its most frequent word, "{word}", occurs {count} time. Lower min-count to at most {count}, or use a larger corpus', params)
      : userText('min-count {minCount} leaves the vocabulary of "{name}" empty: its most frequent word, "{word}", occurs {count} times. Lower min-count to at most {count}, or use a larger corpus', params));
  }
  // topWords lists at most 50 words: when it holds the whole vocabulary, the words kept can be counted exactly.
  const whole = !vocabSizeApproximate && topWords.length === corpus.stats.vocabSize;
  const kept = topWords.filter((w) => w.count >= config.minCount).length;
  if (whole && kept < 2) {
    throw new StudioError('ValidationError', userText('min-count {minCount} leaves one word of "{name}" ("{word}"): word vectors need at least two words to tell apart. Lower min-count, or use a larger corpus', { minCount: config.minCount, name: corpus.name, word: top.word }));
  }
  const warnings: string[] = [];
  if (whole && kept < corpus.stats.vocabSize) warnings.push(userText('min-count {minCount} keeps {kept} of the {total} distinct words of "{name}"', { minCount: config.minCount, kept, total: corpus.stats.vocabSize, name: corpus.name }));
  return warnings;
}
