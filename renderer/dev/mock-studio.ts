/**
 * Dev only: a fake `window.studio` with canned data and simulated jobs, to work on the renderer without the engine
 * and hosts. A running training survives a reload (sessionStorage), to exercise the renderer's pick-up path.
 * Scenarios (?scenario=…): `empty` (no corpora, no runs), `binary` (the picker also returns a binary file),
 * `import-fail` (imports fail half-way), `web` (exports download instead of being saved).
 */
import { StudioError } from '../src/contract.ts';
import type { CorpusInfo, FilePreview, JobEvent, JobSummary, MetricPoint, PickedFile, RunInfo, RunReport, StudioApi, TrainSpec, Word2VecConfig, EngineEvent } from '../src/contract.ts';
import { defaults, known, metricAt, neighborsOf, sampleCorpora, sampleRuns, similarityOf, vocabulary } from './mock-data.ts';
import { mockProjection } from './mock-projection.ts';
import { mockEvaluation, pretrainedRuns } from './mock-vectors.ts';
import { flatConfig, generate, modelSummary, neuralCorpora, neuralMetricAt, neuralRuns, newsLabels, posTags, predict, reportFor, rnnDefaults, rnnSpec, type NeuralModel, type RnnConfig } from './mock-neural.ts';

interface Training {
  jobId: string;
  runId: string;
  startedAt: number;
  durationMs: number;
  totalWords: number;
  config: Word2VecConfig;
  /** Neural runs: the model and its config; `from` is the fraction already trained before a resume. */
  neural?: { model: NeuralModel; config: RnnConfig; from: number };
}

export interface MockControls {
  crash(restarting?: boolean): void;
  ready(): void;
  /** What Electron's File › Add files… menu does. */
  menuAddFiles(): void;
}

const TRAINING_KEY = 'nlp-studio-mock-training';
const backend = {
  chosen: 'wasm' as const,
  package: 'nlp-studio embedded (WebAssembly SIMD GEMM on @tensorflow/tfjs@4.22.0)',
  device: 'CPU (WASM SIMD, 4 threads)',
  attempts: [
    { backend: 'tensorflow-gpu' as const, ok: false, reason: '@tensorflow/tfjs-node-gpu is not installed' },
    { backend: 'tensorflow' as const, ok: false, reason: 'libtensorflow.so.2: cannot open shared object file (glibc 2.28 required)' },
    { backend: 'wasm' as const, ok: true, reason: 'WASM SIMD, 4 threads' },
  ],
};

