/**
 * Neural models on the command line, whatever their family:
 *   nlp-studio train classifier|tagger|lm|translator --data PATH|ID [--val PATH|ID] [--test PATH|ID] [--arch FAMILY|CELL]
 *     architecture flags of the family (recurrent: --cell rnn|lstm|gru (or --arch rnn|lstm|gru) [--bidirectional]
 *     [--layers N] [--emb N] [--hidden N] [--dropout X] [--level word|char] [--seq N] [--vocab N]; seq2seq:
 *     --arch seq2seq [--cell gru|lstm] [--attention bahdanau|luong-dot|luong-general] [--no-input-feeding]
 *     [--teacher-forcing X] [--shared-vocab] [--max-length N] …), training flags shared by every family
 *     ([--epochs N] [--batch N] [--steps N] [--minutes X] [--optimizer adam|adamw|sgd] [--lr X] [--beta1 X] [--beta2 X]
 *     [--weight-decay X] [--schedule constant|linear|cosine|inverse-sqrt] [--warmup N] [--clip X] [--label-smoothing X]
 *     [--patience N] [--val-split X] [--test-split X] [--seed N]), [--embeddings RUN|DIR [--freeze-embeddings]]
 *     [--text-col C] [--label-col C] [--out DIR] [--json]
 *   nlp-studio predict --model DIR|ID TEXT   (DIR: a run folder, or an exported tfjs/ folder)
 *   nlp-studio generate --model DIR|ID [--prompt T] [--max-tokens N] …
 *   nlp-studio translate --model DIR|ID [--beam N] [--length-penalty X] [--max-length N] [TEXT…]  (no TEXT: stdin)
 *   nlp-studio evaluate --model DIR|ID --data PATH|ID [--json]
 *   nlp-studio resume --model DIR|ID [--data PATH|ID] [--lr X] [--weight-decay X] [--clip X] [--epochs N] [--steps N]
 *     [--minutes X] [--patience N] [--json]   (the flags change those settings for the rest of the run)
 *   nlp-studio import-model FILE [--name N] [--json]   (an exported model zip → a run)
 * `--data` PATH is imported first with the task's format (label column / CoNLL or word/TAG / plain text / pairs);
 * so are `--val` and `--test`, which then replace the random validation / test split (--val-split / --test-split
 * ignored). Flags take their kinds and bounds from the contract's schemas (cli/family-flags.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CorpusInfo } from '../../contract/corpus.ts';
import { StudioError } from '../../contract/errors.ts';
import { GenerateRequest, TranslateRequest } from '../../contract/models.ts';
import { engineMethods, type TrainStarted } from '../../contract/methods.ts';
import type { TrainingOverrides } from '../../contract/training.ts';
import { FamilyName, NeuralTask, TrainSpec, isNeuralSpec, type RunInfo } from '../../contract/runs.ts';
import { RnnCell } from '../../contract/rnn.ts';
import { formatCount } from '../../engine/format.ts';
import { loadModel, type LoadedModel } from '../../engine/families/load-model.ts';
import { trainingBackend } from '../../engine/training/family-run.ts';
import { parseBackendName, selectBackend } from '../../engine/backend/select-backend.ts';
import type { BackendName } from '../../contract/backend.ts';
import { lastCheckpointState } from '../../engine/training/train-loop.ts';
import { describeChanges } from '../../engine/training/resume-overrides.ts';
import { defined, parse, requireFlag } from '../args.ts';
import { openSession, type Session } from '../engine-session.ts';
import { printJson } from '../output.ts';
import { allArchFlags, archFlags, resumeFlags, trainingFlags } from '../family-flags.ts';
import { flagError, flagOptions, numberSetting, settingsFromFlags } from '../schema-flags.ts';
import { importFiles, importOptions, importOptionsFromFlags, pairImportOptions } from './import.ts';

/** Each task: the corpus task its data is imported for, and the family it trains by default. */
const TASKS = {
  classifier: { corpus: 'classification', family: 'rnn' },
  tagger: { corpus: 'tagging', family: 'rnn' },
  lm: { corpus: 'text', family: 'rnn' },
  translator: { corpus: 'translation', family: 'seq2seq' },
} as const satisfies Record<NeuralTask, { corpus: string; family: FamilyName }>;
type Task = keyof typeof TASKS;
type CorpusTask = (typeof TASKS)[Task]['corpus'];

