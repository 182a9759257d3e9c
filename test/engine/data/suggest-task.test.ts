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

test('a label column suggests classification, naming the column; JSONL records with a label field too', async () => {
  const { file } = await tempWorkspace();
  const csv = await file('questions.csv', 'text,label\nIs it raining?,question\nIt is raining.,statement\n');
  const preview = await previewFile(csv);
  assert.equal(preview.suggestedTask?.task, 'classification');
  assert.match(preview.suggestedTask!.reason, /"label" column/);
  assert.equal(suggestTask('r.tsv', 'tsv', ['text\tlabel', 'Great film.\tpos', 'Dull.\tneg'], ['text', 'label'])?.task, 'classification');
  // A label-like name counts only last, where the import looks for the label by default.
  assert.match(suggestTask('r.csv', 'csv', ['review,sentiment'], ['review', 'sentiment'])!.reason, /"sentiment"/);
  assert.equal(suggestTask('r.csv', 'csv', ['sentiment,review'], ['sentiment', 'review']), undefined);
  assert.equal(suggestTask('p.jsonl', 'jsonl', ['{"text":"a","label":"b"}'], ['text', 'label'])?.task, 'classification');
});

test('CoNLL columns and Brown word/TAG tokens suggest tagging, with an example in the reason', async () => {
  const conll = ['-DOCSTART- -X- O O', '', 'EU NNP B-NP B-ORG', 'rejects VBZ B-VP O', 'German JJ B-NP B-MISC', 'call NN I-NP O', '', 'Peter NNP B-NP B-PER', 'Blackburn NNP I-NP I-PER'];
  const fromText = suggestTask('train.conll', 'text', conll, null);
  assert.equal(fromText?.task, 'tagging');
  assert.match(fromText!.reason, /"EU" → B-ORG/);
  const tabs = ['EU\tB-ORG', 'rejects\tO', 'German\tB-MISC', 'call\tO', 'to\tO'];
  assert.equal(suggestTask('t.tsv', 'tsv', tabs, tabs[0].split('\t'))?.task, 'tagging');
  const { file } = await tempWorkspace();
  const brown = await file('ca01.txt', 'The/at Fulton/np-tl County/nn-tl Grand/jj-tl Jury/nn-tl said/vbd Friday/nr\nIt/pps was/bedz fine/jj ./.\n');
  const preview = await previewFile(brown);
  assert.equal(preview.suggestedTask?.task, 'tagging');
  assert.match(preview.suggestedTask!.reason, /The\/at Fulton\/np-tl/);
});

test('plain text suggests word vectors / language modelling; slashes in prose are no tags', () => {
  const plain = suggestTask('notes.txt', 'text', ['Hello there.', 'It rains and/or snows in 2024/25.', 'See https://example.com/a for more.'], null);
  assert.equal(plain?.task, 'text');
  assert.match(plain!.reason, /word vectors/);
  // Chinese, one sentence a line, is plain text too.
  assert.equal(suggestTask('zh.txt', 'text', ['我喜欢自然语言处理。', '今天天气很好。'], null)?.task, 'text');
});

test('no guess: a CSV without a label column, a one-column CSV, a headerless labelled TSV, text without words', async () => {
  const { file } = await tempWorkspace();
  const noLabel = await previewFile(await file('reviews.csv', 'id,text,date\n1,Great film,2020\n2,Dull,2021\n'));
  assert.equal(noLabel.suggestedTask, undefined);
  const oneColumn = await previewFile(await file('one.csv', 'text\nGreat film\nDull and long\nFine\n'));
  assert.equal(oneColumn.format, 'csv');
  assert.equal(oneColumn.suggestedTask, undefined);
  // Without a header the import would read the first row as one: no classification guess, and no tagging either
  // (the text cells hold spaces), nor translation (the second column is a few repeated labels).
  const labelled = ['great film\tpos', 'dull and long\tneg', 'fine\tpos', 'awful\tneg', 'lovely\tpos', 'so bad\tneg'];
  assert.equal(suggestTask('r.tsv', 'tsv', labelled, labelled[0].split('\t')), undefined);
  assert.equal(suggestTask('n.txt', 'text', ['12 34', '56 78', '---'], null), undefined);
  assert.equal(suggestTask('empty.txt', 'text', [], null), undefined);
});

test('headers, JSONL fields and aligned extensions', () => {
  assert.match(suggestTask('p.csv', 'csv', ['en,fr', 'Hi,Salut'], ['en', 'fr'])!.reason, /"en" and "fr"/);
  assert.match(suggestTask('p.tsv', 'tsv', ['source\ttarget'], ['source', 'target'])!.reason, /"source" and "target"/);
  assert.equal(suggestTask('p.jsonl', 'jsonl', ['{"src":"a","tgt":"b"}'], ['src', 'tgt'])?.task, 'translation');
  assert.deepEqual(suggestTask('data/train.fr', 'text', ['Bonjour.'], null)?.aligned, { stem: 'train', language: 'fr' });
});
