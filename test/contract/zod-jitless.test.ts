// The contract turns zod's JIT off (contract/zod.ts) because the renderer's CSP forbids eval: this checks that
// zod still honours it, so a zod upgrade cannot silently bring back the CSP `eval` violation at page load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ImportOptions } from '../../contract/corpus.ts';
import { z } from '../../contract/zod.ts';

test('zod sees jitless: true, and parsing still works', () => {
  assert.equal(z.config().jitless, true);
  assert.equal(ImportOptions.parse({}).tokenizer, 'words');
  const original = globalThis.Function;
  let evals = 0;
  // Any `new Function` from zod would go through here.
  globalThis.Function = new Proxy(original, { construct: (...args) => (evals++, Reflect.construct(...args)) }) as FunctionConstructor;
  try {
    z.strictObject({ a: z.string(), b: z.number().default(1) }).parse({ a: 'x' });
  } finally {
    globalThis.Function = original;
  }
  assert.equal(evals, 0);
});
