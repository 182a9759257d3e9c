/**
 * Start a worker thread from its bundled file (dist/engine/<name>.cjs) or, unbundled (tests, tsx), from its
 * TypeScript source through tsx. Shared by word2vec's Hogwild workers and the tensor backend's GEMM workers.
 * Once bundled, `import.meta.url` is the bundle's own URL (scripts/build.mjs defines it), so the worker file is
 * found beside it. Node 20 workers ignore `--import tsx` in execArgv, so a .ts worker is started by a bootstrap
 * that imports it through tsx's tsImport API.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * `bundled`: the worker's file name in dist/engine; `source`: its .ts file, resolved from the caller's
 * import.meta.url; `override`: an explicit file or URL (tests).
 */
export function startWorker(bundled: string, source: URL, override?: string | URL): Worker {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Bundled, every engine entry lives in dist/engine; the CLI and main bundles sit one folder over.
  const built = [path.join(here, bundled), path.join(here, '..', 'engine', bundled)].find((f) => existsSync(f));
  const file = override ?? built ?? source;
  const href = file instanceof URL ? file.href : /^file:/.test(file) ? file : pathToFileURL(file).href;
  if (!href.endsWith('.ts')) return new Worker(new URL(href));
  // tsx's ESM API (its package exports map it to index.mjs beside the index.cjs that require resolves).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(href)}, ${JSON.stringify(import.meta.url)}));`;
  return new Worker(code, { eval: true });
}
