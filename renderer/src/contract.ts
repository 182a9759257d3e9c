/** The renderer's view of contract/: the types of `window.studio`'s arguments and results, and pure helpers. */
export { describeError, toStudioError, StudioError } from '../../contract/errors.ts';
export type { ErrorData, ErrorName } from '../../contract/errors.ts';
export { Encoding, CorpusFormat, Tokenizer } from '../../contract/corpus.ts';
export type { CorpusInfo, CorpusStats, FilePreview, ImportOptionsInput } from '../../contract/corpus.ts';
export { Word2VecConfig, VectorFormat, ExportFormat, PretrainedFormat } from '../../contract/word2vec.ts';
export type { Evaluation, AnalogyEvaluation, SimilarityEvaluation } from '../../contract/word2vec.ts';
export type { Word2VecConfigInput, Neighbor, Projection } from '../../contract/word2vec.ts';
export type { RunDetails, RunInfo, RunSpec, RunSpecInput, RunStatus, MetricPoint, ModelName, TrainSpec } from '../../contract/runs.ts';
export { RnnConfig, OptimizerConfig, GenerateRequest } from '../../contract/models.ts';
export type { RnnConfigInput, ModelSummary, RunReport, Prediction } from '../../contract/models.ts';
export type { JobEvent, JobKind, JobResult, JobSummary } from '../../contract/jobs.ts';
export type { EngineEvent } from '../../contract/events.ts';
export type { BackendReport } from '../../contract/backend.ts';
export type { AppInfo, ExportInfo, PickedFile } from '../../contract/methods.ts';
export type { StudioApi } from '../../contract/studio-api.ts';
