import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StudioError } from '../../contract/errors.ts';
import type { Handlers, HostMethods, StudioMethods } from '../../contract/methods.ts';
import { createIpcRouter } from '../../main/ipc.ts';

test('IPC errors reach the renderer without stack or server paths unless NLP_STUDIO_DEBUG is set', async () => {
  const studio = {
    'corpus.get': async () => {
      throw new StudioError('ImportError', 'cannot read /home/alice/data/train.csv line 4', { file: '/home/alice/data/train.csv', line: 4 });
    },
  } as unknown as Handlers<StudioMethods>;
  const router = createIpcRouter(studio, {} as Handlers<HostMethods>);
  const saved = process.env.NLP_STUDIO_DEBUG;
  try {
    delete process.env.NLP_STUDIO_DEBUG;
    const plain = await router.call({ method: 'corpus.get', input: { id: 'c-abcd' } });
    assert.deepEqual(plain, { ok: false, error: { name: 'ImportError', message: 'cannot read train.csv line 4', file: 'train.csv', line: 4 } });
    process.env.NLP_STUDIO_DEBUG = '1';
    const debug = await router.call({ method: 'corpus.get', input: { id: 'c-abcd' } });
    assert.ok(!debug.ok && debug.error.stack?.includes('ipc-redact.test.ts') && debug.error.file === '/home/alice/data/train.csv');
  } finally {
    if (saved === undefined) delete process.env.NLP_STUDIO_DEBUG;
    else process.env.NLP_STUDIO_DEBUG = saved;
  }
});
