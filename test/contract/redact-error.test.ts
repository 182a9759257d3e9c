import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from '../../contract/zod.ts';
import { StudioError, errorToData } from '../../contract/errors.ts';
import { debugFromEnv, redactErrorData, redactEventPayload, redactPaths } from '../../contract/redact-error.ts';

const ws = '/home/alice/NLP Studio/workspace';

test('paths inside the workspace become workspace-relative, even with spaces in the workspace path', () => {
  assert.equal(
    redactPaths(`ENOENT: no such file or directory, open '${ws}/corpora/c-1/tokens.txt'`, ws),
    `ENOENT: no such file or directory, open 'corpora/c-1/tokens.txt'`,
  );
  assert.equal(redactPaths(`Cannot write to ${ws}`, ws), 'Cannot write to <workspace>');
  assert.equal(redactPaths(`file://${ws}/runs/r-1/run.json is torn`, ws), 'runs/r-1/run.json is torn');
  // A sibling folder whose name starts like the workspace is not inside it.
  assert.equal(redactPaths(`${ws}-old/x.csv`, ws), 'x.csv');
});

test('other absolute paths keep only their base name; line numbers survive', () => {
  assert.equal(redactPaths('/home/bob/data/train.csv line 12: 3 columns, expected 2'), 'train.csv line 12: 3 columns, expected 2');
  assert.equal(redactPaths('EACCES: permission denied, open "/etc/nlp/secret.key"'), 'EACCES: permission denied, open "secret.key"');
  assert.equal(redactPaths('at file:///opt/app/dist/engine.cjs:12:5'), 'at engine.cjs:12:5');
  assert.equal(redactPaths(String.raw`cannot open C:\Users\Bob\Desktop\train.csv`), 'cannot open train.csv');
  assert.equal(redactPaths('cannot open C:/Users/Bob/train.csv'), 'cannot open train.csv');
  assert.equal(redactPaths(String.raw`share \\server\public\x.tsv gone`), 'share x.tsv gone');
  assert.equal(redactPaths('the folder /srv/data/ is empty'), 'the folder data is empty');
  assert.equal(redactPaths('/Users/Bob Smith/My Data/train.csv line 3: empty'), 'train.csv line 3: empty');
});

test('text that only looks like paths is left alone', () => {
  for (const text of [
    'The upload needs a file name: POST /api/upload?name=<file name>',
    'No such endpoint: /api/nothing',
    'a ratio of 3/4, corpora/c-1/tokens.txt, 2024/01/02',
    'see https://example.org/docs/page',
    'window must be 1/2 of the vocabulary',
    'the root / alone',
  ]) {
    assert.equal(redactPaths(text), text);
  }
  // zod's own messages (regex patterns) survive.
  const r = z.object({ id: z.string().regex(/^c-[a-z0-9-]{1,64}$/) }).safeParse({ id: '../x' });
  const pretty = z.prettifyError(r.error!);
  assert.equal(redactPaths(pretty), pretty);
});

test('redactErrorData drops the stack and redacts message and file; debug keeps everything', () => {
  const error = new StudioError('ImportError', `${ws}/.uploads/u-1.csv line 3: bad quote in /tmp/x/y.csv`, { file: '/data/in/train.csv', line: 3 });
  const data = errorToData(error);
  assert.ok(data.stack?.includes('redact-error.test.ts'), 'the unredacted data has a stack');
  const safe = redactErrorData(data, { workspaceDir: ws });
  assert.deepEqual(safe, { name: 'ImportError', message: '.uploads/u-1.csv line 3: bad quote in y.csv', file: 'train.csv', line: 3 });
  assert.deepEqual(redactErrorData(data, { workspaceDir: ws, debug: true }), data);
  const internal = redactErrorData(errorToData(new Error(`boom at ${ws}`)), { workspaceDir: ws });
  assert.deepEqual(internal, { name: 'InternalError', message: 'boom at <workspace>' });
});

test('debugFromEnv', () => {
  assert.equal(debugFromEnv({}), false);
  assert.equal(debugFromEnv({ NLP_STUDIO_DEBUG: '' }), false);
  assert.equal(debugFromEnv({ NLP_STUDIO_DEBUG: '0' }), false);
  assert.equal(debugFromEnv({ NLP_STUDIO_DEBUG: 'false' }), false);
  assert.equal(debugFromEnv({ NLP_STUDIO_DEBUG: '1' }), true);
});

test('event payloads: a failed job\'s error and an engine crash\'s error and log are redacted; others pass', () => {
  const failed = { type: 'failed', jobId: 'j-abcd', error: { name: 'ImportError', message: `${ws}/corpora/c-1/tokens.txt is torn`, stack: 'Error: x\n    at f (/opt/app/engine.cjs:1:2)', file: '/data/train.csv', line: 2 } };
  assert.deepEqual(redactEventPayload(failed, { workspaceDir: ws }), { type: 'failed', jobId: 'j-abcd', error: { name: 'ImportError', message: 'corpora/c-1/tokens.txt is torn', file: 'train.csv', line: 2 } });
  const crashed = {
    type: 'crashed',
    restarting: true,
    jobs: [],
    error: { name: 'EngineCrashedError', message: 'The engine exited with SIGSEGV' },
    log: ['training step 12', `Error: cannot open ${ws}/runs/r-1/checkpoints/last.bin`, '    at open (node:fs:1:1)', '    at save (/opt/app/dist/engine/engine-main.cjs:10:5)'],
  };
  assert.deepEqual((redactEventPayload(crashed, { workspaceDir: ws }) as { log: string[] }).log, ['training step 12', 'Error: cannot open runs/r-1/checkpoints/last.bin']);
  assert.deepEqual(redactEventPayload(crashed, { workspaceDir: ws, debug: true }), crashed);
  const progress = { type: 'progress', jobId: 'j-abcd', fraction: 0.5 };
  assert.equal(redactEventPayload(progress, { workspaceDir: ws }), progress);
});