export function createMockStudio(scenario: string, delayMs = 150): StudioApi & { mock: MockControls } {
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const emit = (event: 'job' | 'engine', payload: JobEvent | EngineEvent) =>
    listeners.get(event)?.forEach((listener) => (listener as (p: typeof payload) => void)(payload));
  const later = <T>(value: () => T): Promise<T> =>
    new Promise((resolve, reject) => setTimeout(() => {
      try {
        resolve(value());
      } catch (error) {
        reject(error);
      }
    }, delayMs));

  const empty = scenario === 'empty';
  let corpora: CorpusInfo[] = empty ? [] : [...sampleCorpora(), ...neuralCorpora(sampleCorpora()[0])];
  const runs = new Map<string, { run: RunInfo; metrics: MetricPoint[]; report: RunReport | null }>(
    empty ? [] : [...sampleRuns().map((r) => ({ ...r, report: null })), ...neuralRuns()].map((r) => [r.run.id, r]),
  );
  if (!empty) for (const r of pretrainedRuns()) runs.set(r.run.id, { ...r, report: null });
  const files = new Map<string, { name: string; size: number; file?: File }>();
  const timers = new Map<string, ReturnType<typeof setInterval>>();
  /** What `jobs.list` reports: every job whose timer runs, with its latest fraction. */
  const active = new Map<string, JobSummary>();
  const job = (event: JobEvent) => {
    if (event.type === 'started') active.set(event.job.jobId, event.job);
    else if (event.type === 'progress') active.set(event.jobId, { ...active.get(event.jobId)!, fraction: event.fraction });
    else active.delete(event.jobId);
    emit('job', event);
  };
  let counter = Date.now() % 100_000;
  const id = (prefix: string) => `${prefix}-mock-${(counter++).toString(36)}`;
  const handleFor = (name: string, size: number, file?: File): PickedFile => {
    const handle = `fh-${crypto.randomUUID().replaceAll('-', '').slice(0, 24)}`;
    files.set(handle, { name, size, file });
    return { handle, name, sizeBytes: size };
  };

  // ---- files and previews -------------------------------------------------------------------------------------
  async function preview(handle: string): Promise<FilePreview> {
    await later(() => 0);
    const f = files.get(handle);
    if (!f) throw new StudioError('NotFoundError', `Unknown file handle ${handle}`);
    if (/\.(bin|exe|zip|png|gz)$/i.test(f.name)) {
      throw new StudioError('ImportError', `${f.name} looks like a binary file, not text (NUL bytes at offset 12)`, { file: f.name });
    }
    const base = { fileName: f.name, sizeBytes: f.size };
    if (f.name.endsWith('.csv')) {
      return { ...base, encoding: 'utf-8', encodingConfidence: 0.99, format: 'csv', columns: ['id', 'title', 'text', 'date'], defaultColumn: 'text',
        sampleLines: ['id,title,text,date', '1,Markets rally,"Stocks rose sharply on Monday as investors…",2021-03-01', '2,Storm warning,"The weather service issued a warning for…",2021-03-01', '3,Election,"Polls opened at seven in the morning…",2021-03-02'] };
    }
    if (f.name.endsWith('.jsonl')) {
      return { ...base, encoding: 'utf-8', encodingConfidence: 1, format: 'jsonl', columns: ['id', 'text', 'lang'], defaultColumn: 'text',
        sampleLines: ['{"id":1,"text":"The quick brown fox jumps over the lazy dog.","lang":"en"}', '{"id":2,"text":"A second line of text.","lang":"en"}'] };
    }
    if (f.file) {
      const text = await f.file.slice(0, 4096).text();
      return { ...base, encoding: 'utf-8', encodingConfidence: 0.97, format: 'text', columns: null, defaultColumn: null, sampleLines: text.split(/\r?\n/).slice(0, 8) };
    }
    return { ...base, encoding: 'gb18030', encodingConfidence: 0.82, format: 'text', columns: null, defaultColumn: null,
      sampleLines: ['今天天气很好，我们去公园散步了。', '这本书讲述了一个普通人的不平凡的故事。', '他说明天会下雨，所以我们改了计划。', '自然语言处理是人工智能的一个重要方向。'] };
  }

  // ---- jobs -----------------------------------------------------------------------------------------------------
  function startImport(handles: string[], name: string | undefined, task: CorpusInfo['task'] = 'text'): string {
    const jobId = id('j');
    const picked = handles.map((h) => files.get(h)!);
    const title = `Importing ${picked.map((f) => f.name).join(', ')}`;
    job({ type: 'started', job: { jobId, kind: 'import', title, startedAt: new Date().toISOString(), runId: null, fraction: 0 } });
    const total = picked.reduce((sum, f) => sum + f.size, 0) || 1;
    const started = Date.now();
    const durationMs = 3000;
    timers.set(jobId, setInterval(() => {
      const fraction = Math.min(1, (Date.now() - started) / durationMs);
      if (scenario === 'import-fail' && fraction > 0.45) {
        stop(jobId);
        return job({ type: 'failed', jobId, error: { name: 'ImportError', message: `${picked[0].name}: invalid CSV: unterminated quoted field`, file: picked[0].name, line: 1832 } });
      }
      if (fraction >= 1) {
        stop(jobId);
        const corpus: CorpusInfo = {
          ...sampleCorpora()[0],
          id: id('c'),
          name: name ?? picked[0].name,
          createdAt: new Date().toISOString(),
          task,
          labels: task === 'classification' ? newsLabels.map((word, i) => ({ word, count: 2400 - i * 300 })) : task === 'tagging' ? posTags.map((word, i) => ({ word, count: 30_000 - i * 2500 })) : [],
          sources: picked.map((f) => ({ fileName: f.name, sizeBytes: f.size, encoding: f.name.endsWith('.txt') ? 'gb18030' : 'utf-8', format: f.name.endsWith('.csv') ? 'csv' : 'text', column: f.name.endsWith('.csv') ? 'text' : null, documents: 9_000 })),
        };
        corpora = [corpus, ...corpora];
        return job({ type: 'done', jobId, result: { kind: 'import', corpus } });
      }
      const done = fraction * total;
      job({ type: 'progress', jobId, fraction, etaSeconds: fraction > 0.1 ? ((1 - fraction) * durationMs) / 1000 : null, message: `${picked[0].name}: ${(done / 1e6).toFixed(1)} MB of ${(total / 1e6).toFixed(1)} MB` });
    }, 100));
    return jobId;
  }

  function runTraining(t: Training): void {
    if (t.neural) return runNeural(t, t.neural);
    const tick = () => {
      const entry = runs.get(t.runId)!;
      const fraction = Math.min(1, (Date.now() - t.startedAt) / t.durationMs);
      const point = metricAt(fraction, t.config, t.totalWords, t.durationMs / 1000);
      entry.metrics.push(point);
      if (fraction >= 1) {
        stop(t.jobId);
        sessionStorage.removeItem(TRAINING_KEY);
        entry.run = { ...entry.run, status: 'completed', finishedAt: new Date().toISOString(),
          summary: { vocabSize: 15_173, dim: t.config.dim, seconds: t.durationMs / 1000, wordsPerSec: point.values.wordsPerSec, loss: point.values.loss } };
        return job({ type: 'done', jobId: t.jobId, result: { kind: 'train', run: entry.run } });
      }
      const epoch = Math.min(t.config.epochs, Math.floor(point.epoch) + 1);
      job({ type: 'progress', jobId: t.jobId, fraction, etaSeconds: fraction > 0.02 ? ((1 - fraction) * t.durationMs) / 1000 : null,
        message: `epoch ${epoch}/${t.config.epochs} · ${Math.round(point.values.wordsPerSec).toLocaleString('en-US')} words/s`, point });
    };
    timers.set(t.jobId, setInterval(tick, 100));
  }

  /** A neural run: 10 points a second, validation values every ~quarter epoch, a sample per epoch. */
  function runNeural(t: Training, n: NonNullable<Training['neural']>): void {
    const seconds = t.durationMs / 1000;
    const total = t.durationMs / 100;
    const tick = () => {
      const entry = runs.get(t.runId)!;
      const fraction = Math.min(1, n.from + (Date.now() - t.startedAt) / t.durationMs);
      const i = entry.metrics.length;
      const point = { ...neuralMetricAt(n.model, fraction, n.config, seconds, i, Math.max(1, Math.round(total / (n.config.epochs * 4)))), step: i + 1 };
      entry.metrics.push(point);
      entry.report = reportFor(n.model, n.config, false, Math.floor(point.epoch));
      if (fraction >= 1) {
        stop(t.jobId);
        sessionStorage.removeItem(TRAINING_KEY);
        const report = reportFor(n.model, n.config, true);
        entry.report = report;
        entry.run = { ...entry.run, status: 'completed', finishedAt: new Date().toISOString(),
          summary: { ...Object.fromEntries(Object.entries(report.test ?? {}).map(([k, v]) => [`test${k[0].toUpperCase()}${k.slice(1)}`, v])), epochs: n.config.epochs, tokensPerSec: point.values.tokensPerSec, params: modelSummary(rnnSpec(n.model, n.config), corpora.find((c) => c.id === entry.run.corpusId) ?? corpora[0]).totalParams, seconds } };
        return job({ type: 'done', jobId: t.jobId, result: { kind: 'train', run: entry.run } });
      }
      const epoch = Math.min(n.config.epochs, Math.floor(point.epoch) + 1);
      job({ type: 'progress', jobId: t.jobId, fraction, etaSeconds: fraction > 0.02 ? ((1 - fraction) * t.durationMs) / 1000 : null,
        message: `epoch ${epoch}/${n.config.epochs} · ${Math.round(point.values.tokensPerSec).toLocaleString('en-US')} tokens/s`, point });
    };
    timers.set(t.jobId, setInterval(tick, 100));
  }

  function startTraining(corpusId: string, spec: TrainSpec, name: string | undefined) {
    const corpus = corpora.find((c) => c.id === corpusId);
    if (!corpus) throw new StudioError('NotFoundError', `No corpus ${corpusId}`);
    const config = spec.model === 'word2vec' ? { ...defaults, ...spec.config } : defaults;
    if (spec.model === 'translator') throw new StudioError('ValidationError', 'The mock engine has no translator: develop it against the web host (nlp-studio serve)');
    const neural = spec.model === 'word2vec' ? undefined : { model: spec.model, config: flatConfig(spec), from: 0 };
    const t: Training = { jobId: id('j'), runId: id('r'), startedAt: Date.now(), durationMs: neural ? 40_000 : 20_000, totalWords: corpus.stats.tokens, config, neural };
    const run: RunInfo = { id: t.runId, name: name ?? `${corpus.name} · ${spec.model}`, corpusId, corpusName: corpus.name, status: 'running', createdAt: new Date().toISOString(),
      finishedAt: null, backend: 'wasm', spec, summary: null, error: null, tags: [] };
    runs.set(t.runId, { run, metrics: [], report: null });
    sessionStorage.setItem(TRAINING_KEY, JSON.stringify({ ...t, run }));
    job({ type: 'started', job: { jobId: t.jobId, kind: 'train', title: `Training ${run.name}`, startedAt: run.createdAt, runId: t.runId, fraction: 0 } });
    runTraining(t);
    return { jobId: t.jobId, runId: t.runId };
  }

  // A training that was running when the page reloaded carries on, with its history rebuilt from the clock.
  const saved = sessionStorage.getItem(TRAINING_KEY);
  if (saved) {
    const t = JSON.parse(saved) as Training & { run: RunInfo };
    const steps = Math.floor((Date.now() - t.startedAt) / 100);
    if (steps * 100 < t.durationMs) {
      const metrics = t.neural
        ? Array.from({ length: steps }, (_, i) => neuralMetricAt(t.neural!.model, (i * 100) / t.durationMs, t.neural!.config, t.durationMs / 1000, i))
        : Array.from({ length: steps }, (_, i) => metricAt((i * 100) / t.durationMs, t.config, t.totalWords, t.durationMs / 1000));
      runs.set(t.runId, { run: t.run, metrics, report: null });
      active.set(t.jobId, { jobId: t.jobId, kind: 'train', title: `Training ${t.run.name}`, startedAt: t.run.createdAt, runId: t.runId, fraction: (steps * 100) / t.durationMs });
      runTraining(t);
    } else sessionStorage.removeItem(TRAINING_KEY);
  }

  /** `vectors.import`: a .txt/.vec/.bin file becomes a pretrained run in ~3 s; anything else fails as the engine would. */
  function startVectors(handle: string, options: { format?: string; maxWords?: number; name?: string } | undefined) {
    const f = files.get(handle);
    if (!f) throw new StudioError('NotFoundError', `Unknown file handle ${handle}`);
    if (!/\.(txt|vec|bin)$/i.test(f.name)) throw new StudioError('ImportError', `${f.name}, line 1: expected a word followed by its vector's numbers (GloVe) or a header "<number of words> <dimensions>" (word2vec, fastText)`, { file: f.name, line: 1 });
    const format = options?.format && options.format !== 'auto' ? options.format : f.name.endsWith('.bin') ? 'word2vec-bin' : f.name.endsWith('.vec') ? 'word2vec-text' : 'glove';
    const jobId = id('j');
    const run: RunInfo = { id: id('r'), name: options?.name ?? `pretrained · ${f.name}`, corpusId: null, corpusName: f.name, status: 'running', createdAt: new Date().toISOString(), finishedAt: null, backend: null,
      spec: { model: 'pretrained', config: { format: format as 'glove', fileName: f.name, maxWords: options?.maxWords ?? null } }, summary: null, error: null, tags: [] };
    runs.set(run.id, { run, metrics: [], report: null });
    job({ type: 'started', job: { jobId, kind: 'vectors', title: `Import ${f.name}`, startedAt: run.createdAt, runId: run.id, fraction: 0 } });
    const started = Date.now();
    timers.set(jobId, setInterval(() => {
      const fraction = Math.min(1, (Date.now() - started) / 3000);
      const entry = runs.get(run.id)!;
      if (fraction >= 1) {
        stop(jobId);
        entry.run = { ...entry.run, status: 'completed', finishedAt: new Date().toISOString(), summary: { vocabSize: Math.min(options?.maxWords ?? 400_000, 400_000), dim: 100, seconds: 3 } };
        return job({ type: 'done', jobId, result: { kind: 'vectors', run: entry.run } });
      }
      job({ type: 'progress', jobId, fraction: fraction * 0.95, etaSeconds: fraction > 0.1 ? (1 - fraction) * 3 : null, message: `${f.name}: ${((fraction * f.size) / 1e6).toFixed(1)} MB of ${(f.size / 1e6).toFixed(1)} MB · ${Math.round(fraction * 400_000).toLocaleString('en-US')} words` });
    }, 100));
    return { jobId, runId: run.id };
  }

  function stop(jobId: string): void {
    clearInterval(timers.get(jobId));
    timers.delete(jobId);
  }

  const word = (runId: string, w: string) => {
    if (!runs.get(runId)) throw new StudioError('NotFoundError', `No run ${runId}`);
    if (!known.has(w)) throw new StudioError('NotFoundError', `“${w}” is not in the vocabulary of this run`);
    return w;
  };

  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    files: {
      pick: () => later(() => [
        handleFor('news-2021.csv', 48_200_000),
        handleFor('weibo-gbk.txt', 12_700_000),
        ...(scenario === 'binary' ? [handleFor('model.bin', 3_400_000)] : []),
      ]),
      fromDrop: (dropped) => later(() => dropped.map((f) => handleFor(f.name, f.size, f))),
      saveExport: (exportId) => later(() => ({ saved: true, location: scenario === 'web' ? null : `/home/ada/Downloads/${exportId.replace(/^x-/, '')}.txt` })),
    },
    app: {
      info: () => later(() => ({ version: '0.1.0', workspace: '/home/ada/NLP Studio/workspace', backend })),
      diagnostics: () => later(() => ({ pid: 4242, rssBytes: 180e6, heapUsedBytes: 40e6, tensors: 12, handles: 3, uptimeSeconds: 60 })),
    },
    corpus: {
      list: () => later(() => corpora),
      get: ({ id: cid }) => later(() => {
        const corpus = corpora.find((c) => c.id === cid);
        if (!corpus) throw new StudioError('NotFoundError', `No corpus ${cid}`);
        return corpus;
      }),
      delete: ({ id: cid }) => later(() => ((corpora = corpora.filter((c) => c.id !== cid)), {})),
      preview: ({ file }) => preview(file),
      import: ({ files: handles, options }) => later(() => ({ jobId: startImport(handles, options?.name, options?.task) })),
      // Not faked: develop translation imports against the real engine through the web host (nlp-studio serve).
      checkPairs: () => later(() => {
        throw new StudioError('InternalError', 'Checking sentence pairs needs the real engine: run nlp-studio serve');
      }),
      tokenPreview: () => later(() => {
        throw new StudioError('InternalError', 'The token preview needs the real engine: run nlp-studio serve');
      }),
    },
    train: { start: ({ corpusId, spec, name }) => later(() => startTraining(corpusId, spec as TrainSpec, name)) },
    // The sample files live with the engine: the first-run guide is developed against the web host.
    samples: {
      list: () => later(() => []),
      import: () => later(() => {
        throw new StudioError('NotFoundError', 'The mock engine has no samples: develop the first-run guide against the web host (nlp-studio serve)');
      }),
    },
    jobs: {
      list: () => later(() => [...active.values()]),
      cancel: ({ jobId }) => later(() => {
        stop(jobId);
        const running = [...runs.values()].find((r) => r.run.status === 'running');
        if (running) {
          running.run = { ...running.run, status: 'cancelled', finishedAt: new Date().toISOString() };
          sessionStorage.removeItem(TRAINING_KEY);
        }
        setTimeout(() => job({ type: 'cancelled', jobId }), 200);
        return {};
      }),
      // As the engine does: the job ends `done` with its run `paused` (a checkpoint is kept).
      pause: ({ jobId }) => later(() => {
        const jobRun = active.get(jobId)?.runId;
        const entry = jobRun ? runs.get(jobRun) : undefined;
        if (!entry || entry.run.spec.model === 'word2vec') throw new StudioError('ValidationError', 'Only neural training jobs can be paused');
        stop(jobId);
        entry.run = { ...entry.run, status: 'paused' };
        sessionStorage.removeItem(TRAINING_KEY);
        setTimeout(() => job({ type: 'done', jobId, result: { kind: 'train', run: entry.run } }), 200);
        return {};
      }),
    },
    runs: {
      list: () => later(() => [...runs.values()].map((r) => r.run)),
      get: ({ id: rid }) => later(() => {
        const r = runs.get(rid);
        if (!r) throw new StudioError('NotFoundError', `No run ${rid}`);
        return { run: r.run, metrics: [...r.metrics], report: r.report };
      }),
      delete: ({ id: rid }) => later(() => (runs.delete(rid), {})),
      update: ({ id: rid, name, tags }) => later(() => {
        const r = runs.get(rid);
        if (!r) throw new StudioError('NotFoundError', `No run ${rid}`);
        r.run = { ...r.run, ...(name ? { name } : {}), ...(tags ? { tags: [...new Set(tags)] } : {}) };
        return r.run;
      }),
      resume: ({ id: rid }) => later(() => {
        const r = runs.get(rid);
        if (!r || r.run.spec.model === 'word2vec' || r.run.spec.model === 'pretrained') throw new StudioError('NotFoundError', `No resumable run ${rid}`);
        if (r.run.status !== 'paused') throw new StudioError('ValidationError', `Run ${rid} is ${r.run.status}, not paused`);
        if (r.run.spec.model === 'translator') throw new StudioError('ValidationError', 'The mock engine has no translator');
        const config = flatConfig(r.run.spec);
        const from = (r.metrics.at(-1)?.epoch ?? 0) / config.epochs;
        const t: Training = { jobId: id('j'), runId: rid, startedAt: Date.now(), durationMs: 40_000, totalWords: 0, config: defaults, neural: { model: r.run.spec.model, config, from } };
        r.run = { ...r.run, status: 'running' };
        job({ type: 'started', job: { jobId: t.jobId, kind: 'train', title: `Training ${r.run.name}`, startedAt: new Date().toISOString(), runId: rid, fraction: from } });
        runTraining(t);
        return { jobId: t.jobId, runId: rid };
      }),
    },
    model: {
      summary: ({ corpusId, spec }) => later(() => {
        const corpus = corpora.find((c) => c.id === corpusId);
        if (!corpus) throw new StudioError('NotFoundError', `No corpus ${corpusId}`);
        return modelSummary(spec as TrainSpec, corpus);
      }),
      predict: ({ runId, text }) => later(() => {
        const model = runs.get(runId)?.run.spec.model;
        if (model !== 'classifier' && model !== 'tagger') throw new StudioError('NotFoundError', `Run ${runId} is not a classifier or tagger`);
        return predict(model, text);
      }),
      generate: ({ runId, request }) => later(() => {
        if (runs.get(runId)?.run.spec.model !== 'lm') throw new StudioError('NotFoundError', `Run ${runId} is not a language model`);
        const r = { prompt: '', maxTokens: 50, temperature: 1, topK: 0, ...request };
        return { text: generate(r.prompt, r.maxTokens, r.temperature, r.topK) };
      }),
      translate: () => later(() => {
        throw new StudioError('ValidationError', 'The mock engine has no translator: develop it against the web host (nlp-studio serve)');
      }),
      evaluate: ({ runId }) => later(() => {
        const r = runs.get(runId);
        if (!r?.report) throw new StudioError('NotFoundError', `Run ${runId} has no report`);
        return { metrics: r.report.test ?? {}, report: r.report };
      }),
      /** `model.import`: a .zip becomes a completed classifier run (no corpus); anything else fails as the engine would. */
      import: ({ file, name }) => later(() => {
        const f = files.get(file);
        if (!f) throw new StudioError('NotFoundError', `Unknown file handle ${file}`);
        if (!/\.zip$/i.test(f.name)) throw new StudioError('ImportError', `Cannot read ${f.name}: not a zip archive (no end of central directory record)`, { file: f.name });
        const now = new Date().toISOString();
        const run: RunInfo = { id: id('r'), name: name ?? `${f.name.replace(/\.zip$/i, '')} (imported)`, corpusId: null, corpusName: f.name, status: 'completed', createdAt: now, finishedAt: now, backend: 'cpu',
          spec: rnnSpec('classifier', rnnDefaults), summary: { params: 52_866, vocabSize: 5000 }, error: null, tags: [] };
        runs.set(run.id, { run, metrics: [], report: null });
        return { runId: run.id };
      }),
    },
    vectors: { import: ({ file, options }) => later(() => startVectors(file, options)) },
    file: { identify: ({ file }) => later(() => ({ kind: 'corpus' as const, fileName: file, reason: 'The mock reads every file as a corpus' })) },
    word2vec: {
      evaluate: ({ runId, analogies, similarity }) => later(() => {
        if (!runs.get(runId)) throw new StudioError('NotFoundError', `No run ${runId}`);
        if (!analogies && !similarity) throw new StudioError('ValidationError', 'Give an analogy file, a word-similarity file, or both');
        return mockEvaluation(Boolean(analogies), Boolean(similarity));
      }),
      neighbors: ({ runId, word: w, top }) => later(() => neighborsOf(word(runId, w.trim()), top ?? 10)),
      similarity: ({ runId, a, b }) => later(() => ({ score: similarityOf(word(runId, a.trim()), word(runId, b.trim())) })),
      analogy: ({ runId, a, b, c, top }) => later(() => {
        [a, b, c].forEach((w) => word(runId, w.trim()));
        const guess = a === 'king' && b === 'man' && c === 'woman' ? 'queen' : c;
        const rest = neighborsOf(guess, (top ?? 10) + 3).filter((n) => ![a, b, c, guess].includes(n.word));
        return [{ word: guess, score: 0.812 }, ...rest].slice(0, top ?? 10);
      }),
      vocabulary: ({ prefix = '', limit = 20 }) => later(() => {
        const words = vocabulary.filter((v) => v.word.startsWith(prefix.toLowerCase()));
        return { total: vocabulary.length, words: words.slice(0, limit) };
      }),
      projection: ({ runId, request }) => later(() => {
        const r = runs.get(runId);
        if (!r) throw new StudioError('NotFoundError', `No run ${runId}`);
        const req = { method: request?.method ?? 'pca', dims: request?.dims ?? 2, limit: request?.limit ?? 10_000 } as const;
        if (r.run.status !== 'running') return mockProjection(req, null);
        if (req.method === 'umap') throw new StudioError('ValidationError', 'UMAP is available when training has finished (a layout takes tens of seconds); PCA follows the training live');
        return mockProjection(req, Math.min(1, (Date.now() - Date.parse(r.run.createdAt)) / 20_000));
      }),
    },
    export: {
      create: ({ runId, format }) => later(() => {
        const r = runs.get(runId);
        if (!r) throw new StudioError('NotFoundError', `No run ${runId}`);
        const ext = format === 'word2vec-bin' ? 'bin' : 'txt';
        return { id: id('x'), runId, format, fileName: `${r.run.name.replace(/[^\w-]+/g, '-')}.${ext}`, sizeBytes: format === 'word2vec-bin' ? 6_250_000 : 13_900_000, createdAt: new Date().toISOString() };
      }),
    },
    mock: {
      crash(restarting = true) {
        emit('engine', { type: 'crashed', error: { name: 'EngineCrashedError', message: 'The engine process exited with signal SIGKILL' }, restarting, jobs: [], log: [] });
        for (const jobId of [...timers.keys()]) {
          stop(jobId);
          job({ type: 'failed', jobId, error: { name: 'EngineCrashedError', message: 'The engine process exited with signal SIGKILL' } });
        }
        sessionStorage.removeItem(TRAINING_KEY);
      },
      ready() {
        emit('engine', { type: 'ready', backend });
      },
      menuAddFiles() {
        listeners.get('files')?.forEach((listener) => (listener as (p: unknown) => void)({ type: 'picked', files: [handleFor('menu-picked.jsonl', 2_100_000)] }));
      },
    },
  };
}
