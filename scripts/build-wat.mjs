// Compiles the WebAssembly text kernels (every engine/**/*.wat) with wabt, the WebAssembly Binary Toolkit, into a
// generated TypeScript module beside each one: `lstm-kernel.wat` → `lstm-kernel.wat.ts`, exporting the bytes
// (`wasmBytes`). The generated modules are gitignored; scripts/build.mjs and the `typecheck` script run this first,
// and `npm run build:wat` runs it alone (after editing a .wat, before running its tests through tsx).
//
//   node scripts/build-wat.mjs [--check] [file.wat …]
//
// --check writes nothing and fails if a generated module is missing or differs from its .wat. Without files, every
// engine/**/*.wat. Features: SIMD always; threads when the module imports a shared memory.
//
// Two extensions to the text format. A line `;; #include "other.wat"` is replaced by that file (relative to the
// including one), so kernels share functions (simd-math.wat's exp, sigmoid, tanh). And calls to a function marked
// `(@inline)` are replaced by its body (scripts/wat-inline.mjs: Node's V8 does not inline WebAssembly calls).
// An included file holds module fields only (`(func …)` …, no `(module …)` around them), which is itself a module in
// the text format: it is compiled on its own too, to check it, but gets no generated module. Errors name the file
// and line where the text is, included or not.
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';
import { inlineCalls } from './wat-inline.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const GENERATED = '.wat.ts';

/** The .wat files under `dir`, recursively (node_modules and dot-directories skipped). */
export function findWat(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : findWat(p);
    return e.name.endsWith('.wat') ? [p] : [];
  });
}

const INCLUDE = /^\s*;;\s*#include\s+"([^"]+)"\s*$/;

/**
 * The text of `file` with its includes expanded, and where each of its lines came from ({ file, line }, 1-based),
 * so that wabt's "combined:LINE:COL" can be reported at the source.
 */
export function expand(file, stack = [], included = new Set()) {
  if (stack.includes(file)) throw new WatError(`${rel(file)}: includes itself (${[...stack, file].map(rel).join(' → ')})`);
  const lines = readFileSync(file, 'utf8').split('\n');
  const out = [];
  const origins = [];
  lines.forEach((text, i) => {
    const m = INCLUDE.exec(text);
    if (!m) {
      out.push(text);
      origins.push({ file, line: i + 1 });
      return;
    }
    const target = path.resolve(path.dirname(file), m[1]);
    if (!existsSync(target)) throw new WatError(`${rel(file)}:${i + 1}: included file not found: ${m[1]}`);
    included.add(target);
    const inner = expand(target, [...stack, file], included);
    out.push(...inner.text.split('\n'));
    origins.push(...inner.origins);
  });
  return { text: out.join('\n'), origins };
}

export class WatError extends Error {}

const rel = (file) => path.relative(process.cwd(), file) || file;

let wabtPromise;

/** Compiles one .wat (includes expanded, calls to `(@inline)` functions inlined) to its bytes; bad text throws a
 * WatError naming the file and line. */
export async function compileWat(file) {
  const wabt = await (wabtPromise ??= wabtInit());
  const { text, origins } = expand(file);
  // A memory declared or imported as shared needs the threads feature (gemm's, shared with its worker threads);
  // annotations are `(@inline)`.
  const features = { simd: true, threads: /\(memory\b[^()]*\bshared\s*\)/.test(text), annotations: true };
  const compile = (source) => {
    const module = wabt.parseWat('<wat>', source, features);
    try {
      module.resolveNames();
      module.validate(features);
      return Uint8Array.from(module.toBinary({}).buffer);
    } finally {
      module.destroy();
    }
  };
  // First the text as written, so that errors point at it.
  let bytes;
  try {
    bytes = compile(text);
  } catch (e) {
    // wabt's message: "parseWat failed:\n<wat>:LINE:COL: error: …\n  source line\n  ^^^" per error.
    const message = String(e?.message ?? e).replace(/<wat>:(\d+):(\d+):/g, (_, line, col) => {
      const origin = origins[Number(line) - 1];
      return origin ? `${rel(origin.file)}:${origin.line}:${col}:` : `${rel(file)}:${line}:${col}:`;
    });
    throw new WatError(`${rel(file)} does not compile:\n${message.replace(/^\w+ failed:\n/, '').trimEnd()}`);
  }
  if (!text.includes('(@inline')) return bytes;
  let inlined;
  try {
    inlined = inlineCalls(text);
  } catch (e) {
    throw new WatError(`${rel(file)}: cannot inline: ${e.message}`);
  }
  try {
    return compile(inlined);
  } catch (e) {
    throw new WatError(`${rel(file)}: the text compiles but not with its (@inline) calls inlined (scripts/wat-inline.mjs):\n${e.message}`);
  }
}

