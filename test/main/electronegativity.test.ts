// scripts/electronegativity.mjs, the npm test stage that runs Electronegativity over main/ and preload/: its
// explanations file, its comparison, and one real scan of an insecure window (the real code's scan is the stage).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error: a plain .mjs script without type declarations
import { compare, parseExplanations } from '../../scripts/electronegativity.mjs';

const script = path.join(import.meta.dirname, '..', '..', 'scripts', 'electronegativity.mjs');
const why = 'A reason long enough to be a sentence about why this is fine.';

type Finding = { check: string; file: string; sample: string };
const finding = (check: string, file: string, sample = ''): Finding => ({ check, file, sample });

test('explanations: bad entries are refused with the file and the entry named', () => {
  assert.deepEqual(parseExplanations(JSON.stringify([{ check: 'A', file: 'main/x.ts', why }]), 'e.json'), [{ check: 'A', file: 'main/x.ts', sample: undefined, why }]);
  const cases: Array<[string, RegExp]> = [
    ['{', /^e\.json: not valid JSON/],
    ['{}', /^e\.json: expected an array/],
    ['[1]', /^e\.json: entry 1: expected an object/],
    [JSON.stringify([{ check: 'A', file: 'f', why }, { check: 'B', file: 'f' }]), /^e\.json: entry 2: "why" must be a non-empty string/],
    [JSON.stringify([{ check: 'A', file: 'f', why: 'fine' }]), /^e\.json: entry 1 \(A\): "why" must say why/],
    [JSON.stringify([{ check: 'A', file: 'f', why, line: 3 }]), /^e\.json: entry 1: unknown key line/],
    [JSON.stringify([{ check: 'A', file: 'f', why, sample: '' }]), /^e\.json: entry 1: "sample" must be a non-empty string/],
  ];
  for (const [text, message] of cases) assert.throws(() => parseExplanations(text, 'e.json'), { message }, text);
});

test('compare: a finding needs an explanation for its check and file (and sample, when given); unused explanations are stale', () => {
  const findings = [
    finding('PRELOAD_JS_CHECK', 'main/window.evaluated.js', '"preload": "dist/preload/index.cjs",'),
    finding('CSP_GLOBAL_CHECK', 'renderer/index.html'),
    finding('CSP_GLOBAL_CHECK', 'main/other.ts'),
    finding('AUXCLICK_JS_CHECK', 'main/window.evaluated.js', 'new BrowserWindow({'),
  ];
  const explanations = [
    { check: 'PRELOAD_JS_CHECK', file: 'main/window.evaluated.js', sample: '"preload": "dist/preload/index.cjs"', why },
    { check: 'CSP_GLOBAL_CHECK', file: 'renderer/index.html', why },
    { check: 'AUXCLICK_JS_CHECK', file: 'main/window.evaluated.js', sample: 'something else', why },
    { check: 'REMOTE_MODULE_JS_CHECK', file: 'main/index.ts', why },
  ];
  const { explained, unexplained, stale } = compare(findings, explanations);
  assert.deepEqual(explained.map((e: { finding: Finding }) => `${e.finding.check} ${e.finding.file}`), ['PRELOAD_JS_CHECK main/window.evaluated.js', 'CSP_GLOBAL_CHECK renderer/index.html']);
  assert.deepEqual(unexplained.map((f: Finding) => `${f.check} ${f.file}`), ['CSP_GLOBAL_CHECK main/other.ts', 'AUXCLICK_JS_CHECK main/window.evaluated.js']);
  assert.deepEqual(stale.map((e: { check: string }) => e.check), ['AUXCLICK_JS_CHECK', 'REMOTE_MODULE_JS_CHECK']);
  assert.deepEqual(compare([], []), { explained: [], unexplained: [], stale: [] });
});

test('a real scan of an insecure window fails the stage and names each finding; explaining them passes it', { timeout: 120_000 }, async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-en-'));
  try {
    await mkdir(path.join(root, 'main'));
    await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'x', devDependencies: { electron: '45.5.0' } }));
    await writeFile(
      path.join(root, 'main', 'index.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, disableBlinkFeatures: 'Auxclick' } });\n",
    );
    await writeFile(path.join(root, 'explained.json'), '[]');
    const run = () =>
      spawnSync(process.execPath, [script, '--root', root, '--input', 'main', '--explained', 'explained.json', '--timeout', '60'], { encoding: 'utf8', timeout: 110_000 });

    const failed = run();
    assert.equal(failed.status, 1, failed.stdout + failed.stderr);
    for (const check of ['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'CSP_GLOBAL_CHECK']) {
      assert.match(failed.stdout, new RegExp(`NEW +${check} .*main/index\\.js:2|NEW +${check} .*N/A`), check);
    }
    assert.match(failed.stdout, /0 explained, \d+ unexplained/);

    const checks = [...failed.stdout.matchAll(/NEW +(\w+) \S+ (\S+?)(?::\d+:\d+)? /g)].map((m) => ({ check: m[1], file: m[2], why }));
    await writeFile(path.join(root, 'explained.json'), JSON.stringify(checks));
    const passed = run();
    assert.equal(passed.status, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout, new RegExp(`${checks.length} explained, 0 unexplained; 0 stale`));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
