/**
 * The one table of RPC methods. Every host validates incoming arguments against `input` before anything runs;
 * `output` documents (and in tests checks) what comes back.
 *
 * Two audiences:
 * - `studioMethods`: what the renderer calls through `window.studio`. Files are opaque handles that the host
 *   handed out for files the user picked or dropped — the renderer never sends a path.
 * - `engineMethods`: what hosts (Electron main, web host, CLI) call on the engine process. Same methods, but the
 *   host has resolved handles to paths.
 */
import { z } from './zod.ts';
import { BackendReport } from './backend.ts';
import { CorpusId, CorpusInfo, FilePreview, ImportOptions, PairCheck, TokenPreview } from './corpus.ts';
import { JobId, JobSummary } from './jobs.ts';
import { RunDetails, RunId, RunInfo, TrainSpec } from './runs.ts';
import { GenerateRequest, InputReading, ModelSummary, Prediction, RunReport, TranslateRequest, Translation } from './models.ts';
import { FileIdentity } from './files.ts';
import { Evaluation, ExportFormat, Neighbor, Projection, ProjectionRequest, VectorsImportOptions } from './word2vec.ts';
import { TrainingOverrides } from './training.ts';
import { ChapterId, SampleChapter, SampleImported } from './samples.ts';
import { UiLocale } from './locale.ts';

export interface MethodSchema<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}
const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSchema<I, O> => ({ input, output });
const none = z.strictObject({});
const ok = z.object({});

/** An opaque token for a file the user picked or dropped; only the host knows the path behind it. */
export const FileHandle = z.string().regex(/^fh-[A-Za-z0-9_-]{16,64}$/, 'not a file handle');
export const PickedFile = z.object({ handle: FileHandle, name: z.string(), sizeBytes: z.number().int().nonnegative() });
export type PickedFile = z.infer<typeof PickedFile>;

export const AppInfo = z.object({
  version: z.string(),
  workspace: z.string(),
  backend: BackendReport,
});
export type AppInfo = z.infer<typeof AppInfo>;

/** What the engine process costs right now (`app.diagnostics`): a leak shows as one of these growing over time. */
export const EngineDiagnostics = z.object({
  pid: z.number().int(),
  rssBytes: z.number().nonnegative(),
  heapUsedBytes: z.number().nonnegative(),
  /** Live tfjs tensors; null while tfjs has not been loaded (word2vec alone never loads it). */
  tensors: z.number().int().nonnegative().nullable(),
  /** Active libuv resources (timers, sockets, file handles…): process.getActiveResourcesInfo(). */
  handles: z.number().int().nonnegative(),
  uptimeSeconds: z.number().nonnegative(),
});
export type EngineDiagnostics = z.infer<typeof EngineDiagnostics>;

export const ExportId = z.string().regex(/^x-[a-z0-9-]{4,64}$/, 'not an export id');
export const ExportInfo = z.object({
  id: ExportId,
  runId: RunId,
  format: ExportFormat,
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  createdAt: z.string(),
});
export type ExportInfo = z.infer<typeof ExportInfo>;

const word = z.string().trim().min(1).max(200);
const top = z.number().int().min(1).max(1000).default(10);
/**
 * Which embedding layer of a neural run the explorer's calls read, as its family names them (`embedding` for the
 * recurrent models; `source` / `target` for a translator). Omitted: the family's first; ignored for word vectors.
 */
const layer = z.string().trim().min(1).max(100).optional();

/**
 * `train.start`'s split corpora (classifier, tagger, lm): a corpus of the workspace, imported for the same task and
 * with the same tokenisation, used as the validation / test set instead of a random split of the training corpus
 * (`config.validationSplit` / `config.testSplit` are then ignored for that set). A corpus of the wrong task
 * (no labels for a classifier, no tags for a tagger) is a ValidationError; word2vec takes neither.
 */
const splitCorpora = { validationCorpusId: CorpusId.optional(), testCorpusId: CorpusId.optional() };

/**
 * `train.start`'s `requestId`: chosen by the client once per Start press. A call repeated with the same id (a
 * retried message, a second click that got through) answers with the first call's run and job instead of a second run.
 */
