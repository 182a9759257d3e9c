/** Every kind of bad input fails with an ImportError that names the file (and line), and leaves the workspace as it was. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { corpusTokensPath, listCorpora } from '../../../engine/data/corpus-store.ts';
import { importCorpus } from '../../../engine/data/import-corpus.ts';
import { assertStudioError, corporaListing, noControl, options, tempWorkspace } from './helpers.ts';

/** A workspace that already holds one corpus, which a failed import must not touch. */
async function workspaceWithCorpus() {
  const setup = await tempWorkspace();
  const good = await setup.file('good.txt', 'an existing corpus\n');
  const existing = await importCorpus(setup.ws, { paths: [good], options: options() }, noControl());
  const tokensBefore = await readFile(corpusTokensPath(setup.ws, existing.id), 'utf8');
  const listingBefore = await corporaListing(setup.ws);
  const assertUntouched = async () => {
    assert.deepEqual(await corporaListing(setup.ws), listingBefore);
    assert.deepEqual((await listCorpora(setup.ws)).map((c) => c.id), [existing.id]);
    assert.equal(await readFile(corpusTokensPath(setup.ws, existing.id), 'utf8'), tokensBefore);
  };
  return { ...setup, good, assertUntouched };
}

const badInputs: Array<{ title: string; name: string; content: string | Uint8Array; column?: string; line?: number; message: RegExp }> = [
  { title: 'a binary file (NUL bytes)', name: 'x.bin', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0xff]), message: /^x\.bin looks like a binary file, not text$/ },
  { title: 'a binary file (control characters)', name: 'ctl.dat', content: Buffer.from('\x01\x02\x03\x04abc\x05\x06\x07\x08'.repeat(50)), message: /ctl\.dat looks like a binary file/ },
  { title: 'an empty file', name: 'empty.txt', content: '', message: /^empty\.txt is empty$/ },
  { title: 'a file with no words after tokenising', name: 'punct.txt', content: '...\n!!! ---\n\n', message: /punct\.txt has no text to import/ },
  { title: 'a CSV with an unterminated quote', name: 'broken.csv', content: 'id,text\n1,ok\n2,"starts here\nand never\nends\n', line: 3, message: /broken\.csv.*line 3.*never closed/ },
  { title: 'a CSV without the chosen column', name: 'cols.csv', content: 'id,body,label\n1,x,y\n', column: 'text', line: 1, message: /cols\.csv has no column "text"\. Its columns are: "id", "body", "label"/ },
  { title: 'a TSV without the chosen column index', name: 'cols.tsv', content: 'id\tbody\n1\tx\n', column: '5', line: 1, message: /cols\.tsv has no column "5"\. Its columns are: "id", "body"/ },
  { title: 'a JSONL line that is not JSON', name: 'bad.jsonl', content: '{"text":"fine"}\n\n{"text": oops}\n', line: 3, message: /^Line 3 of bad\.jsonl is not valid JSON/ },
  { title: 'a JSONL line that is not an object', name: 'arr.jsonl', content: '{"text":"fine"}\n["a"]\n', line: 2, message: /^Line 2 of arr\.jsonl is not a JSON object/ },
  { title: 'a JSONL record without the field', name: 'field.jsonl', content: '{"text":"a"}\n{"text":"b"}\n{"body":"c","id":3}\n', line: 3, message: /^Line 3 of field\.jsonl has no field "text" \(its fields are: "body", "id"\)/ },
  { title: 'a JSONL file without the requested field', name: 'req.jsonl', content: '{"text":"a"}\n', column: 'body', line: 1, message: /^Line 1 of req\.jsonl has no field "body"/ },
];

for (const bad of badInputs) {
  test(`${bad.title} → ImportError naming the file${bad.line ? ' and line' : ''}; workspace untouched`, async () => {
    const { ws, file, assertUntouched } = await workspaceWithCorpus();
    const input = await file(bad.name, bad.content);
    await assertStudioError(importCorpus(ws, { paths: [input], options: options({ column: bad.column }) }, noControl()), {
      name: 'ImportError',
      file: bad.name,
      ...(bad.line ? { line: bad.line } : {}),
      message: bad.message,
    });
    await assertUntouched();
  });
}

test('a missing path and a folder → ImportError naming the display name; workspace untouched', async () => {
  const { ws, dir, assertUntouched } = await workspaceWithCorpus();
  await assertStudioError(importCorpus(ws, { paths: [path.join(dir, 'nope.txt')], displayNames: ['My notes.txt'], options: options() }, noControl()), {
    name: 'ImportError',
    file: 'My notes.txt',
    message: /^Cannot read My notes\.txt: the file does not exist$/,
  });
  await assertStudioError(importCorpus(ws, { paths: [dir], options: options() }, noControl()), {
    name: 'ImportError',
    message: /is a folder, not a file/,
  });
  await assertUntouched();
});

test('a bad file after good ones fails the whole import, leaving nothing', async () => {
  const { ws, file, good, assertUntouched } = await workspaceWithCorpus();
  const bad = await file('third.jsonl', '{"text":"ok"}\nnot json\n');
  await assertStudioError(importCorpus(ws, { paths: [good, good, bad], options: options() }, noControl()), { name: 'ImportError', file: 'third.jsonl', line: 2 });
  await assertUntouched();
});

test('a line longer than the limit is refused instead of filling memory', async () => {
  const { lineTooLong } = await import('../../../engine/data/import-error.ts');
  const error = lineTooLong('huge.txt', 1, 64 * 1024 * 1024);
  assert.equal(error.name, 'ImportError');
  assert.match(error.message, /Line 1 of huge\.txt is longer than 64 million characters/);
  const { splitLines } = await import('../../../engine/data/split-lines.ts');
  async function* pieces() {
    yield 'short\n';
    yield 'x'.repeat(30);
    yield 'y'.repeat(30);
  }
  await assertStudioError(
    (async () => {
      for await (const _ of splitLines(pieces(), { fileName: 'huge.txt', maxLineChars: 50 }));
    })(),
    { name: 'ImportError', file: 'huge.txt', line: 2 },
  );
});

test('cancelling stops the import with CancelledError and leaves nothing behind', async () => {
  const { ws, file, assertUntouched } = await workspaceWithCorpus();
  const input = await file('long.txt', 'some words to import here\n'.repeat(50_000));

  const before = new AbortController();
  before.abort();
  await assertStudioError(importCorpus(ws, { paths: [input], options: options() }, { signal: before.signal, onProgress: () => {} }), { name: 'CancelledError' });

  // Cancel midway: on the first progress report that shows bytes read.
  const midway = new AbortController();
  let bytesAtCancel = 0;
  await assertStudioError(
    importCorpus(ws, { paths: [input], options: options() }, {
      signal: midway.signal,
      onProgress: (p) => {
        if (p.bytesDone > 0 && !midway.signal.aborted) {
          bytesAtCancel = p.bytesDone;
          midway.abort();
        }
      },
    }, { chunkBytes: 1024 }),
    { name: 'CancelledError' },
  );
  assert.ok(bytesAtCancel > 0 && bytesAtCancel < 50_000 * 26);
  await assertUntouched();
});