/** One member of TrainSpec per task: the schema the flags are read through. */
const specSchema = (task: Task) => TrainSpec.options.find((o) => o.shape.model.value === task)!;

const trainOptions = {
  data: { type: 'string' },
  val: { type: 'string' },
  test: { type: 'string' },
  arch: { type: 'string' },
  embeddings: { type: 'string' },
  'freeze-embeddings': { type: 'boolean' },
  'text-col': { type: 'string' },
  'label-col': { type: 'string' },
  out: { type: 'string' },
  ...importOptions,
  ...pairImportOptions,
} as const;

/** `--arch`: a family name, or (recurrent tasks, as before families) a recurrent cell. */
function familyAndCell(task: Task, arch: string | undefined): { family: FamilyName; cell?: string } {
  if (arch === undefined) return { family: TASKS[task].family };
  if (FamilyName.safeParse(arch).success) return { family: arch as FamilyName };
  if (RnnCell.safeParse(arch).success && TASKS[task].family === 'rnn') return { family: 'rnn', cell: arch };
  throw new StudioError('ValidationError', `--arch: "${arch}" is not a model family for ${task} (${task === 'translator' ? 'seq2seq' : 'rnn, lstm, gru'})`);
}

function specFromFlags(task: Task, v: Record<string, unknown>): TrainSpec {
  const { family, cell } = familyAndCell(task, v.arch as string | undefined);
  const schema = specSchema(task);
  const used = [...trainingFlags, ...archFlags[family]];
  const foreign = allArchFlags().find((f) => v[f.flag] !== undefined && !archFlags[family].some((g) => g.flag === f.flag));
  if (foreign) throw new StudioError('ValidationError', `--${foreign.flag} is not a setting of ${family} models`);
  const settings = settingsFromFlags(schema, used, v) as { arch?: Record<string, unknown>; training?: Record<string, unknown> };
  const arch = { family, ...(cell ? { cell } : {}), ...settings.arch, ...(typeof v.embeddings === 'string' ? { embeddings: { runId: v.embeddings, trainable: !v['freeze-embeddings'] } } : {}) };
  const parsed = schema.safeParse({ model: task, arch, training: settings.training ?? {} });
  if (!parsed.success) throw flagError(parsed.error.issues, used);
  return parsed.data as TrainSpec;
}

/** `--data` names a corpus of the workspace (else a file or folder to import). */
export const isCorpusId = (data: string) => /^c-[a-z0-9-]+$/.test(data) && !existsSync(data);

/** A workspace corpus id, or a file/folder imported now for the task. */
async function dataCorpus(session: Session, data: string, task: CorpusTask, v: Record<string, string | boolean | undefined>): Promise<CorpusInfo> {
  if (isCorpusId(data)) return session.engine.handlers['corpus.get']({ id: data });
  // The task goes in before parsing: the tokenizer's default depends on it (words+punct for translation).
  const options = importOptionsFromFlags({ ...v, task, column: v['text-col'] ?? v.column });
  // Tagging keeps the file's own tokens (and their case, unless asked otherwise is not possible here: --no-lowercase).
  return importFiles(session, [data], { ...options, task, ...(typeof v['label-col'] === 'string' ? { labelColumn: v['label-col'] } : {}) }, Boolean(v.json));
}

/**
 * `--embeddings`: a run id of the workspace, or a run folder (e.g. a word2vec `--out DIR`), which this process
 * then knows by its id.
 */
function embeddingsRun(session: Session, value: string): string {
  const runJson = path.join(value, 'run.json');
  if (!existsSync(runJson)) return value;
  const { id } = JSON.parse(readFileSync(runJson, 'utf8')) as { id: string };
  session.engine.runs.adopt(id, value);
  return id;
}

const VALIDATION_KEYS = ['accuracy', 'macroF1', 'tagAccuracy', 'perplexity', 'bleu', 'chrf', 'exactMatch'] as const;

