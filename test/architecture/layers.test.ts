// Dependencies point inward: hosts → engine → contract; the renderer sees only the contract (and its own files).
// A small import scanner, in the spirit of VS Code's code-layering lint rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

/** For each layer, the layers (top-level folders) and packages it may import. */
const ALLOWED: Record<string, { layers: string[]; packages: RegExp }> = {
  contract: { layers: ['contract'], packages: /^zod$/ },
  engine: { layers: ['engine', 'contract'], packages: /^(node:.*|zod|iconv-lite|umap-js|yazl|yauzl|@tensorflow\/.*)$/ },
  renderer: { layers: ['renderer', 'contract'], packages: /^(svelte(\/.*)?|chart\.js(\/.*)?|zod|vite|@sveltejs\/vite-plugin-svelte)$/ },
  preload: { layers: ['preload', 'contract'], packages: /^electron$/ },
  main: { layers: ['main', 'engine', 'contract'], packages: /^(node:.*|electron)$/ },
  server: { layers: ['server', 'engine', 'contract'], packages: /^(node:.*|ws)$/ },
  cli: { layers: ['cli', 'engine', 'server', 'contract'], packages: /^(node:.*)$/ },
};

/** Build tooling that lives beside a layer but runs in Node at build time, never in it: what else it may import. */
const BUILD_TOOLING: Record<string, RegExp> = {
  'renderer/vite.config.ts': /^node:/,
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(p);
    return /\.(ts|svelte)$/.test(e.name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return found.map((m) => m[1]);
}

test('every import respects the layering', () => {
  const violations: string[] = [];
  for (const [layer, rule] of Object.entries(ALLOWED)) {
    for (const file of sources(path.join(root, layer))) {
      for (const spec of imports(file)) {
        if (spec.startsWith('.')) {
          const target = path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep)[0];
          if (!rule.layers.includes(target)) violations.push(`${path.relative(root, file)} imports ${spec} (${layer} may not depend on ${target})`);
        } else if (!rule.packages.test(spec) && !BUILD_TOOLING[path.relative(root, file).split(path.sep).join('/')]?.test(spec)) {
          violations.push(`${path.relative(root, file)} imports package ${spec} (not allowed in ${layer})`);
        }
      }
    }
  }
  assert.deepEqual(violations, []);
});

test('the scanner sees imports (so the rule above cannot pass vacuously)', () => {
  const found = imports(path.join(root, 'engine', 'engine.ts'));
  assert.ok(found.some((s) => s.includes('contract')), `found: ${found.join(', ')}`);
});
