/**
 * The engine: every engine method, implemented over the workspace. Plain Node, no Electron. It runs in its own
 * process under the desktop app and the web host (engine/process/engine-main.ts), and in-process under the CLI.
 */
import type { BackendName, BackendReport } from '../contract/backend.ts';
import type { EngineMethods, Handlers } from '../contract/methods.ts';
import type { JobEvent } from '../contract/jobs.ts';
import type { EngineEvent } from '../contract/events.ts';
import { selectBackend } from './backend/select-backend.ts';
import { JobManager } from './jobs/job-manager.ts';
import { RunStore } from './runs/run-store.ts';
import { Workspace } from './workspace/workspace.ts';
import { sweepWorkspace } from './workspace/sweep.ts';
import { LiveSnapshots } from './projection/live-snapshots.ts';
import { corpusHandlers } from './handlers/corpus-handlers.ts';
import { trainHandlers } from './handlers/train-handlers.ts';
import { word2vecHandlers } from './handlers/word2vec-handlers.ts';
import { exportHandlers } from './handlers/export-handlers.ts';
import { vectorsHandlers } from './handlers/vectors-handlers.ts';
import { projectionHandlers } from './handlers/projection-handlers.ts';
import { modelHandlers } from './handlers/model-handlers.ts';
import { appHandlers } from './handlers/app-handlers.ts';
import { samplesHandlers } from './handlers/samples-handlers.ts';
import { fileHandlers } from './handlers/file-handlers.ts';

declare const __STUDIO_VERSION__: string | undefined;
export const STUDIO_VERSION = typeof __STUDIO_VERSION__ === 'string' ? __STUDIO_VERSION__ : '0.0.0-dev';

export interface EngineEvents {
  job: JobEvent;
  engine: EngineEvent;
}
export type EmitEvent = <E extends keyof EngineEvents>(event: E, payload: EngineEvents[E]) => void;

export interface EngineOptions {
  workspaceDir: string;
  /** Force a tensor backend instead of searching (--backend, NLP_STUDIO_BACKEND). */
  backend?: BackendName;
  emit: EmitEvent;
}

/** What the handler groups share. */
export interface EngineContext {
  ws: Workspace;
  jobs: JobManager;
  runs: RunStore;
  backend(): Promise<BackendReport>;
  /** The latest vectors of each word2vec run still training (the explorer's live picture). */
  snapshots: LiveSnapshots;
}

export interface Engine {
  handlers: Handlers<EngineMethods>;
  jobs: JobManager;
  runs: RunStore;
  backend(): Promise<BackendReport>;
  /** The folder of a run (inside the workspace, or the CLI's --out folder). */
  runDir(id: string): string;
  dispose(): Promise<void>;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const ws = await Workspace.open(options.workspaceDir);
  const runs = new RunStore(ws);
  await sweepWorkspace(ws); // what killed processes left: temporary files, half-made folders (sweep.ts)
  await runs.markInterrupted();
  const jobs = new JobManager((event) => options.emit('job', event));
  // Loading tfjs takes a moment (~230 ms): only when something needs it (app.info, a neural run), not for
  // word2vec on the command line, which never touches tensors. The engine process asks at start-up anyway.
  let selected: ReturnType<typeof selectBackend> | null = null;
  const backend = async () => (await (selected ??= selectBackend(options.backend))).report;
  const ctx: EngineContext = { ws, jobs, runs, backend, snapshots: new LiveSnapshots() };

  const handlers: Handlers<EngineMethods> = {
    'app.info': async () => ({ version: STUDIO_VERSION, workspace: ws.root, backend: await backend() }),
    ...corpusHandlers(ctx),
    ...trainHandlers(ctx),
    ...word2vecHandlers(ctx),
    ...exportHandlers(ctx),
    ...vectorsHandlers(ctx),
    ...projectionHandlers(ctx),
    ...modelHandlers(ctx),
    ...fileHandlers(),
    ...appHandlers(),
    ...samplesHandlers(ctx),
    'jobs.list': async () => jobs.list(),
    'jobs.cancel': async ({ jobId }) => (jobs.cancel(jobId), {}),
  };
  return { handlers, jobs, runs, backend, runDir: (id) => runs.dir(id), dispose: () => jobs.shutdown() };
}
