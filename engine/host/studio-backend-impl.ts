/**
 * `window.studio` on top of an engine process: most methods pass straight through; the ones that take files
 * resolve the renderer's opaque handles to paths first; cancel escalates to a kill if a job does not stop.
 */
import path from 'node:path';
import { StudioError, toStudioError } from '../../contract/errors.ts';
import { studioMethods } from '../../contract/methods.ts';
import type { ExportInfo, Handlers, StudioMethods } from '../../contract/methods.ts';
import { EngineConnection } from './engine-connection.ts';
import type { SpawnEngine } from './engine-process.ts';
import { FileRegistry } from './file-registry.ts';
import type { StudioBackend } from './studio-backend.ts';

/** How long a cancelled job may take to wind down before the engine is killed under it. */
export const HARD_CANCEL_AFTER_MS = 10_000;

export async function createStudioBackend(options: { workspaceDir: string; spawnEngine: SpawnEngine }): Promise<StudioBackend> {
  const engine = new EngineConnection(options.spawnEngine);
  const files = new FileRegistry(path.join(options.workspaceDir, '.uploads'));
  const forward = (method: string) => (args: unknown) => engine.call(method, args);
  const passThrough = Object.fromEntries(Object.keys(studioMethods).map((m) => [m, forward(m)])) as unknown as Handlers<StudioMethods>;

  const handlers: Handlers<StudioMethods> = {
    ...passThrough,
    'corpus.preview': async ({ file }) => {
      const { path, name } = files.resolve(file);
      return engine.call('corpus.preview', { path, displayName: name }) as ReturnType<Handlers<StudioMethods>['corpus.preview']>;
    },
    'corpus.import': async ({ files: handles, options: importOptions }) => {
      const resolved = handles.map((h) => files.resolve(h));
      return engine.call('corpus.import', {
        paths: resolved.map((f) => f.path),
        displayNames: resolved.map((f) => f.name),
        options: importOptions,
      }) as ReturnType<Handlers<StudioMethods>['corpus.import']>;
    },
    'corpus.checkPairs': async ({ files: handles, options: importOptions }) => {
      const resolved = handles.map((h) => files.resolve(h));
      try {
        return (await engine.call('corpus.checkPairs', { paths: resolved.map((f) => f.path), displayNames: resolved.map((f) => f.name), options: importOptions })) as Awaited<ReturnType<Handlers<StudioMethods>['corpus.checkPairs']>>;
      } catch (error) {
        throw renameFileInError(error, resolved);
      }
    },
    'file.identify': async ({ file }) => {
      const picked = files.resolve(file);
      try {
        return (await engine.call('file.identify', { path: picked.path, displayName: picked.name })) as Awaited<ReturnType<Handlers<StudioMethods>['file.identify']>>;
      } catch (error) {
        throw renameFileInError(error, [picked]);
      }
    },
    'corpus.tokenPreview': async (input) => {
      if ('corpusId' in input) return engine.call('corpus.tokenPreview', input) as ReturnType<Handlers<StudioMethods>['corpus.tokenPreview']>;
      const picked = files.resolve(input.file);
      try {
        return (await engine.call('corpus.tokenPreview', { path: picked.path, displayName: picked.name, options: input.options })) as Awaited<ReturnType<Handlers<StudioMethods>['corpus.tokenPreview']>>;
      } catch (error) {
        throw renameFileInError(error, [picked]);
      }
    },
    'vectors.import': async ({ file, options: importOptions }) => {
      const { path, name } = files.resolve(file);
      return engine.call('vectors.import', { path, displayName: name, options: importOptions }) as ReturnType<Handlers<StudioMethods>['vectors.import']>;
    },
    'model.import': async ({ file, name: runName }) => {
      const picked = files.resolve(file);
      try {
        return (await engine.call('model.import', { path: picked.path, displayName: picked.name, ...(runName !== undefined ? { name: runName } : {}) })) as Awaited<ReturnType<Handlers<StudioMethods>['model.import']>>;
      } catch (error) {
        throw renameFileInError(error, [picked]);
      }
    },
    'word2vec.evaluate': async ({ runId, analogies, similarity }) => {
      const a = analogies ? files.resolve(analogies) : null;
      const s = similarity ? files.resolve(similarity) : null;
      try {
        return (await engine.call('word2vec.evaluate', { runId, ...(a ? { analogies: a.path } : {}), ...(s ? { similarity: s.path } : {}) })) as Awaited<ReturnType<Handlers<StudioMethods>['word2vec.evaluate']>>;
      } catch (error) {
        // The engine names files by their basename; uploads live under random names: say the name the user picked.
        throw renameFileInError(error, [a, s]);
      }
    },
    'jobs.cancel': async ({ jobId }) => {
      await engine.call('jobs.cancel', { jobId });
      setTimeout(() => {
        if (engine.isRunning(jobId)) engine.killForCancel(jobId);
      }, HARD_CANCEL_AFTER_MS).unref();
      return {};
    },
  };

  return {
    handlers,
    onEvent: (listener) => engine.onEvent(listener),
    files,
    locateExport: (id) => engine.call('export.locate', { id }) as Promise<{ path: string; info: ExportInfo }>,
    workspaceDir: options.workspaceDir,
    dispose: () => engine.dispose(),
  };
}

function renameFileInError(error: unknown, files: ({ path: string; name: string } | null)[]): unknown {
  const e = toStudioError(error);
  const match = files.find((f) => f && e.file === path.basename(f.path));
  if (!match) return error;
  const renamed = new StudioError(e.name, e.message.split(path.basename(match.path)).join(match.name), { file: match.name, ...(e.line !== undefined ? { line: e.line } : {}) });
  if (e.stack) renamed.stack = e.stack;
  return renamed;
}
