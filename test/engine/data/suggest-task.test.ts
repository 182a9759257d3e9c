import assert from 'node:assert/strict';
import { test } from 'node:test';
import { previewFile } from '../../../engine/data/preview.ts';
import { suggestTask } from '../../../engine/data/suggest-task.ts';
import { tempWorkspace } from './helpers.ts';

test('a TSV of two sentence columns suggests translation, with the reason; the preview carries it', async () => {
  const { file } = await tempWorkspace();
  const tsv = await file('pairs.tsv', 'Go.\tVa !\tCC-BY\nRun!\tCours !\tCC-BY\nWho?\tQui ?\tCC-BY\nHelp!\tÀ l\'aide !\tCC-BY\n');
  const preview = await previewFile(tsv);
  assert.equal(preview.suggestedTask?.task, 'translation');
  assert.match(preview.suggestedTask!.reason, /two tab-separated sentences/);
});

test('no suggestion for labels, tags or plain text', () => {
  // A classification TSV with a header, one without (a few repeated labels), a CoNLL-like token/tag file.
  assert.equal(suggestTask('r.tsv', 'tsv', ['text\tlabel', 'Great film.\tpos', 'Dull.\tneg'], ['text', 'label']), undefined);
  const labelled = ['great film\tpos', 'dull and long\tneg', 'fine\tpos', 'awful\tneg', 'lovely\tpos', 'so bad\tneg'];
  assert.equal(suggestTask('r.tsv', 'tsv', labelled, labelled[0].split('\t')), undefined);
  const tagged = ['EU\tB-ORG', 'rejects\tO', 'German\tB-MISC', 'call\tO'];
  assert.equal(suggestTask('t.tsv', 'tsv', tagged, tagged[0].split('\t')), undefined);
  assert.equal(suggestTask('notes.txt', 'text', ['Hello there.'], null), undefined);
});

test('headers, JSONL fields and aligned extensions', () => {
  assert.match(suggestTask('p.csv', 'csv', ['en,fr', 'Hi,Salut'], ['en', 'fr'])!.reason, /"en" and "fr"/);
  assert.match(suggestTask('p.tsv', 'tsv', ['source\ttarget'], ['source', 'target'])!.reason, /"source" and "target"/);
  assert.equal(suggestTask('p.jsonl', 'jsonl', ['{"src":"a","tgt":"b"}'], ['src', 'tgt'])?.task, 'translation');
  assert.equal(suggestTask('p.jsonl', 'jsonl', ['{"text":"a","label":"b"}'], ['text', 'label']), undefined);
  assert.deepEqual(suggestTask('data/train.fr', 'text', ['Bonjour.'], null)?.aligned, { stem: 'train', language: 'fr' });
});
