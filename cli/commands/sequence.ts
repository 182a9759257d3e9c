/**
 * Recurrent models on the command line:
 *   nlp-studio train classifier|tagger|lm --data PATH|ID [--val PATH|ID] [--test PATH|ID] --arch rnn|lstm|gru [--bidirectional] [--layers N] [--emb N]
 *     [--hidden N] [--dropout X] [--level word|char] [--epochs N] [--batch N] [--seq N] [--vocab N] [--steps N]
 *     [--lr X] [--optimizer adam|sgd] [--schedule constant|linear|cosine] [--warmup N] [--clip X] [--patience N]
 *     [--val-split X] [--test-split X] [--seed N] [--embeddings RUN|DIR [--freeze-embeddings]] [--text-col C]
 *     [--label-col C] [--out DIR] [--json]
 *   nlp-studio predict --model DIR|ID TEXT   (DIR: a run folder, or an exported tfjs/ folder)
 *          nlp-studio generate --model DIR|ID [--prompt T] [--max-tokens N] …
 *   nlp-studio evaluate --model DIR|ID --data PATH|ID [--json]      nlp-studio resume --model DIR|ID [--data PATH|ID] [--json]
 *   nlp-studio import-model FILE [--name N] [--json]   (an exported model zip → a run)
 * `--data` PATH is imported first with the task's format (label column / CoNLL or word/TAG / plain text); so are
 * `--val` and `--test`, which then replace the random validation / test split (--val-split / --test-split ignored).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CorpusInfo } from '../../contract/corpus.ts';
import { StudioError } from '../../contract/errors.ts';
import { GenerateRequest, RnnConfig } from '../../contract/sequence.ts';
import type { RunInfo } from '../../contract/runs.ts';
import { formatCount } from '../../engine/format.ts';
import { generate, loadSequenceModel, predict, type LoadedSequenceModel } from '../../engine/training/sequence-model.ts';
import { trainingBackend } from '../../engine/training/sequence-run.ts';
import { defined, intFlag, numberFlag, parse, requireFlag } from '../args.ts';
import { openSession, type Session } from '../engine-session.ts';
import { printJson } from '../output.ts';
import { importFiles, importOptions, importOptionsFromFlags } from './import.ts';

const TASKS = { classifier: 'classification', tagger: 'tagging', lm: 'text' } as const;
type Model = keyof typeof TASKS;

const trainOptions = {
  data: { type: 'string' },
  val: { type: 'string' },
  test: { type: 'string' },
  arch: { type: 'string' },
  bidirectional: { type: 'boolean' },
  layers: { type: 'string' },
  emb: { type: 'string' },
  hidden: { type: 'string' },
  dropout: { type: 'string' },
  level: { type: 'string' },
  epochs: { type: 'string' },
  batch: { type: 'string' },
  seq: { type: 'string' },
  vocab: { type: 'string' },
  steps: { type: 'string' },
  lr: { type: 'string' },
  optimizer: { type: 'string' },
  schedule: { type: 'string' },
  warmup: { type: 'string' },
  clip: { type: 'string' },
  patience: { type: 'string' },
  'val-split': { type: 'string' },
  'test-split': { type: 'string' },
  seed: { type: 'string' },
  embeddings: { type: 'string' },
  'freeze-embeddings': { type: 'boolean' },
  'text-col': { type: 'string' },
  'label-col': { type: 'string' },
  out: { type: 'string' },
  ...importOptions,
} as const;

function configFromFlags(v: Record<string, string | boolean | undefined>): RnnConfig {
  const optimizer = defined({ name: v.optimizer, lr: numberFlag(v.lr, 'lr'), schedule: v.schedule, warmupSteps: intFlag(v.warmup, 'warmup'), clipNorm: numberFlag(v.clip, 'clip') });
  const parsed = RnnConfig.safeParse(
    defined({
      arch: v.arch,
      bidirectional: v.bidirectional,
      layers: intFlag(v.layers, 'layers'),
      emb: intFlag(v.emb, 'emb'),
      hidden: intFlag(v.hidden, 'hidden'),
      dropout: numberFlag(v.dropout, 'dropout'),
      level: v.level,
      epochs: intFlag(v.epochs, 'epochs'),
      batch: intFlag(v.batch, 'batch'),
      seq: intFlag(v.seq, 'seq'),
      vocab: intFlag(v.vocab, 'vocab'),
      steps: intFlag(v.steps, 'steps'),
      patience: intFlag(v.patience, 'patience'),
      validationSplit: numberFlag(v['val-split'], 'val-split'),
      testSplit: numberFlag(v['test-split'], 'test-split'),
      seed: intFlag(v.seed, 'seed'),
      optimizer: Object.keys(optimizer).length > 0 ? optimizer : undefined,
      embeddings: typeof v.embeddings === 'string' ? { runId: v.embeddings, trainable: !v['freeze-embeddings'] } : undefined,
    }),
  );
  if (!parsed.success) throw new StudioError('ValidationError', parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

/** A workspace corpus id, or a file/folder imported now for the task. */
async function dataCorpus(session: Session, data: string, task: 'classification' | 'tagging' | 'text', v: Record<string, string | boolean | undefined>): Promise<CorpusInfo> {
  if (/^c-[a-z0-9-]+$/.test(data) && !existsSync(data)) return session.engine.handlers['corpus.get']({ id: data });
  const options = importOptionsFromFlags({ ...v, column: v['text-col'] ?? v.column });
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

const VALIDATION_KEYS = ['accuracy', 'macroF1', 'tagAccuracy', 'perplexity'] as const;

export async function runTrainSequence(model: Model, argv: string[]): Promise<void> {
  const { values: v } = parse(argv, trainOptions);
  const config = configFromFlags(v);
  if (model === 'lm' && config.bidirectional) throw new StudioError('ValidationError', '--bidirectional: a language model reads left to right');
  const session = await openSession(v);
  if (config.embeddings) config.embeddings.runId = embeddingsRun(session, config.embeddings.runId);
  const corpus = await dataCorpus(session, requireFlag(v.data, 'data'), TASKS[model], v);
  // --val / --test: files (or corpus ids) imported the same way, used instead of the random splits.
  const validation = typeof v.val === 'string' ? await dataCorpus(session, v.val, TASKS[model], v) : null;
  const test = typeof v.test === 'string' ? await dataCorpus(session, v.test, TASKS[model], v) : null;
  const splits = { ...(validation ? { validationCorpusId: validation.id } : {}), ...(test ? { testCorpusId: test.id } : {}) };
  const result = await session.runJob(
    () => session.engine.handlers['train.start']({ corpusId: corpus.id, spec: { model, config } as never, ...splits, ...(v.out ? { outDir: v.out } : {}) }),
    { quiet: v.json },
  );
  if (result.kind !== 'train') throw new StudioError('InternalError', 'Unexpected job result');
  printRun(session, result.run, corpus, v.json);
}

function printRun(session: Session, run: RunInfo, corpus: CorpusInfo | null, json: boolean | undefined): void {
  const s = run.summary ?? {};
  const outDir = session.engine.runDir(run.id);
  const validation = Object.fromEntries(VALIDATION_KEYS.filter((k) => s[k] !== undefined).map((k) => [k, s[k]]));
  const test = Object.fromEntries(Object.entries(s).filter(([k]) => k.startsWith('test')));
  if (json) {
    printJson({ runId: run.id, status: run.status, model: run.spec.model, ...(corpus ? { corpusId: corpus.id } : {}), backend: run.backend, steps: s.steps ?? null, epochs: s.epochs ?? null, loss: s.loss ?? null, tokensPerSec: s.tokensPerSec ?? null, seconds: s.seconds ?? null, ...validation, valLoss: s.valLoss ?? null, ...test, params: s.params ?? null, outDir });
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

/** An exported model folder (model.json + sequence.json, no run.json): used directly, no run needed. */
async function exportedModel(dir: string): Promise<LoadedSequenceModel | null> {
  if (!existsSync(path.join(dir, 'model.json')) || existsSync(path.join(dir, 'run.json'))) return null;
  await trainingBackend();
  return loadSequenceModel(dir);
}

export async function runPredict(argv: string[]): Promise<void> {
  const { values: v, positionals } = parse(argv, { model: { type: 'string' } });
  if (positionals.length === 0) throw new StudioError('ValidationError', 'Usage: nlp-studio predict --model DIR TEXT');
  const dir = requireFlag(v.model, 'model');
  const exported = await exportedModel(dir);
  const session = exported ? null : await openSession(v);
  const prediction = exported ? predict(exported, positionals.join(' ')) : await session!.engine.handlers['model.predict']({ runId: runIdFor(session!, dir), text: positionals.join(' ') });
  if (v.json) return printJson(prediction);
  if (prediction.task === 'classifier') {
    console.log(prediction.label);
    for (const p of prediction.probabilities.slice(0, 5)) console.log(`  ${p.label}\t${p.p.toFixed(4)}`);
  } else console.log(prediction.tokens.map((t) => `${t.token}/${t.tag}`).join(' '));
}

export async function runGenerate(argv: string[]): Promise<void> {
  const { values: v } = parse(argv, { model: { type: 'string' }, prompt: { type: 'string' }, 'max-tokens': { type: 'string' }, temperature: { type: 'string' }, 'top-k': { type: 'string' }, seed: { type: 'string' } });
  const request = GenerateRequest.parse(defined({ prompt: v.prompt, maxTokens: intFlag(v['max-tokens'], 'max-tokens'), temperature: numberFlag(v.temperature, 'temperature'), topK: intFlag(v['top-k'], 'top-k'), seed: intFlag(v.seed, 'seed') }));
  const dir = requireFlag(v.model, 'model');
  const exported = await exportedModel(dir);
  const text = exported ? generate(exported, request) : await openSession(v).then(async (session) => (await session.engine.handlers['model.generate']({ runId: runIdFor(session, dir), request })).text);
  if (v.json) printJson({ text });
  else console.log(text);
}

export async function runEvaluate(argv: string[]): Promise<void> {
  const { values: v } = parse(argv, { model: { type: 'string' }, data: { type: 'string' }, 'text-col': { type: 'string' }, 'label-col': { type: 'string' }, ...importOptions });
  const session = await openSession(v);
  const runId = runIdFor(session, requireFlag(v.model, 'model'));
  const run = await session.engine.runs.get(runId);
  const model = run.spec.model;
  if (model !== 'classifier' && model !== 'tagger' && model !== 'lm') throw new StudioError('ValidationError', `evaluate takes a classifier, tagger or lm run, not ${model}`);
  const corpus = await dataCorpus(session, requireFlag(v.data, 'data'), TASKS[model], v);
  const { metrics, report } = await session.engine.handlers['model.evaluate']({ runId, corpusId: corpus.id });
  if (v.json) return printJson({ runId, corpusId: corpus.id, backend: run.backend, ...metrics });
  console.log(Object.entries(metrics).map(([k, val]) => `${k} ${val.toFixed(4)}`).join(' · '));
  if (report.perClass) for (const c of report.perClass) console.log(`  ${c.label}\tP ${c.precision.toFixed(3)}  R ${c.recall.toFixed(3)}  F1 ${c.f1.toFixed(3)}  (${c.support})`);
}

export async function runResume(argv: string[]): Promise<void> {
  const { values: v } = parse(argv, { model: { type: 'string' }, data: { type: 'string' }, 'text-col': { type: 'string' }, 'label-col': { type: 'string' }, ...importOptions });
  const session = await openSession(v);
  const id = runIdFor(session, requireFlag(v.model, 'model'));
  // A run killed with the CLI is still marked running; its owner is gone, so it is paused now (see markInterrupted).
  const run = await session.engine.runs.markInterruptedRun(await session.engine.runs.get(id));
  const model = run.spec.model;
  // --data: continue on this corpus (needed for an imported model, which has none of its own).
  const corpus = typeof v.data === 'string' && (model === 'classifier' || model === 'tagger' || model === 'lm') ? await dataCorpus(session, v.data, TASKS[model], v) : null;
  const result = await session.runJob(() => session.engine.handlers['runs.resume']({ id, ...(corpus ? { corpusId: corpus.id } : {}) }), { quiet: v.json });
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