/** The generated TypeScript module for `file`'s bytes. */
export function generatedModule(file, bytes) {
  const source = path.relative(root, file).split(path.sep).join('/');
  return [
    `// Generated by scripts/build-wat.mjs from ${path.basename(file)} (${source}); do not edit: edit the .wat and run`,
    '// `npm run build:wat` (the build, the type-check and the tests do it too).',
    `const base64 = '${Buffer.from(bytes).toString('base64')}';`,
    '/** The compiled WebAssembly module. */',
    'export const wasmBytes: Uint8Array<ArrayBuffer> = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));',
    '',
  ].join('\n');
}

/** Compiles `files` (default: every engine/**\/*.wat) and writes (or with `check`, compares) their modules. */
export async function buildWat({ files, check = false } = {}) {
  const all = files ?? findWat(path.join(root, 'engine'));
  const stale = [];
  const errors = [];
  // Files that others include are libraries: checked, not given a module.
  const libraries = new Set();
  for (const file of all) {
    try {
      expand(file, [], libraries);
    } catch (e) {
      if (!(e instanceof WatError)) throw e;
    }
  }
  for (const file of all) {
    let bytes;
    try {
      bytes = await compileWat(file);
    } catch (e) {
      if (!(e instanceof WatError)) throw e;
      errors.push(e.message);
      continue;
    }
    const target = file + '.ts';
    if (libraries.has(file)) {
      if (existsSync(target)) {
        if (check) stale.push(rel(target));
        else rmSync(target);
      }
      continue;
    }
    const content = generatedModule(file, bytes);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (current === content) continue;
    if (check) stale.push(rel(target));
    else {
      // Written whole and renamed into place: a test process importing it never sees half a file.
      const tmp = `${target}.${process.pid}.tmp`;
      writeFileSync(tmp, content);
      renameSync(tmp, target);
    }
  }
  // Generated modules whose .wat is gone (renamed or deleted).
  if (!files) {
    for (const orphan of findGenerated(path.join(root, 'engine')).filter((g) => !existsSync(g.slice(0, -3)))) {
      if (check) stale.push(rel(orphan));
      else rmSync(orphan);
    }
  }
  return { files: all, stale, errors };
}

function findGenerated(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : findGenerated(p);
    return e.name.endsWith(GENERATED) ? [p] : [];
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const named = args.filter((a) => a !== '--check');
  const unknown = named.find((a) => a.startsWith('-') || !a.endsWith('.wat'));
  if (unknown) {
    console.error(`build-wat: not a .wat file or option: ${unknown}\nusage: node scripts/build-wat.mjs [--check] [file.wat …]`);
    process.exit(2);
  }
  const missing = named.find((f) => !existsSync(f));
  if (missing) {
    console.error(`build-wat: no such file: ${missing}`);
    process.exit(2);
  }
  const { files, stale, errors } = await buildWat({ files: named.length ? named.map((f) => path.resolve(f)) : undefined, check });
  for (const e of errors) console.error(e);
  if (stale.length) console.error(`build-wat: out of date (run \`npm run build:wat\`): ${stale.join(', ')}`);
  if (errors.length || stale.length) process.exit(1);
  if (!check) console.log(`build-wat: ${files.length} .wat compiled`);
}