/**
 * Run `start` (imports, then train.start); when it fails — the data checks refused the data, an import failed —
 * delete the corpora this command imported on the way, so a refused start leaves nothing behind.
 */
export async function withImports<T>(session: Session, imported: readonly string[], start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    for (const id of imported) await session.engine.handlers['corpus.delete']({ id }).catch(() => {});
    throw error;
  }
}

/** train.start, with the data checks' warnings on stderr (stdout stays the result, also with --json). */
export async function startTraining(session: Session, params: Parameters<Session['engine']['handlers']['train.start']>[0]): Promise<TrainStarted> {
  const started = await session.engine.handlers['train.start'](params);
  for (const warning of started.warnings ?? []) process.stderr.write(`Warning: ${warning}\n`);
  return started;
}

export async function runTrainNeural(task: Task, argv: string[]): Promise<void> {
  const options = { ...trainOptions, ...flagOptions(specSchema(task), [...trainingFlags, ...allArchFlags()]) };
  const { values: v } = parse(argv, options);
  if (task === 'lm' && (v as Record<string, unknown>).bidirectional) throw new StudioError('ValidationError', '--bidirectional: a language model reads left to right');
  const spec = specFromFlags(task, v);
  const pairFlags = Object.keys(pairImportOptions).filter((flag) => (v as Record<string, unknown>)[flag] !== undefined);
  if (task !== 'translator' && pairFlags.length > 0) throw new StudioError('ValidationError', `${pairFlags.map((f) => `--${f}`).join(', ')}: only for train translator`);
  const session = await openSession(v);
  if ('arch' in spec && spec.arch.embeddings) spec.arch.embeddings.runId = embeddingsRun(session, spec.arch.embeddings.runId);
  const flags = v as Record<string, string | boolean | undefined>;
  const imported: string[] = [];
  const take = async (data: string) => {
    const c = await dataCorpus(session, data, TASKS[task].corpus, flags);
    if (!isCorpusId(data)) imported.push(c.id);
    return c;
  };
  const { corpus, splits } = await withImports(session, imported, async () => {
    const corpus = await take(requireFlag(v.data as string | undefined, 'data'));
    // --val / --test: files (or corpus ids) imported the same way, used instead of the random splits.
    const validation = typeof v.val === 'string' ? await take(v.val) : null;
    const test = typeof v.test === 'string' ? await take(v.test) : null;
    return { corpus, splits: { ...(validation ? { validationCorpusId: validation.id } : {}), ...(test ? { testCorpusId: test.id } : {}) } };
  });
  let runId: string | null = null;
  const result = await session.runJob(
    () => withImports(session, imported, async () => {
      const started = await startTraining(session, { corpusId: corpus.id, spec, ...splits, ...(typeof v.out === 'string' ? { outDir: v.out } : {}) });
      runId = started.runId;
      return started;
    }),
    { quiet: v.json },
  ).catch((error: unknown) => {
    // A diverged run keeps its last finite checkpoint: say where, so it can be resumed or inspected.
    if (runId && error instanceof StudioError && error.name === 'DivergedError') process.stderr.write(`Run ${runId} is kept in ${session.engine.runDir(runId)}\n`);
    throw error;
  });
  if (result.kind !== 'train') throw new StudioError('InternalError', 'Unexpected job result');
  printRun(session, result.run, corpus, v.json);
}

