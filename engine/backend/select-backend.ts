/**
 * Choose the tensor backend: native GPU → native CPU → embedded WASM → embedded pure JS. Record why each earlier
 * one was not used, and the device actually used, so the status bar and `nlp-studio doctor` can tell the user.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { BackendName } from '../../contract/backend.ts';
import type { BackendAttempt, BackendReport } from '../../contract/backend.ts';
import { probeCuda } from './cuda-probe.ts';

type Tf = typeof import('@tensorflow/tfjs');
export interface SelectedBackend {
  report: BackendReport;
  tf: Tf;
}

const ORDER: BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
const requireFromHere = createRequire(path.join(process.cwd(), 'noop.js'));

/** `require` that also finds packages next to the bundled engine (dist/engine → ../../node_modules). */
function load(name: string): unknown {
  try {
    return requireFromHere(name);
  } catch (error) {
    if (typeof __filename === 'string') return createRequire(__filename)(name);
    throw error;
  }
}

function versionOf(name: string): string {
  try {
    return (load(`${name}/package.json`) as { version: string }).version;
  } catch {
    return '?';
  }
}

/** A backend ruled out before loading it; its message is the whole reason. */
class Unavailable extends Error {}

function whyNot(error: unknown): string {
  if (error instanceof Unavailable) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  if (/Cannot find module/.test(message)) return 'not installed (optional dependency: npm drops it where libtensorflow cannot be downloaded)';
  return `failed to load: ${message.split('\n')[0]}`;
}

async function tryBackend(name: BackendName): Promise<{ tf: Tf; pkg: string; device: string }> {
  switch (name) {
    case 'tensorflow-gpu': {
      const cuda = probeCuda();
      if (!cuda.ok) throw new Unavailable(cuda.detail);
      const tf = load('@tensorflow/tfjs-node-gpu') as Tf;
      await tf.ready();
      return { tf, pkg: `@tensorflow/tfjs-node-gpu@${versionOf('@tensorflow/tfjs-node-gpu')}`, device: `GPU: ${cuda.detail}` };
    }
    case 'tensorflow': {
      const tf = load('@tensorflow/tfjs-node') as Tf;
      await tf.ready();
      return { tf, pkg: `@tensorflow/tfjs-node@${versionOf('@tensorflow/tfjs-node')}`, device: 'CPU (native libtensorflow)' };
    }
    case 'wasm': {
      const tf = load('@tensorflow/tfjs') as Tf;
      const wasm = load('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
      // In Node the .wasm binaries are read from the package's own dist folder.
      const distDir = path.dirname(createRequire(path.join(process.cwd(), 'noop.js')).resolve('@tensorflow/tfjs-backend-wasm'));
      wasm.setWasmPaths(distDir + path.sep);
      if (!(await tf.setBackend('wasm'))) throw new Error('the WASM backend failed to initialise');
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
      return { tf, pkg: `@tensorflow/tfjs-backend-wasm@${versionOf('@tensorflow/tfjs-backend-wasm')}`, device: `CPU (WASM${simd ? ' SIMD' : ''}, ${threads ? 'multi-threaded' : '1 thread'})` };
    }
    case 'cpu': {
      const tf = load('@tensorflow/tfjs') as Tf;
      if (!(await tf.setBackend('cpu'))) throw new Error('the pure-JS backend failed to initialise');
      return { tf, pkg: `@tensorflow/tfjs@${versionOf('@tensorflow/tfjs')}`, device: 'CPU (pure JavaScript)' };
    }
  }
}

/** `force` (from --backend, NLP_STUDIO_BACKEND or settings) skips the search; if it fails, that is an error. */
export async function selectBackend(force?: BackendName): Promise<SelectedBackend> {
  const attempts: BackendAttempt[] = [];
  for (const name of ORDER) {
    if (force && name !== force) {
      attempts.push({ backend: name, ok: false, reason: `skipped: backend forced to ${force}` });
      continue;
    }
    try {
      const { tf, pkg, device } = await tryBackend(name);
      attempts.push({ backend: name, ok: true, reason: device });
      const report: BackendReport = { chosen: name, package: pkg, device, attempts };
      if (force) report.forced = force;
      return { report, tf };
    } catch (error) {
      const reason = whyNot(error);
      attempts.push({ backend: name, ok: false, reason });
      if (force) throw new Error(`The forced backend "${force}" is not available: ${reason}`);
    }
  }
  throw new Error(`No tensor backend could be loaded: ${attempts.map((a) => `${a.backend}: ${a.reason}`).join('; ')}`);
}

export function parseBackendName(value: string | undefined): BackendName | undefined {
  if (value === undefined || value === '' || value === 'auto') return undefined;
  const parsed = BackendName.safeParse(value);
  if (!parsed.success) throw new Error(`Unknown backend "${value}"; choose one of ${BackendName.options.join(', ')} or auto`);
  return parsed.data;
}
