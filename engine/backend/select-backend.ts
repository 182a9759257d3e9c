/**
 * Choose the tensor backend: native GPU → native CPU → embedded WebAssembly (embedded/) → tfjs's pure JS.
 * Record why each earlier one was not used, and the device actually used, so the status bar and `nlp-studio
 * doctor` can tell the user.
 */
import { userText } from '../../contract/user-text.ts';
import path from 'node:path';
import { createRequire } from 'node:module';
import { BackendName } from '../../contract/backend.ts';
import type { BackendAttempt, BackendReport } from '../../contract/backend.ts';
import { probeCuda } from './cuda-probe.ts';
import { EMBEDDED_BACKEND, registerEmbeddedBackend } from './embedded/embedded-backend.ts';

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
  if (/Cannot find module/.test(message)) return userText('not installed (optional dependency: npm drops it where libtensorflow cannot be downloaded)');
  return userText('failed to load: {error}', { error: message.split('\n')[0] });
}

/**
 * tfjs's CPU backend (which the embedded one builds on) prints "Hi, looks like you are running TensorFlow.js in
 * Node.js. To speed things up dramatically, install our node backend…" on its first tensor. By then we have tried
 * the native backend and `nlp-studio doctor` says why it is not used, so the banner is only noise. Production mode
 * is tfjs's documented switch: in tfjs 4 all it does is silence tfjs's own warn/log (tfjs-core log.ts).
 */
function quietTfjs(tf: Tf): void {
  tf.enableProdMode();
}

async function tryBackend(name: BackendName): Promise<{ tf: Tf; pkg: string; device: string }> {
  switch (name) {
    case 'tensorflow-gpu': {
      const cuda = probeCuda();
      if (!cuda.ok) throw new Unavailable(cuda.detail);
      const tf = load('@tensorflow/tfjs-node-gpu') as Tf;
      await tf.ready();
      return { tf, pkg: `@tensorflow/tfjs-node-gpu@${versionOf('@tensorflow/tfjs-node-gpu')}`, device: userText('GPU: {device}', { device: cuda.detail }) };
    }
    case 'tensorflow': {
      const tf = load('@tensorflow/tfjs-node') as Tf;
      await tf.ready();
      return { tf, pkg: `@tensorflow/tfjs-node@${versionOf('@tensorflow/tfjs-node')}`, device: userText('CPU (native libtensorflow)') };
    }
    case 'wasm': {
      const tf = load('@tensorflow/tfjs') as Tf;
      quietTfjs(tf);
      const { threads } = registerEmbeddedBackend();
      if (!(await tf.setBackend(EMBEDDED_BACKEND))) throw new Error(userText('the embedded WebAssembly backend failed to initialise'));
      return { tf, pkg: `nlp-studio embedded (WebAssembly SIMD GEMM on @tensorflow/tfjs@${versionOf('@tensorflow/tfjs')})`, device: threads === 1 ? userText('CPU (WebAssembly SIMD, {threads} thread)', { threads }) : userText('CPU (WebAssembly SIMD, {threads} threads)', { threads }) };
    }
    case 'cpu': {
      const tf = load('@tensorflow/tfjs') as Tf;
      quietTfjs(tf);
      if (!(await tf.setBackend('cpu'))) throw new Error(userText('the pure-JS backend failed to initialise'));
      return { tf, pkg: `@tensorflow/tfjs@${versionOf('@tensorflow/tfjs')}`, device: userText('CPU (pure JavaScript)') };
    }
  }
}

/** `force` (from --backend, NLP_STUDIO_BACKEND or settings) skips the search; if it fails, that is an error. */
export async function selectBackend(force?: BackendName): Promise<SelectedBackend> {
  const attempts: BackendAttempt[] = [];
  for (const name of ORDER) {
    if (force && name !== force) {
      attempts.push({ backend: name, ok: false, reason: userText('skipped: backend forced to {backend}', { backend: force }) });
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
      if (force) throw new Error(userText('The forced backend "{backend}" is not available: {reason}', { backend: force, reason }));
    }
  }
  throw new Error(userText('No tensor backend could be loaded: {attempts}', { attempts: attempts.map((a) => `${a.backend}: ${a.reason}`).join('; ') }));
}

export function parseBackendName(value: string | undefined): BackendName | undefined {
  if (value === undefined || value === '' || value === 'auto') return undefined;
  const parsed = BackendName.safeParse(value);
  if (!parsed.success) throw new Error(userText('Unknown backend "{value}"; choose one of {names} or auto', { value, names: BackendName.options.join(', ') }));
  return parsed.data;
}