function printRun(session: Session, run: RunInfo, corpus: CorpusInfo | null, json: boolean | undefined): void {
  const s = run.summary ?? {};
  const outDir = session.engine.runDir(run.id);
  const validation = Object.fromEntries(VALIDATION_KEYS.filter((k) => s[k] !== undefined).map((k) => [k, s[k]]));
  const test = Object.fromEntries(Object.entries(s).filter(([k]) => k.startsWith('test')));
  if (json) {
    // A translator's tokens/s counts target tokens (what the PyTorch anchor reports): say so in the name too.
    const speed = run.spec.model === 'translator' ? { targetTokensPerSec: s.tokensPerSec ?? null } : {};
    printJson({ runId: run.id, status: run.status, model: run.spec.model, ...(corpus ? { corpusId: corpus.id } : {}), backend: run.backend, steps: s.steps ?? null, epochs: s.epochs ?? null, loss: s.loss ?? null, tokensPerSec: s.tokensPerSec ?? null, ...speed, seconds: s.seconds ?? null, ...validation, valLoss: s.valLoss ?? null, ...test, params: s.params ?? null, outDir });
    return;
  }
  if (run.status === 'paused') {
    console.log(`Paused run ${run.id} at step ${s.steps ?? '?'}: nlp-studio resume --model ${outDir}`);
    return;
  }
  const figures = Object.entries(validation).map(([k, val]) => `${k} ${val.toFixed(4)}`).join(' · ');
  console.log(`Trained ${run.spec.model} on ${run.backend}: ${s.steps} steps in ${(s.seconds ?? 0).toFixed(1)} s (${formatCount(Math.round(s.tokensPerSec ?? 0))} tokens/s) · validation ${figures}`);
  console.log(`Test: ${Object.entries(test).map(([k, val]) => `${k} ${val.toFixed(4)}`).join(' · ')}`);
  console.log(`Run ${run.id} saved in ${outDir} (TensorFlow.js Layers export in ${path.join(outDir, 'tfjs')})`);
}

/** `--model` as a run folder (adopted by the session's run store) or a run id in the workspace. */
function runIdFor(session: Session, model: string): string {
  const runJson = path.join(model, 'run.json');
  if (existsSync(runJson)) {
    const id = (JSON.parse(readFileSync(runJson, 'utf8')) as { id: string }).id;
    session.engine.runs.adopt(id, model);
    return id;
  }
  if (/^r-[a-z0-9-]+$/.test(model)) return model;
  throw new StudioError('NotFoundError', `No model at ${model}: give a run folder or a run id`, { file: model });
}

/**
 * An exported model folder (model.json + family.json, no run.json): used directly, no run needed. It selects the
 * tensor backend as a session would (--backend, NLP_STUDIO_BACKEND, else the best available): without that, tfjs
 * stays on its pure-JS default.
 */
async function exportedModel(dir: string, flags: { backend?: string | boolean }): Promise<(LoadedModel & { backend: BackendName }) | null> {
  if (!existsSync(path.join(dir, 'model.json')) || existsSync(path.join(dir, 'run.json'))) return null;
  const { report } = await selectBackend(parseBackendName(typeof flags.backend === 'string' ? flags.backend : process.env.NLP_STUDIO_BACKEND));
  await trainingBackend();
  return Object.assign(await loadModel(dir), { backend: report.chosen });
}

/** A loaded model's answer of one kind, or an error saying its task has none. */
function answerOf<K extends 'predict' | 'generate' | 'translate'>(loaded: LoadedModel, what: K): NonNullable<LoadedModel['family'][K]> {
  const f = loaded.family[what];
  if (!f) throw new StudioError('ValidationError', `A ${loaded.meta.task} does not ${what}`);
  return f;
}

export async function runPredict(argv: string[]): Promise<void> {
  const { values: v, positionals } = parse(argv, { model: { type: 'string' } });
  if (positionals.length === 0) throw new StudioError('ValidationError', 'Usage: nlp-studio predict --model DIR TEXT');
  const dir = requireFlag(v.model, 'model');
  const exported = await exportedModel(dir, v);
  const session = exported ? null : await openSession(v);
  const prediction = exported ? answerOf(exported, 'predict')(exported.model, exported.meta, positionals.join(' ')) : await session!.engine.handlers['model.predict']({ runId: runIdFor(session!, dir), text: positionals.join(' ') });
  // With the tensor backend it ran on, from a run or an exported folder alike.
  if (v.json) return printJson({ ...prediction, backend: exported ? exported.backend : (await session!.engine.backend()).chosen });
  if (prediction.task === 'classifier') {
    console.log(prediction.label);
    for (const p of prediction.probabilities.slice(0, 5)) console.log(`  ${p.label}\t${p.p.toFixed(4)}`);
  } else console.log(prediction.tokens.map((t) => `${t.token}/${t.tag}`).join(' '));
}

