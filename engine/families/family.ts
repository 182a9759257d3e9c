/**
 * The seam every neural family plugs into. A family (the recurrent models, Seq2Seq, later the Transformer and BERT)
 * says how to read a corpus into batches, how to build its network, what its loss and metrics are, what a finished
 * epoch shows, how it exports and how a trained model answers. Everything else — the run bookkeeping, the training
 * loop (optimiser, schedule, clipping, label smoothing, early stopping, checkpoints by weight name, pause/resume),
 * metric streaming, the report file, the final test pass and the export plumbing — is written once, in
 * engine/training/family-run.ts, and asks the family through this interface. Families are listed in registry.ts.
 */
import type * as tf from '@tensorflow/tfjs';
import type { CorpusInfo, Tokenizer } from '../../contract/corpus.ts';
import type { FamilyName, NeuralSpec, NeuralTask, RunInfo } from '../../contract/runs.ts';
import type { GenerateRequest, InputReading, ModelSummary, Prediction, RunReport, TranslateRequest, Translation } from '../../contract/models.ts';
import type { TrainingConfig } from '../../contract/training.ts';
import type { EngineContext } from '../engine.ts';
import type { NamedWeight } from '../training/checkpoint.ts';

/** What a trained model keeps besides its weights, in its run folder and in its export. */
export const META_FILE = 'family.json';

/** What a trained model keeps besides its weights (the run folder's `family.json`); each family adds its own fields. */
export interface ModelMeta {
  family: FamilyName;
  task: NeuralTask;
  arch: NeuralSpec['arch'];
  training: TrainingConfig;
  /** How the corpus text was tokenised, so the same is done at prediction time. */
  tokenizer: Tokenizer;
  lowercase: boolean;
}

/** A network as the runner sees it: named weights and a loss. */
export interface FamilyModel<B> {
  /** Every weight under a stable, unique name (checkpoints are keyed by it); trainable ones first. */
  weights(): NamedWeight[];
  /**
   * The mean loss of a batch from logits, built inside the caller's tidy. `labelSmoothing` spreads that share of
   * each target's probability over all classes.
   */
  loss(batch: B, training: boolean, labelSmoothing: number): tf.Scalar;
  summary(): ModelSummary;
  dispose(): void;
}

/** A batch: whatever the family needs, plus the real target tokens it holds (the tokens/s figure counts these). */
export interface FamilyBatch {
  tokens: number;
}

/** Data read, split and encoded for a run (everything seeded by `training.seed`). */
export interface PreparedData<B extends FamilyBatch, Meta extends ModelMeta> {
  meta: Meta;
  /** The training batches of an epoch, the same for the same epoch, so a resume can skip the ones done. */
  train: (epoch: number) => B[];
  val: B[];
  test: B[];
  /** A few held-out examples an epoch shows the model's output on: the input text and what it should give. */
  showcase?: { text: string; expected?: string }[];
}

/** The corpora given as the validation / test split instead of random ones. */
export interface SplitCorpora {
  validation?: CorpusInfo;
  test?: CorpusInfo;
}

/** Figures of a model on batches, and what the report shows of them (confusion matrix, per-class scores, …). */
export interface Evaluation {
  metrics: Record<string, number>;
  report?: Partial<RunReport>;
}

