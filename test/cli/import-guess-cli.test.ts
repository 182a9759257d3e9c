// `nlp-studio import` without --task says what the file looks made for and why (on stderr), and does not apply it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli } from './run-cli.ts';

test('import without --task prints the guessed task and its reason; with --task it says nothing of it', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cli-guess-'));
  const workspace = path.join(dir, 'ws');
  const csv = path.join(dir, 'questions.csv');
  await writeFile(csv, 'text,label\nIs it raining?,question\nIt is raining.,statement\n');
  const guessed = await cli(['import', csv, '--json', '--workspace', workspace]);
  assert.equal(guessed.code, 0, guessed.stderr);
  assert.match(guessed.stderr, /looks made for classification: Its header has a "label" column.*--task classification/);
  assert.equal(guessed.json.documents, 2); // imported as plain text all the same: the guess is only said

  const chosen = await cli(['import', csv, '--task', 'classification', '--json', '--workspace', workspace]);
  assert.equal(chosen.code, 0, chosen.stderr);
  assert.doesNotMatch(chosen.stderr, /looks made for|guessed/);

  const txt = path.join(dir, 'notes.txt');
  await writeFile(txt, 'Hello there, world!\nWhat a day?\n');
  const plain = await cli(['import', txt, '--workspace', workspace]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stderr, /Task: text \(guessed: Plain text, a document a line/);
});
