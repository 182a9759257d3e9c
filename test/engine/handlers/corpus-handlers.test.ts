// corpus.checkPairs and a translation corpus.import through the engine's handlers, as the hosts call them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { engineMethods } from '../../../contract/methods.ts';
import type { JobEvent } from '../../../contract/jobs.ts';
import { createEngine } from '../../../engine/engine.ts';

test('checkPairs reports what an import would keep, writing nothing; the import job then filters as asked', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-handlers-'));
  const events: JobEvent[] = [];
  const engine = await createEngine({ workspaceDir: path.join(dir, 'ws'), backend: 'cpu', emit: (event, payload) => event === 'job' && events.push(payload as JobEvent) });
  try {
    const tsv = path.join(dir, 'upload-1');
    await writeFile(tsv, 'Hi.\tSalut.\nHi.\tSalut.\nYes.\tOui.\n');
    const args = (options: object) => engineMethods['corpus.checkPairs'].input.parse({ paths: [tsv], displayNames: ['eng-fra.tsv'], options: { task: 'translation', ...options } });
    const check = await engine.handlers['corpus.checkPairs'](args({}));
    assert.deepEqual([check.pairs, check.kept, check.sourceLanguage, check.targetLanguage], [3, 2, 'eng', 'fra']);
    assert.deepEqual(check.issues.map((i) => [i.kind, i.lines]), [['duplicates', [{ file: 'eng-fra.tsv', line: 2 }]]]);
    assert.deepEqual(await readdir(path.join(dir, 'ws', 'corpora')).catch(() => []), []);
    await assert.rejects(engine.handlers['corpus.checkPairs'](args({ task: 'text' })), /translation/);

    const input = engineMethods['corpus.import'].input.parse({ paths: [tsv], displayNames: ['eng-fra.tsv'], options: { task: 'translation', onIssues: 'filter' } });
    const { jobId } = await engine.handlers['corpus.import'](input);
    while (!events.some((e) => e.type === 'done' && e.jobId === jobId)) {
      assert.ok(!events.some((e) => e.type === 'failed'), JSON.stringify(events));
      await new Promise((r) => setTimeout(r, 10));
    }
    const done = events.find((e) => e.type === 'done')!;
    assert.ok(done.type === 'done' && done.result.kind === 'import');
    assert.deepEqual([done.result.corpus.pairs?.count, done.result.corpus.pairs?.filtered.duplicates], [2, 1]);
    const fractions = events.flatMap((e) => (e.type === 'progress' ? [e.fraction] : []));
    assert.ok(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]), `progress went back: ${fractions.join(', ')}`);
  } finally {
    await engine.dispose();
  }
});