export interface ModelFamily<B extends FamilyBatch = FamilyBatch, Meta extends ModelMeta = ModelMeta, M extends FamilyModel<B> = FamilyModel<B>> {
  name: FamilyName;
  /** The tasks it learns, e.g. classifier, tagger and lm for the recurrent family. */
  tasks: readonly NeuralTask[];
  /**
   * The model in a progress line, with its parameter count (`params`, formatted), e.g. "LSTM classifier: vocabulary
   * 500, 3 classes, 12,345 parameters": a userText, one template per shape so the UI can tell the count apart from
   * the commas inside the description.
   */
  describe(meta: Meta, params: string): string;
  /**
   * Refuse a corpus that does not carry what the task learns (no labels for a classifier, no pairs for a translator).
   * `role`, when the corpus is a split's: a userText, "Validation corpus" or "Test corpus"; without it, "Corpus".
   */
  checkCorpus(corpus: CorpusInfo, task: NeuralTask, role?: string): void;
  /**
   * Before a run is created, from the corpora's figures only: refuse data the spec cannot learn from (one class, too
   * small for its splits: ValidationError) and return warnings for the user (an empty split, a guessed label column).
   * Pieces for it in engine/training/data-checks.ts.
   */
  check?(corpus: CorpusInfo, spec: NeuralSpec, splits: SplitCorpora): string[];
  /** Read, split and encode the corpus. `fixed`: a trained model's meta whose vocabularies and labels are kept (resume). */
  prepare(ctx: EngineContext, corpus: CorpusInfo, spec: NeuralSpec, fixed: Meta | null, splits: SplitCorpora): Promise<PreparedData<B, Meta>>;
  /** The network the meta describes, freshly initialised (seeded). */
  build(meta: Meta): M;
  /** Before training a new run: e.g. pretrained embeddings. Returns notes for the progress line and figures for the summary. */
  initialize?(ctx: EngineContext, model: M, meta: Meta): Promise<{ notes: string[]; summary: Record<string, number> }>;
  /** Per-step values besides loss, lr, tokens/s and gradient norm (e.g. the LM's perplexity). */
  stepValues?(loss: number, meta: Meta): Record<string, number>;
  /** Figures of the trained model for the run's summary, e.g. its vocabulary sizes. */
  summaryFigures(meta: Meta): Record<string, number>;
  /**
   * Loss and metrics on held-out batches: `validation` after every epoch (kept cheap), `test` at the end and for
   * `model.evaluate` (e.g. translations by beam search instead of greedy). `onProgress`: examples done of all.
   */
  evaluate(model: M, meta: Meta, batches: B[], purpose: 'validation' | 'test', onProgress?: (done: number, total: number) => void): Promise<Evaluation>;
  /** The validation figure early stopping and the `best` checkpoint maximise (e.g. accuracy, −loss). */
  validationScore(metrics: Record<string, number>, meta: Meta): number;
  /** The figures an epoch's point records, by their curve names (valLoss, valAccuracy, bleu, …). */
  epochMetrics(metrics: Record<string, number>, meta: Meta): Record<string, number>;
  /** What a finished epoch adds to the report: generated samples, predictions, translations, attention. */
  epochReport(model: M, data: PreparedData<B, Meta>, epoch: number, report: RunReport): Promise<void>;
  /** Write the exportable model into the run folder's EXPORT_DIR (the export flow zips it). */
  export(model: M, meta: Meta, dir: string, card: CardFacts): Promise<void>;
  /** Load the weights of an exported folder (what `export` wrote) into the model, by name. */
  loadExport(model: M, meta: Meta, folder: string): Promise<void>;
  /** The meta a spec would give on a corpus, without reading all of it: for the layer summary before training. */
  sketch(ctx: EngineContext, corpus: CorpusInfo, spec: NeuralSpec): Promise<Meta>;
  /** Read a meta file's JSON (also older layouts of it); null when it is not this family's. */
  readMeta(json: unknown): Meta | null;
  /**
   * The model's embedding layers the explorer can show as word vectors, first the default one (a classifier's
   * `embedding`; a translator's `source` and `target`). Read from the checkpoint by weight name, without building
   * the network (engine/vectors/run-embeddings.ts).
   */
  embeddings?(meta: Meta): EmbeddingLayer[];
  /** Answers of a trained model, where the task has them. */
  predict?(model: M, meta: Meta, text: string): Prediction;
  generate?(model: M, meta: Meta, request: GenerateRequest): string;
  /** A text as the model reads it (its tokens, the unknown ones): what the playground marks. */
  readInput?(meta: Meta, text: string): InputReading;
  translate?(model: M, meta: Meta, request: TranslateRequest): Translation[];
}

/** An embedding matrix of a trained model and the vocabulary its rows stand for. */
export interface EmbeddingLayer {
  /** Its name in `word2vec.*` calls' `layer`. */
  layer: string;
  /** What a person reads, e.g. "source embedding". */
  label: string;
  /** The checkpoint weight holding it. [tokens.length, emb] */
  weight: string;
  /** The vocabulary, aligned with the matrix's rows. */
  tokens: string[];
  /** Rows before this one are reserved tokens (`<pad>`, `<unk>`, …), left out of the explorer. */
  firstWord: number;
}

/** What a model card says about the run besides the model itself. */
export interface CardFacts {
  corpus: CorpusInfo;
  run: RunInfo;
  test: Record<string, number>;
  validation: Record<string, number>;
  summary: ModelSummary;
  backend: string;
  /** Names of the corpora given as the validation / test split (instead of random ones). */
  splits?: { validation?: string; test?: string };
}
