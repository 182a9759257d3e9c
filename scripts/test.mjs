// `npm test`: build, type-check, the Electron security scan, unit tests (node:test), then the browser e2e
// (Playwright in Debian Chromium) and the Electron e2e (skips, saying why, where the Electron binary is missing).
// Ends with one line "N passed, N failed, N skipped" summing every stage.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = new Set(process.argv.slice(2));
const stages = { unit: !args.has('--e2e'), e2e: !args.has('--unit') };
const outDir = path.join(root, 'test-results');
mkdirSync(outDir, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(title, cmd, argv, env = {}) {
  console.log(`\n=== ${title}: ${cmd} ${argv.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${title}: exit ${result.status ?? result.signal} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : findTests(p);
    return e.name.endsWith('.test.ts') ? [path.relative(root, p)] : [];
  });
}

// 1. Build everything the e2e needs, and type-check (a failed check counts as a failed test). The build compiles the
// WebAssembly text kernels first, so the unit tests (through tsx) find their generated engine/**/*.wat.ts modules.
if (!run('build', process.execPath, ['scripts/build.mjs'])) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
const typecheckOk = run('typecheck', 'npm', ['run', '--silent', 'typecheck']);
totals[typecheckOk ? 'passed' : 'failed']++;
// The Electron security scan (Electronegativity, offline, with its own timeout): every finding fixed or explained
// in main/electronegativity-explained.json.
const electronegativityOk = run('electronegativity', process.execPath, ['scripts/electronegativity.mjs']);
totals[electronegativityOk ? 'passed' : 'failed']++;

// 2. Unit tests: node's test runner over test/**/*.test.ts, TypeScript through tsx.
if (stages.unit) {
  const tap = path.join(outDir, 'unit.tap');
  rmSync(tap, { force: true });
  run('unit', process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=2',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...findTests(path.join(root, 'test')),
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (key) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled') + (text ? 0 : 1);
  totals.skipped += count('skipped') + count('todo');
}

// 3. End-to-end: the web host in Debian Chromium, and the Electron app where its binary exists.
if (stages.e2e) {
  const report = path.join(outDir, 'e2e.json');
  rmSync(report, { force: true });
  run('e2e', 'npx', ['playwright', 'test', '--config', 'e2e/playwright.config.ts']);
  if (existsSync(report)) {
    const { stats } = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += stats.expected;
    totals.failed += stats.unexpected + stats.flaky;
    totals.skipped += stats.skipped;
  } else totals.failed++;
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
