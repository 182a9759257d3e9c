/**
 * A run's settings in words: the spec's keys (`hidden`, `optimizer.warmupSteps`, word2vec's `minCount`) as the
 * Train form names the same fields, so the Runs view's settings table, its list of what a resume changed and the
 * comparison's columns read in the UI's language. The English is the form's own (same `msg` string, so one
 * translation serves both); the key itself stays visible beside it, since CLI flags and run.json use it.
 */
import { msg } from '../i18n/index.ts';

/** By the key inside its part of the spec (`config`, `arch`, `training`); `model` and `corpus` are the comparison's. */
const LABELS: Record<string, string> = {
  model: msg('Model'),
  corpus: msg('Corpus'),

  // word2vec (contract/word2vec.ts), as in Word2VecForm
  mode: msg('Architecture'),
  dim: msg('Dimensions'),
  window: msg('Window'),
  minCount: msg('Min count'),
  negative: msg('Negative samples'),
  hs: msg('Hierarchical softmax'),
  sample: msg('Subsampling'),
  alpha: msg('Learning rate'),
  minAlpha: msg('Final learning rate'),
  threads: msg('Threads'),

  // Imported vectors (PretrainedSpec), as in ImportVectors
  format: msg('Format'),
  fileName: msg('File'),
  maxWords: msg('Words kept'),

  // Architectures (contract/rnn.ts, contract/seq2seq.ts), as in RnnArchForm and Seq2SeqArchForm
  family: msg('Model family'),
  cell: msg('Recurrent cell'),
  layers: msg('Layers'),
  // The form says it two ways (RNN: reads both ways; Seq2Seq: the encoder); one key needs one word for both.
  bidirectional: msg('Bidirectional'),
  emb: msg('Embedding size'),
  hidden: msg('Hidden units'),
  dropout: msg('Dropout'),
  level: msg('Token unit'),
  vocab: msg('Vocabulary'),
  seq: msg('Sequence length'),
  attention: msg('Attention'),
  inputFeeding: msg('Input feeding (Luong §3.3)'),
  teacherForcing: msg('Teacher forcing'),
  sharedVocab: msg('One vocabulary for both sides'),
  beam: msg('Beam width'),
  maxLength: msg('Max length'),
  'embeddings.runId': msg('Pretrained embeddings'),
  'embeddings.trainable': msg('Fine-tune embeddings'),

  // Training (contract/training.ts), as in TrainingForm
  'optimizer.name': msg('Optimiser'),
  'optimizer.lr': msg('Learning rate'),
  'optimizer.beta1': msg('β₁'),
  'optimizer.beta2': msg('β₂'),
  'optimizer.weightDecay': msg('Weight decay'),
  'optimizer.schedule': msg('Schedule'),
  'optimizer.warmupSteps': msg('Warm-up steps'),
  'optimizer.clipNorm': msg('Clip norm'),
  batch: msg('Batch size'),
  epochs: msg('Epochs'),
  steps: msg('Max steps'),
  minutes: msg('Max minutes'),
  labelSmoothing: msg('Label smoothing'),
  patience: msg('Patience'),
  validationSplit: msg('Validation share'),
  testSplit: msg('Test share'),
  seed: msg('Seed'),
};

/** The spec's parts: a full path (`training.optimizer.lr`, the comparison's) is labelled by its key inside the part. */
const PART = /^(?:config|arch|training)\./;

/**
 * The English label (translate it with `t` where shown) of a setting, by its key inside a part of the spec
 * (`optimizer.lr`, as the settings table and a resume's changes write it) or its full path (`training.optimizer.lr`,
 * as the comparison does); null for a key it does not know, which is then shown as it is.
 */
export function settingLabel(key: string): string | null {
  const inPart = key.replace(PART, '');
  return Object.hasOwn(LABELS, inPart) ? LABELS[inPart] : null;
}
