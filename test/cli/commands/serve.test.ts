import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serveLimits } from '../../../cli/commands/serve.ts';
import { cli } from '../run-cli.ts';

const GiB = 2 ** 30;

test('serve: --max-upload, then NLP_STUDIO_MAX_UPLOAD, else 4 GiB; --debug or NLP_STUDIO_DEBUG', () => {
  assert.deepEqual(serveLimits({}, {}), { maxUploadBytes: 4 * GiB, debug: false });
  assert.deepEqual(serveLimits({ 'max-upload': '500m' }, { NLP_STUDIO_MAX_UPLOAD: '2g' }), { maxUploadBytes: 500 * 2 ** 20, debug: false });
  assert.deepEqual(serveLimits({}, { NLP_STUDIO_MAX_UPLOAD: '2g', NLP_STUDIO_DEBUG: '1' }), { maxUploadBytes: 2 * GiB, debug: true });
  assert.equal(serveLimits({ debug: true }, {}).debug, true);
  assert.throws(() => serveLimits({}, { NLP_STUDIO_MAX_UPLOAD: 'big' }), /NLP_STUDIO_MAX_UPLOAD takes a size such as 500m, 2g or 4GiB/);
});

test('serve --max-upload with a bad size fails naming the flag', async () => {
  const r = await cli(['serve', '--max-upload', '0']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /--max-upload takes a size such as 500m, 2g or 4GiB \(bytes when no unit\), got "0"/);
});