const startRequest = { requestId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'not a request id').optional() };
/** A training job started: its run, and what the data checks found doubtful (an empty split, a guessed label column). */
export const TrainStarted = z.object({ jobId: JobId, runId: RunId, warnings: z.array(z.string()).optional() });
export type TrainStarted = z.infer<typeof TrainStarted>;

/** Methods whose arguments are the same for the renderer and the engine. */
const sharedMethods = {
  'app.info': method(none, AppInfo),
  'app.diagnostics': method(none, EngineDiagnostics),
  'corpus.list': method(none, z.array(CorpusInfo)),
  'corpus.get': method(z.strictObject({ id: CorpusId }), CorpusInfo),
  'corpus.delete': method(z.strictObject({ id: CorpusId }), ok),
  /** The first-run guide's chapters: a sample file shipped with the app, a training preset, what to look at. */
  'samples.list': method(none, z.array(SampleChapter)),
  /** Import a chapter's sample as a corpus (or find the one an earlier import made); not a job, the files are small. */
  'samples.import': method(z.strictObject({ chapter: ChapterId }), SampleImported),
  'train.start': method(
    z.strictObject({ corpusId: CorpusId, spec: TrainSpec, name: z.string().trim().min(1).max(200).optional(), ...splitCorpora, ...startRequest }),
    TrainStarted,
  ),
  'jobs.list': method(none, z.array(JobSummary)),
  'jobs.cancel': method(z.strictObject({ jobId: JobId }), ok),
  'runs.list': method(none, z.array(RunInfo)),
  'runs.get': method(z.strictObject({ id: RunId }), RunDetails),
  'runs.delete': method(z.strictObject({ id: RunId }), ok),
  /** Rename or re-tag a run. */
  'runs.update': method(z.strictObject({ id: RunId, name: z.string().trim().min(1).max(200).optional(), tags: z.array(z.string().trim().min(1).max(50)).max(20).optional() }), RunInfo),
  /**
   * Continue a paused or interrupted neural run from its last checkpoint (also after the app or CLI was killed), or
   * continue training an imported model. `corpusId`: the corpus to train on — required for an imported run (it has
   * none), otherwise the run's own; a run continued on another corpus keeps its vocabulary and labels. Also a run
   * that failed by diverging (DivergedError), from its last finite checkpoint. `training`: settings changed for the
   * rest of the run (a lower learning rate, a longer budget), recorded in the run's `resumes`.
   */
  'runs.resume': method(z.strictObject({ id: RunId, corpusId: CorpusId.optional(), training: TrainingOverrides.optional() }), z.object({ jobId: JobId, runId: RunId })),
  /** Stop a training job at the next step with a checkpoint; the run becomes `paused`. */
  'jobs.pause': method(z.strictObject({ jobId: JobId }), ok),
  /** Layers, shapes and parameter counts of a model for a corpus, before training it. */
  'model.summary': method(z.strictObject({ corpusId: CorpusId, spec: TrainSpec }), ModelSummary),
  /** Classifier: label + probabilities; tagger: a tag per token. */
  'model.predict': method(z.strictObject({ runId: RunId, text: z.string().min(1).max(100_000) }), Prediction),
  /** Language model: continue a prompt. */
  'model.generate': method(z.strictObject({ runId: RunId, request: GenerateRequest.default(GenerateRequest.parse({})) }), z.object({ text: z.string(), input: InputReading.optional() })),
  /**
   * Translator: translate sentences with beam search (width 1 = greedy), each with its attention weights. A run
   * still training answers from its latest checkpoint (`request.latest`), so the user can try it while it learns.
   */
  'model.translate': method(z.strictObject({ runId: RunId, request: TranslateRequest }), z.object({ translations: z.array(Translation) })),
  /** Evaluate a trained model on a corpus of the workspace (its test metrics). */
  'model.evaluate': method(z.strictObject({ runId: RunId, corpusId: CorpusId }), z.object({ metrics: z.record(z.string(), z.number()), report: RunReport })),
  'word2vec.neighbors': method(z.strictObject({ runId: RunId, layer, word, top }), z.array(Neighbor)),
  'word2vec.similarity': method(z.strictObject({ runId: RunId, layer, a: word, b: word }), z.object({ score: z.number() })),
  'word2vec.analogy': method(
    z.strictObject({ runId: RunId, layer, a: word, b: word, c: word, top }),
    z.array(Neighbor),
  ),
  /** Words of a run's vocabulary starting with `prefix`, most frequent first (for autocompletion). */
  'word2vec.vocabulary': method(
    z.strictObject({ runId: RunId, layer, prefix: z.string().max(200).default(''), limit: z.number().int().min(1).max(1000).default(20) }),
    z.object({ total: z.number().int().nonnegative(), words: z.array(z.object({ word: z.string(), count: z.number() })) }),
  ),
  /** A 2-D/3-D layout of the most frequent words; for a run still training, from its latest snapshot. */
  'word2vec.projection': method(z.strictObject({ runId: RunId, layer, request: ProjectionRequest.default(ProjectionRequest.parse({})) }), Projection),
  /** Writes the export into the workspace's `exports/`; the bridge's `exports.save` then hands it to the user. */
  'export.create': method(z.strictObject({ runId: RunId, format: ExportFormat }), ExportInfo),
} as const;

