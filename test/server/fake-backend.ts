/** A StudioBackend with a few real-looking handlers, a real FileRegistry and an event emitter tests can drive. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import type { ExportInfo, Handlers, StudioMethods } from '../../contract/methods.ts';
import { FileRegistry } from '../../engine/host/file-registry.ts';
import type { StudioBackend } from '../../engine/host/studio-backend.ts';

export interface FakeBackend extends StudioBackend {
  emit(event: string, payload: unknown): void;
  exports: Map<string, { path: string; info: ExportInfo }>;
  /** Every call a handler received, in order. */
  calls: { method: string; args: unknown }[];
  cleanup(): Promise<void>;
}

export const backendReport = {
  chosen: 'cpu' as const,
  package: '@tensorflow/tfjs@4.22.0',
  device: 'CPU (pure JS)',
  attempts: [{ backend: 'cpu' as const, ok: true, reason: 'always available' }],
};

export async function createFakeBackend(): Promise<FakeBackend> {
  const workspaceDir = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-test-'));
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const exports = new Map<string, { path: string; info: ExportInfo }>();
  const calls: { method: string; args: unknown }[] = [];
  const files = new FileRegistry(path.join(workspaceDir, '.uploads'));
  const handlers = {
    'app.info': async (args: unknown) => {
      calls.push({ method: 'app.info', args });
      return { version: '0.1.0-test', workspace: workspaceDir, backend: backendReport };
    },
    'corpus.list': async (args: unknown) => {
      calls.push({ method: 'corpus.list', args });
      return [];
    },
    'corpus.get': async (args: { id: string }) => {
      calls.push({ method: 'corpus.get', args });
      throw new StudioError('NotFoundError', `No corpus ${args.id}`);
    },
    'corpus.preview': async (args: { file: string }) => {
      calls.push({ method: 'corpus.preview', args });
      const entry = files.resolve(args.file);
      return { fileName: entry.name, sizeBytes: 0, encoding: 'utf-8', encodingConfidence: 1, format: 'text', columns: null, defaultColumn: null, sampleLines: [] };
    },
  } as unknown as Handlers<StudioMethods>;
  return {
    handlers,
    files,
    workspaceDir,
    exports,
    calls,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event, payload) {
      listeners.forEach((l) => l(event, payload));
    },
    async locateExport(id) {
      const found = exports.get(id);
      if (!found) throw new StudioError('NotFoundError', `No export ${id}`);
      return found;
    },
    async dispose() {},
    async cleanup() {
      await rm(workspaceDir, { recursive: true, force: true });
    },
  };
}
