// samples.list / samples.import through the engine's handlers, as every host calls them, on the real sample files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { engineMethods } from '../../../contract/methods.ts';
import { createEngine } from '../../../engine/engine.ts';

/** What a corpus of each task trains. */
const modelForTask: Record<string, string> = { text: 'word2vec', classification: 'classifier', tagging: 'tagger', translation: 'translator' };

async function withEngine(fn: (engine: Awaited<ReturnType<typeof createEngine>>) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'samples-handlers-'));
  const engine = await createEngine({ workspaceDir: path.join(dir, 'ws'), backend: 'cpu', emit: () => {} });
  try {
    await fn(engine);
  } finally {
    await engine.dispose();
  }
}

test('samples.list: every chapter names a shipped file, credited in the samples README, and a preset for its task', async () => {
  await withEngine(async (engine) => {
    const chapters = engineMethods['samples.list'].output.parse(await engine.handlers['samples.list']({}));
    assert.deepEqual(chapters.map((c) => c.id), ['word-vectors', 'recurrent-classifier', 'translation']);
    const readme = await readFile(path.join(import.meta.dirname, '..', '..', '..', 'resources', 'samples', 'README.md'), 'utf8');
    for (const c of chapters) {
      assert.ok(c.sizeBytes > 50_000 && c.sizeBytes < 400_000, `${c.fileName}: ${c.sizeBytes} bytes`);
      assert.ok(readme.includes(`## ${c.fileName}`), `${c.fileName} has no section in resources/samples/README.md`);
      assert.equal(c.preset.model, modelForTask[c.task], `${c.id}: a ${c.preset.model} preset for a ${c.task} corpus`);
      assert.ok(c.lookAt.length > 80 && c.credit.terms.length > 5, c.id);
    }
  });
});

test('samples.import: each chapter becomes a corpus of its task; a second import finds the first one', async () => {
  await withEngine(async (engine) => {
    const imp = (chapter: string) => engine.handlers['samples.import'](engineMethods['samples.import'].input.parse({ chapter }));
    const words = await imp('word-vectors');
    assert.equal(words.created, true);
    assert.equal(words.corpus.task, 'text');
    assert.equal(words.corpus.stats.documents, 2500);
    assert.ok(words.corpus.stats.tokens > 40_000, `${words.corpus.stats.tokens} tokens`);

    const genres = await imp('recurrent-classifier');
    assert.equal(genres.corpus.task, 'classification');
    assert.deepEqual(genres.corpus.labels.map((l) => [l.word, l.count]).sort(), [['government', 500], ['news', 500], ['religion', 500], ['romance', 500]]);
    assert.equal(genres.corpus.sources[0].labelColumn?.guessed, false);

    const pairs = await imp('translation');
    assert.equal(pairs.corpus.task, 'translation');
    assert.deepEqual([pairs.corpus.pairs?.sourceLanguage, pairs.corpus.pairs?.targetLanguage], ['eng', 'fra']);
    // Pairs over the chapter's 8 tokens a side are filtered out, not failed on.
    assert.ok((pairs.corpus.pairs?.count ?? 0) > 1500 && (pairs.corpus.pairs?.count ?? 0) < 2000, `${pairs.corpus.pairs?.count} pairs`);
    assert.ok((pairs.corpus.pairs?.filtered.tooLong ?? 0) > 0);

    const again = await imp('word-vectors');
    assert.deepEqual([again.created, again.corpus.id], [false, words.corpus.id]);
    assert.equal((await engine.handlers['corpus.list']({})).length, 3);
    // Deleted, it is imported anew.
    await engine.handlers['corpus.delete']({ id: words.corpus.id });
    const fresh = await imp('word-vectors');
    assert.equal(fresh.created, true);
    assert.notEqual(fresh.corpus.id, words.corpus.id);

    await assert.rejects(imp('no-such-chapter'), (e: Error) => e.name === 'NotFoundError' && /word-vectors/.test(e.message));
  });
});

test('the word-vectors preset trains on its sample and learns something (neighbours of a frequent word)', async () => {
  await withEngine(async (engine) => {
    const { chapter, corpus } = await engine.handlers['samples.import']({ chapter: 'word-vectors' });
    const started = Date.now();
    const { jobId, runId } = await engine.handlers['train.start'](engineMethods['train.start'].input.parse({ corpusId: corpus.id, spec: chapter.preset }));
    await engine.jobs.wait(jobId);
    for (;;) {
      const run = await engine.handlers['runs.get']({ id: runId });
      if (run.run.status !== 'running') {
        assert.equal(run.run.status, 'completed');
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (Date.now() - started) / 1000;
    assert.ok(seconds < 90, `${seconds} s`);
    // What the chapter's note promises: pronouns and numbers find each other.
    const near = async (word: string) => (await engine.handlers['word2vec.neighbors']({ runId, word, top: 10 })).map((n) => n.word);
    const she = await near('she');
    assert.ok(she.some((w) => ['he', 'her', 'they', 'him'].includes(w)), she.join(' '));
    const two = await near('two');
    assert.ok(two.filter((w) => ['three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'].includes(w)).length >= 3, two.join(' '));
  });
});