export const studioMethods = {
  ...sharedMethods,
  /** Import a pretrained vectors file as a run (a job: `vectors` kind). */
  'vectors.import': method(z.strictObject({ file: FileHandle, options: VectorsImportOptions.default(VectorsImportOptions.parse({})) }), z.object({ jobId: JobId, runId: RunId })),
  /** Evaluate a run's vectors on an analogy file (questions-words format) and/or a word-similarity TSV. */
  'word2vec.evaluate': method(z.strictObject({ runId: RunId, analogies: FileHandle.optional(), similarity: FileHandle.optional() }), Evaluation),
  'corpus.preview': method(z.strictObject({ file: FileHandle }), FilePreview),
  /** What a dropped or picked file is (a corpus, an exported model, a vectors file), so it is imported as that. */
  'file.identify': method(z.strictObject({ file: FileHandle }), FileIdentity),
  /**
   * Import a model exported by NLP Studio (the TensorFlow.js zip: `model/model.json` + weights + `sequence.json`) as
   * a new completed run without a corpus: predict, generate, evaluate and export it, or continue training it with
   * `runs.resume` and a corpus. Not a job: it takes about as long as loading the model.
   */
  'model.import': method(z.strictObject({ file: FileHandle, name: z.string().trim().min(1).max(200).optional() }), z.object({ runId: RunId })),
  'corpus.import': method(
    z.strictObject({ files: z.array(FileHandle).min(1).max(1000), options: ImportOptions.default(ImportOptions.parse({})) }),
    z.object({ jobId: JobId }),
  ),
  /**
   * Translation: read sentence-pair files as `corpus.import` with these options (task `translation`) would, and
   * report the pairs it would keep and every issue with its lines, writing nothing — so the import form can show
   * the issues and offer "Filter them out" or "Cancel" before importing. Reads the files whole (not a job: about a
   * second per 100,000 pairs). Two aligned files are given as [source, target].
   */
  'corpus.checkPairs': method(z.strictObject({ files: z.array(FileHandle).min(1).max(1000), options: ImportOptions }), PairCheck),
  /**
   * How a few documents are tokenised and what is dropped: of a picked file with the import's options (before an
   * import), or of an imported corpus with its own settings (before training).
   */
  'corpus.tokenPreview': method(z.union([z.strictObject({ file: FileHandle, options: ImportOptions }), z.strictObject({ corpusId: CorpusId })]), TokenPreview),
} as const;