export async function runGenerate(argv: string[]): Promise<void> {
  const { values: v } = parse(argv, { model: { type: 'string' }, prompt: { type: 'string' }, 'max-tokens': { type: 'string' }, temperature: { type: 'string' }, 'top-k': { type: 'string' }, seed: { type: 'string' } });
  const request = GenerateRequest.parse(defined({ prompt: v.prompt, maxTokens: numberSetting(GenerateRequest, ['maxTokens'], 'max-tokens', v['max-tokens']), temperature: numberSetting(GenerateRequest, ['temperature'], 'temperature', v.temperature), topK: numberSetting(GenerateRequest, ['topK'], 'top-k', v['top-k']), seed: numberSetting(GenerateRequest, ['seed'], 'seed', v.seed) }));
  const dir = requireFlag(v.model, 'model');
  const exported = await exportedModel(dir, v);
  const text = exported ? answerOf(exported, 'generate')(exported.model, exported.meta, request) : await openSession(v).then(async (session) => (await session.engine.handlers['model.generate']({ runId: runIdFor(session, dir), request })).text);
  if (v.json) printJson({ text });
  else console.log(text);
}

export async function runEvaluate(argv: string[]): Promise<void> {
  const { values: v } = parse(argv, { model: { type: 'string' }, data: { type: 'string' }, 'text-col': { type: 'string' }, 'label-col': { type: 'string' }, ...importOptions });
  const session = await openSession(v);
  const runId = runIdFor(session, requireFlag(v.model, 'model'));
  const run = await session.engine.runs.get(runId);
  const model = run.spec.model;
  if (!(model in TASKS)) throw new StudioError('ValidationError', `evaluate takes a neural run (${Object.keys(TASKS).join(', ')}), not ${model}`);
  const corpus = await dataCorpus(session, requireFlag(v.data, 'data'), TASKS[model as Task].corpus, v);
  const { metrics, report } = await session.engine.handlers['model.evaluate']({ runId, corpusId: corpus.id });
  if (v.json) return printJson({ runId, corpusId: corpus.id, backend: run.backend, ...metrics });
  console.log(Object.entries(metrics).map(([k, val]) => `${k} ${val.toFixed(4)}`).join(' · '));
  if (report.perClass) for (const c of report.perClass) console.log(`  ${c.label}\tP ${c.precision.toFixed(3)}  R ${c.recall.toFixed(3)}  F1 ${c.f1.toFixed(3)}  (${c.support})`);
}

export async function runResume(argv: string[]): Promise<void> {
  const resumeInput = engineMethods['runs.resume'].input;
  const { values: v } = parse(argv, { model: { type: 'string' }, data: { type: 'string' }, 'text-col': { type: 'string' }, 'label-col': { type: 'string' }, ...importOptions, ...flagOptions(resumeInput, resumeFlags) });
  // --lr, --clip, --epochs …: settings changed for the rest of the run, checked before anything is opened.
  const overrides = settingsFromFlags(resumeInput, resumeFlags, v) as { training?: TrainingOverrides };
  const checked = resumeInput.safeParse({ id: 'r-flags', ...overrides });
  if (!checked.success) throw flagError(checked.error.issues, resumeFlags);
  const session = await openSession(v);
  const id = runIdFor(session, requireFlag(v.model, 'model'));
  // A run whose training process died is still marked running until read: reading it marks it interrupted.
  const run = await session.engine.runs.get(id);
  const model = run.spec.model;
  // --data: continue on this corpus (needed for an imported model, which has none of its own).
  const corpus = typeof v.data === 'string' && model in TASKS ? await dataCorpus(session, v.data, TASKS[model as Task].corpus, v) : null;
  const start = async () => {
    // Refused (naming the process) while any process trains or deletes the run; from here on it is ours.
    const started = await session.engine.handlers['runs.resume']({ id, ...(corpus ? { corpusId: corpus.id } : {}), ...(checked.data.training ? { training: checked.data.training } : {}) });
    const state = await lastCheckpointState(session.engine.runDir(id));
    // The run as it now trains: the epochs may have been changed by --epochs.
    const now = await session.engine.runs.get(id);
    const epochs = isNeuralSpec(now.spec) ? now.spec.training.epochs : null;
    const of = epochs ? ` of ${epochs}` : '';
    const where = !state ? 'its last checkpoint' : state.batchInEpoch > 0 ? `step ${state.step} · epoch ${state.epoch + 1}${of}, batch ${state.batchInEpoch + 1}` : `step ${state.step} · epoch ${state.epoch}${of} done`;
    const changes = describeChanges(now.resumes?.at(-1)?.changed ?? {});
    // With --json the last stdout line is the result: say it on stderr.
    (v.json ? console.error : console.log)(`Resuming run ${id} from ${where}${changes ? ` with ${changes}` : ''}`);
    return started;
  };
  const result = await session.runJob(start, { quiet: v.json });
  if (result.kind !== 'train') throw new StudioError('InternalError', 'Unexpected job result');
  printRun(session, result.run, null, v.json);
}

