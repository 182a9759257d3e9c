/**
 * Degenerate data is caught before a run exists: `train.start` calls checkTrainingData (trainers.ts: word2vec's
 * check here, each neural family's `check`, which uses the pieces here) before it creates the run folder, so a refused start leaves nothing behind. Refusals (nothing could be learned: one class, no word left by
 * min-count, no example left to train on) throw ValidationError; doubtful data (an empty validation or test split,
 * a label column that was guessed, fewer examples than a batch) comes back as warnings the hosts show the user.
 * Everything is judged from the corpus's own figures (corpus.json): no data file is read.
 */
import { StudioError } from '../../contract/errors.ts';
import type { CorpusInfo } from '../../contract/corpus.ts';
import type { NeuralSpec } from '../../contract/runs.ts';
import type { TrainingConfig } from '../../contract/training.ts';
import type { Word2VecConfig } from '../../contract/word2vec.ts';
import type { SplitCorpora } from '../families/family.ts';

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

/**
 * The seeded random split (engine/models/rnn/batches.ts splitExamples rounds the same way): refuse a corpus too
 * small to leave any training example, warn when a split the settings ask for comes out empty.
 */
export function checkSplits(corpus: CorpusInfo, examples: number, unit: string, training: TrainingConfig, splits: SplitCorpora): string[] {
  const warnings: string[] = [];
  for (const [given, role] of [[splits.validation, 'Validation'], [splits.test, 'Test']] as const) {
    if (given && given.stats.documents === 0) throw new StudioError('ValidationError', `${role} corpus "${given.name}" is empty: it has no ${unit}`);
  }
  const nTest = splits.test ? 0 : Math.round(examples * training.testSplit);
  const nVal = splits.validation ? 0 : Math.round(examples * training.validationSplit);
  const nTrain = examples - nTest - nVal;
  if (nTrain <= 0) {
    throw new StudioError('ValidationError', `"${corpus.name}" has ${examples} ${unit}: too few for a ${percent(training.validationSplit)} validation and ${percent(training.testSplit)} test split, which leave none to train on. Use more data, or smaller validation and test splits`);
  }
  if (!splits.validation && nVal === 0) {
    warnings.push(training.validationSplit > 0
      ? `The validation split is empty (${percent(training.validationSplit)} of ${examples} ${unit} rounds to none): validation, early stopping and the best checkpoint will use training batches`
      : 'No validation split (it is set to 0): validation, early stopping and the best checkpoint will use training batches');
  }
  if (!splits.test && nTest === 0) {
    warnings.push(training.testSplit > 0
      ? `The test split is empty (${percent(training.testSplit)} of ${examples} ${unit} rounds to none): the test figures will be measured on the validation data`
      : 'No test split (it is set to 0): the test figures will be measured on the validation data');
  }
  if (nTrain < training.batch) warnings.push(`Only ${nTrain} ${unit} are left to train on, fewer than one batch (${training.batch}): every epoch is a single step`);
  return warnings;
}

/** Labels (classifier) or tags (tagger): at least two, read from a column the user can see was guessed. */
export function checkLabels(corpus: CorpusInfo, spec: NeuralSpec, role = 'Corpus'): string[] {
  const kind = spec.model === 'tagger' ? 'tag' : 'class';
  const warnings: string[] = [];
  if (corpus.labels.length < 2) {
    const only = corpus.labels[0];
    const what = only ? `one ${kind} only ("${only.word}", ${only.count} ${spec.model === 'tagger' ? 'tokens' : 'documents'})` : `no ${kind}es`;
    const column = corpus.sources.find((s) => s.labelColumn)?.labelColumn;
    throw new StudioError('ValidationError', `${role} "${corpus.name}" has ${what}: a ${spec.model} needs examples of at least two${column ? `. Its labels were read from the column "${column.name}": check that it is the label column` : ''}`);
  }
  for (const source of corpus.sources) {
    const column = source.labelColumn;
    // A column named `label` is what the file says; the last column is a guess worth showing.
    if (column?.guessed && column.name.toLowerCase() !== 'label') {
      warnings.push(`${role} "${corpus.name}": the labels were read from the column "${column.name}" of ${source.fileName}, guessed because no label column was named: if that is wrong, name it when importing (--label-col on the command line)`);
    }
  }
  const documents = corpus.stats.documents;
  if (spec.model === 'classifier' && documents >= 10 && corpus.labels.length > documents / 2) {
    warnings.push(`${role} "${corpus.name}" has ${corpus.labels.length} classes for ${documents} documents: most classes have a single example. Is the label column the right one?`);
  }
  return warnings;
}

/** word2vec: some words must survive min-count, and there must be two of them to tell apart. */
export function checkWord2VecData(corpus: CorpusInfo, config: Word2VecConfig): string[] {
  const { topWords, tokens, vocabSizeApproximate } = corpus.stats;
  const top = topWords[0];
  if (tokens === 0 || !top) throw new StudioError('ValidationError', `"${corpus.name}" has no words to train word vectors on`);
  if (top.count < config.minCount) {
    throw new StudioError('ValidationError', `min-count ${config.minCount} leaves the vocabulary of "${corpus.name}" empty: its most frequent word, "${top.word}", occurs ${top.count} time${top.count === 1 ? '' : 's'}. Lower min-count to at most ${top.count}, or use a larger corpus`);
  }
  // topWords lists at most 50 words: when it holds the whole vocabulary, the words kept can be counted exactly.
  const whole = !vocabSizeApproximate && topWords.length === corpus.stats.vocabSize;
  const kept = topWords.filter((w) => w.count >= config.minCount).length;
  if (whole && kept < 2) {
    throw new StudioError('ValidationError', `min-count ${config.minCount} leaves one word of "${corpus.name}" ("${top.word}"): word vectors need at least two words to tell apart. Lower min-count, or use a larger corpus`);
  }
  const warnings: string[] = [];
  if (whole && kept < corpus.stats.vocabSize) warnings.push(`min-count ${config.minCount} keeps ${kept} of the ${corpus.stats.vocabSize} distinct words of "${corpus.name}"`);
  return warnings;
}