export const enginePath = z.string().min(1);
export const engineMethods = {
  ...sharedMethods,
  'vectors.import': method(
    z.strictObject({ path: enginePath, displayName: z.string().optional(), options: VectorsImportOptions.default(VectorsImportOptions.parse({})) }),
    z.object({ jobId: JobId, runId: RunId }),
  ),
  'word2vec.evaluate': method(z.strictObject({ runId: RunId, analogies: enginePath.optional(), similarity: enginePath.optional() }), Evaluation),
  'corpus.preview': method(z.strictObject({ path: enginePath, displayName: z.string().optional() }), FilePreview),
  'file.identify': method(z.strictObject({ path: enginePath, displayName: z.string().optional() }), FileIdentity),
  'model.import': method(z.strictObject({ path: enginePath, displayName: z.string().optional(), name: z.string().trim().min(1).max(200).optional() }), z.object({ runId: RunId })),
  'corpus.import': method(
    z.strictObject({
      paths: z.array(enginePath).min(1),
      /** What the user sees as each file's name (uploads live under random names). Defaults to the basename. */
      displayNames: z.array(z.string()).optional(),
      options: ImportOptions.default(ImportOptions.parse({})),
    }),
    z.object({ jobId: JobId }),
  ),
  /**
   * Translation: read sentence-pair files as `corpus.import` with these options (task `translation`) would, and
   * report the pairs it would keep and every issue with its lines, writing nothing — so the import form can show
   * the issues and offer "Filter them out" or "Cancel" before importing. Reads the files whole (not a job: about a
   * second per 100,000 pairs). Two aligned files are given as [source, target].
   */
  'corpus.checkPairs': method(z.strictObject({ paths: z.array(enginePath).min(1), displayNames: z.array(z.string()).optional(), options: ImportOptions }), PairCheck),
  'corpus.tokenPreview': method(
    z.union([z.strictObject({ path: enginePath, displayName: z.string().optional(), options: ImportOptions }), z.strictObject({ corpusId: CorpusId })]),
    TokenPreview,
  ),
  'train.start': method(
    z.strictObject({
      corpusId: CorpusId,
      spec: TrainSpec,
      name: z.string().trim().min(1).max(200).optional(),
      /** CLI `--out DIR`: the run folder goes there instead of `runs/<id>` in the workspace. */
      outDir: enginePath.optional(),
      ...splitCorpora,
      ...startRequest,
    }),
    TrainStarted,
  ),
  /** Absolute path of an export, for the host to copy or stream it to the user. */
  'export.locate': method(z.strictObject({ id: ExportId }), z.object({ path: z.string(), info: ExportInfo })),
} as const;

/**
 * Methods only the trusted half of a bridge may call: the Electron preload (dialogs, dropped-file paths) — never
 * reachable from renderer code, which only sees the typed `window.studio` object.
 */
export const hostMethods = {
  'host.pickFiles': method(none, z.array(PickedFile)),
  'host.registerDropped': method(z.strictObject({ paths: z.array(z.string().min(1)).min(1).max(1000) }), z.array(PickedFile)),
  /** A dropped File with no path on disk (text dragged from another app, a synthetic drop): its bytes. */
  'host.registerContent': method(z.strictObject({ name: z.string().min(1).max(1000), bytes: z.instanceof(Uint8Array) }), PickedFile),
  'host.saveExport': method(z.strictObject({ id: ExportId }), z.object({ saved: z.boolean(), location: z.string().nullable() })),
  /** The UI's language changed: the desktop shell's menus and notifications follow it. */
  'host.setLocale': method(z.strictObject({ locale: UiLocale }), z.object({ locale: UiLocale })),
} as const;

export type StudioMethods = typeof studioMethods;
export type EngineMethods = typeof engineMethods;
export type HostMethods = typeof hostMethods;
export type MethodTable = Record<string, MethodSchema>;

export type MethodInput<T extends MethodTable, K extends keyof T> = z.input<T[K]['input']>;
/** What a handler receives: the parsed input, defaults filled in. */
export type MethodArgs<T extends MethodTable, K extends keyof T> = z.output<T[K]['input']>;
export type MethodOutput<T extends MethodTable, K extends keyof T> = z.output<T[K]['output']>;

/** The implementation side of a table: one async function per method, receiving validated arguments. */
export type Handlers<T extends MethodTable> = {
  [K in keyof T]: (args: MethodArgs<T, K>) => Promise<MethodOutput<T, K>>;
};