/** `nlp-studio import-model FILE [--name N] [--json]`: an exported model zip as a new run of the workspace. */
export async function runImportModel(argv: string[]): Promise<void> {
  const { values: v, positionals } = parse(argv, { name: { type: 'string' } });
  if (positionals.length !== 1) throw new StudioError('ValidationError', 'Usage: nlp-studio import-model FILE [--name NAME] [--json]  (FILE: a model zip exported by NLP Studio)');
  const file = path.resolve(positionals[0]);
  const session = await openSession(v);
  const { runId } = await session.engine.handlers['model.import']({ path: file, ...(typeof v.name === 'string' ? { name: v.name } : {}) });
  const run = await session.engine.runs.get(runId);
  const outDir = session.engine.runDir(runId);
  if (v.json) return printJson({ runId, name: run.name, model: run.spec.model, params: run.summary?.params ?? null, outDir });
  console.log(`Imported ${run.spec.model} "${run.name}" (${formatCount(run.summary?.params ?? 0)} parameters) from ${path.basename(file)}`);
  console.log(`Run ${runId} saved in ${outDir}: predict/evaluate/generate --model ${runId}, or continue training with resume --model ${runId} --data PATH|ID`);
}

/**
 * `nlp-studio translate --model DIR|ID [--beam N] [--length-penalty X] [--max-length N] [TEXT…]`: each TEXT is a
 * sentence; with none, stdin is read, one sentence a line, and each translation is printed on its own line.
 */
export async function runTranslate(argv: string[]): Promise<void> {
  const { values: v, positionals } = parse(argv, { model: { type: 'string' }, beam: { type: 'string' }, 'length-penalty': { type: 'string' }, 'max-length': { type: 'string' } });
  const texts = positionals.length > 0 ? [positionals.join(' ')] : readFileSync(0, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (texts.length === 0) throw new StudioError('ValidationError', 'Nothing to translate: give a sentence, or lines on stdin');
  const settings = defined({ beam: numberSetting(TranslateRequest, ['beam'], 'beam', v.beam), lengthPenalty: numberSetting(TranslateRequest, ['lengthPenalty'], 'length-penalty', v['length-penalty']), maxLength: numberSetting(TranslateRequest, ['maxLength'], 'max-length', v['max-length']) });
  const dir = requireFlag(v.model, 'model');
  const exported = await exportedModel(dir, v);
  const session = exported ? null : await openSession(v);
  const runId = session ? runIdFor(session, dir) : null;
  const translations = [];
  // In slices, so a long stdin stream is translated in batches of a bounded size.
  for (let i = 0; i < texts.length; i += 64) {
    const parsed = TranslateRequest.safeParse({ ...settings, texts: texts.slice(i, i + 64), latest: false });
    if (!parsed.success) throw flagError(parsed.error.issues, [{ flag: 'beam', path: ['beam'] }, { flag: 'length-penalty', path: ['lengthPenalty'] }, { flag: 'max-length', path: ['maxLength'] }]);
    translations.push(...(exported ? answerOf(exported, 'translate')(exported.model, exported.meta, parsed.data) : (await session!.engine.handlers['model.translate']({ runId: runId!, request: parsed.data })).translations));
  }
  if (v.json) return printJson({ translations: translations.map((t, i) => ({ source: texts[i], text: t.text, score: t.score, unknown: t.unknown })) });
  for (const t of translations) console.log(t.text);
}
