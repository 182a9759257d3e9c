import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPortPair, RpcClient, serveRpc, studioMethods, nestMethods, StudioError } from '../../contract/index.ts';
import type { Handlers, StudioMethods } from '../../contract/index.ts';

test('a bad payload gets a typed ValidationError, an unknown method UnknownMethodError', async () => {
  const [a, b] = createPortPair();
  const handlers = { 'corpus.get': async () => { throw new Error('must not run'); } } as unknown as Handlers<StudioMethods>;
  serveRpc(studioMethods, handlers, b);
  const client = new RpcClient(a);
  const api = nestMethods(studioMethods, (m, i) => client.call(m, i));
  await assert.rejects(api.corpus.get({ id: '../../etc' }), (e: unknown) => e instanceof StudioError && e.name === 'ValidationError');
  await assert.rejects(client.call('fs.readFile', {}), (e: unknown) => e instanceof StudioError && e.name === 'UnknownMethodError');
  await assert.rejects(client.call('corpus.list', { extra: 1 }), (e: unknown) => e instanceof StudioError && e.name === 'ValidationError');
});

test('describeError names the file and line once, whatever the message already says', async () => {
  const { describeError } = await import('../../contract/errors.ts');
  assert.equal(describeError(new StudioError('ImportError', 'Unterminated quote', { file: 'a.csv', line: 3 })), 'Unterminated quote (a.csv, line 3)');
  assert.equal(describeError(new StudioError('ImportError', 'a.csv: unterminated quote', { file: 'a.csv', line: 3 })), 'a.csv: unterminated quote (line 3)');
  assert.equal(describeError(new StudioError('ImportError', 'Line 3 of a.csv is too long', { file: 'a.csv', line: 3 })), 'Line 3 of a.csv is too long');
  assert.equal(describeError({ name: 'NotFoundError', message: 'gone' }), 'gone');
});
