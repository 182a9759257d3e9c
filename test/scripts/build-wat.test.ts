// scripts/build-wat.mjs (with scripts/wat-inline.mjs): .wat → generated TypeScript module, run as the build runs it,
// on small kernels in a temporary directory; the modules it writes are imported and run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import wabtInit from 'wabt';

const root = path.resolve(import.meta.dirname, '..', '..');
const script = path.join(root, 'scripts', 'build-wat.mjs');

function buildWat(...args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempDir(t: { after: (fn: () => void) => void }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'build-wat-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// A library (fields only, one inline function calling another) and a kernel that includes it.
const LIBRARY = `;; squares, four lanes at a time
(func $square (@inline) (param $x v128) (result v128)
  (local $t v128)
  (local.set $t (f32x4.mul (local.get $x) (local.get $x)))
  (local.get $t))
(func $fourth (@inline) (param $x v128) (result v128)
  (call $square (call $square (local.get $x))))
`;
const KERNEL = `(module
  (import "env" "mem" (memory 1))
  ;; #include "lib.wat"
  ;; out[i] = x[i]⁴ + x[i]², n a multiple of 4, byte offsets
  (func (export "run") (param $x i32) (param $out i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $x) (i32.mul (local.get $n) (i32.const 4))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
      (v128.store (local.get $out) (f32x4.add (call $fourth (v128.load (local.get $x))) (call $square (v128.load (local.get $x)))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (br $next))))
)
`;

test('a kernel with an included library compiles to a module that runs, its inline calls inlined', async (t) => {
  const dir = tempDir(t);
  writeFileSync(path.join(dir, 'lib.wat'), LIBRARY);
  writeFileSync(path.join(dir, 'kernel.wat'), KERNEL);
  const result = buildWat(path.join(dir, 'kernel.wat'));
  assert.equal(result.status, 0, result.stderr);
  const { wasmBytes } = (await import(pathToFileURL(path.join(dir, 'kernel.wat.ts')).href)) as { wasmBytes: Uint8Array<ArrayBuffer> };

  const memory = new WebAssembly.Memory({ initial: 1 });
  const { run } = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes), { env: { mem: memory } }).exports as { run: (x: number, out: number, n: number) => void };
  const heap = new Float32Array(memory.buffer);
  const x = [1, -2, 0.5, 3, 10, 0, -1, 2.5];
  heap.set(x);
  run(0, 64, x.length);
  assert.deepEqual([...heap.subarray(16, 16 + x.length)], x.map((v) => Math.fround(Math.fround(v ** 4) + Math.fround(v * v))));

  // The exported function has no calls left: square and fourth were written out in it.
  const wabt = await wabtInit();
  const module = wabt.readWasm(wasmBytes, { readDebugNames: false, simd: true });
  const text = module.toText({ foldExprs: false, inlineExport: true });
  module.destroy();
  const runText = text.split(/\n\s*\(func\b/).find((f) => f.includes('(export "run")'));
  assert.ok(runText?.includes('f32x4.mul'), text);
  assert.doesNotMatch(runText!, /\bcall\b/);
});

test('--check fails when a generated module is out of date with its .wat, and passes once rebuilt', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'k.wat');
  writeFileSync(file, '(module (func (export "one") (result i32) (i32.const 1)))\n');
  assert.equal(buildWat(file).status, 0);
  assert.equal(buildWat('--check', file).status, 0);
  writeFileSync(file, '(module (func (export "one") (result i32) (i32.const 2)))\n');
  const stale = buildWat('--check', file);
  assert.equal(stale.status, 1);
  assert.match(stale.stderr, /out of date.*k\.wat\.ts/);
  assert.match(readFileSync(`${file}.ts`, 'utf8'), /wasmBytes/); // --check wrote nothing
  assert.equal(buildWat(file).status, 0);
  assert.equal(buildWat('--check', file).status, 0);
});

test('bad text fails naming the file and line, also inside an included file', (t) => {
  const dir = tempDir(t);
  writeFileSync(path.join(dir, 'lib.wat'), '(func $f (param $x i32) (result i32)\n  (local.get $y))\n');
  writeFileSync(path.join(dir, 'uses-lib.wat'), '(module\n  ;; #include "lib.wat"\n)\n');
  writeFileSync(path.join(dir, 'typo.wat'), '(module\n  (func (export "f")\n    (i32.ad (i32.const 1) (i32.const 2))\n    drop))\n');
  writeFileSync(path.join(dir, 'missing.wat'), '(module\n  ;; #include "nowhere.wat"\n)\n');
  const result = buildWat(...['uses-lib.wat', 'typo.wat', 'missing.wat'].map((f) => path.join(dir, f)));
  assert.equal(result.status, 1);
  assert.match(result.stderr, /uses-lib\.wat does not compile:\n.*lib\.wat:2:14: error: undefined local variable "\$y"/);
  assert.match(result.stderr, /typo\.wat does not compile:\n.*typo\.wat:3:6: error: unexpected token "i32\.ad"/);
  assert.match(result.stderr, /missing\.wat:2: included file not found: nowhere\.wat/);
});

test('inline functions that recurse or return are refused', (t) => {
  const dir = tempDir(t);
  const kernel = (body: string) => `(module\n(func $f (@inline) (param $x i32) (result i32)\n  ${body})\n(func (export "g") (result i32) (call $f (i32.const 3))))\n`;
  writeFileSync(path.join(dir, 'recursive.wat'), kernel('(call $f (local.get $x))'));
  writeFileSync(path.join(dir, 'returns.wat'), kernel('(return (local.get $x))'));
  const result = buildWat(path.join(dir, 'recursive.wat'), path.join(dir, 'returns.wat'));
  assert.equal(result.status, 1);
  assert.match(result.stderr, /recursive\.wat: cannot inline: inline function \$f calls itself/);
  assert.match(result.stderr, /returns\.wat: cannot inline: inline function \$f: no return/);
});
