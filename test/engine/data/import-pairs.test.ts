/** Translation imports: pair files and aligned files into tokens.txt (source) + target.txt, checked before writing. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { CorpusInfo } from '../../../contract/corpus.ts';
import { getCorpus } from '../../../engine/data/corpus-store.ts';
import { importCorpus, type ImportProgress } from '../../../engine/data/import-corpus.ts';
import { readPairs } from '../../../engine/data/parallel-corpus.ts';
import { assertStudioError, corporaListing, noControl, options, tempWorkspace } from './helpers.ts';

const lines = async (dir: string, name: string) => (await readFile(path.join(dir, name), 'utf8')).trimEnd().split('\n');

/** Tatoeba's form: English, French, and an attribution column to ignore; quotes are text, not CSV quoting. */
const TATOEBA = [
  'Go.\tVa !\tCC-BY 2.0 (France) Attribution: tatoeba.org #2877272 (CM) & #1158250 (Wittydev)',
  'Who?\tQui ?\tCC-BY 2.0 (France) Attribution: tatoeba.org #2083030 (CK) & #4366796 (gillux)',
  '"I forgot," she said.\t"J\'ai oublié", répondit-elle.\tCC-BY 2.0 (France) Attribution: tatoeba.org #1 (x) & #2 (y)',
  "It's 3:30, isn't it?\tIl est 3 h 30, n'est-ce pas ?\tCC-BY 2.0 (France) Attribution: tatoeba.org #3 (x) & #4 (y)",
].join('\n') + '\n';

test('TSV pairs (Tatoeba style): source and target sides aligned, punctuation kept, languages from the name', async () => {
  const { ws, file } = await tempWorkspace();
  const tsv = await file('tatoeba-eng-fra.tsv', TATOEBA);
  const info = await importCorpus(ws, { paths: [tsv], options: options({ task: 'translation' }) }, noControl());
  const dir = ws.corpusDir(info.id);
  assert.equal(info.task, 'translation');
  assert.equal(info.tokenizer, 'words+punct');
  assert.deepEqual(await lines(dir, 'tokens.txt'), ['go .', 'who ?', '" i forgot , " she said .', "it's 3:30 , isn't it ?"]);
  assert.deepEqual(await lines(dir, 'target.txt'), ['va !', 'qui ?', '" j\'ai oublié " , répondit-elle .', "il est 3 h 30 , n'est-ce pas ?"]);
  assert.equal(info.pairs?.sourceLanguage, 'eng');
  assert.equal(info.pairs?.targetLanguage, 'fra');
  assert.equal(info.pairs?.count, 4);
  assert.deepEqual([info.pairs?.source.tokens, info.pairs?.target.tokens, info.stats.tokens], [18, 20, 18]);
  assert.deepEqual(info.pairs?.filtered, { missingColumns: 0, empty: 0, tooLong: 0, duplicates: 0 });
  assert.equal(info.sources[0].column, '0 → 1');
  assert.deepEqual(CorpusInfo.parse(await getCorpus(ws, info.id)), CorpusInfo.parse(info));
  const pairs = await readPairs(dir);
  assert.deepEqual(pairs.source[1], ['who', '?']);
  assert.deepEqual(pairs.target[3], ['il', 'est', '3', 'h', '30', ',', "n'est-ce", 'pas', '?']);
});

test('swap exchanges the sides and their languages; columns by index; explicit languages win', async () => {
  const { ws, file } = await tempWorkspace();
  const tsv = await file('eng-fra.tsv', 'x1\tHello.\tBonjour.\nx2\tThanks!\tMerci !\n');
  const swapped = await importCorpus(ws, { paths: [tsv], options: options({ task: 'translation', sourceColumn: '1', targetColumn: '2', swap: true, lowercase: false }) }, noControl());
  assert.deepEqual(await lines(ws.corpusDir(swapped.id), 'tokens.txt'), ['Bonjour .', 'Merci !']);
  assert.deepEqual(await lines(ws.corpusDir(swapped.id), 'target.txt'), ['Hello .', 'Thanks !']);
  assert.deepEqual([swapped.pairs?.sourceLanguage, swapped.pairs?.targetLanguage, swapped.pairs?.swapped], ['fra', 'eng', true]);
  const named = await importCorpus(ws, { paths: [tsv], options: options({ task: 'translation', sourceColumn: '1', targetColumn: '2', sourceLanguage: 'English', targetLanguage: 'French' }) }, noControl());
  assert.deepEqual([named.pairs?.sourceLanguage, named.pairs?.targetLanguage], ['English', 'French']);
  await assertStudioError(importCorpus(ws, { paths: [tsv], options: options({ task: 'translation', sourceColumn: 'en' }) }, noControl()), {
    name: 'ImportError',
    file: 'eng-fra.tsv',
    message: /no column "en"/,
  });
});

test('a GB18030-encoded Chinese–English pair file: detected, decoded, Chinese segmented into words', async () => {
  const { ws, file } = await tempWorkspace();
  const text = ['我喜欢自然语言处理。\tI like natural language processing.', '今天天气很好，我们一起去公园散步吧。\tThe weather is nice today, let us walk in the park.', '她每天早上六点起床。\tShe gets up at six every morning.', '学习一门新的语言需要时间和耐心。\tLearning a new language takes time and patience.'].join('\n');
  const tsv = await file('pairs-zh-en.tsv', iconv.encode(text, 'gb18030'));
  const info = await importCorpus(ws, { paths: [tsv], options: options({ task: 'translation' }) }, noControl());
  assert.equal(info.sources[0].encoding, 'gb18030');
  assert.deepEqual([info.pairs?.sourceLanguage, info.pairs?.targetLanguage], ['zh', 'en']);
  const pairs = await readPairs(ws.corpusDir(info.id));
  assert.deepEqual(pairs.source[0], ['我', '喜欢', '自然', '语言', '处理', '。']);
  assert.deepEqual(pairs.target[0], ['i', 'like', 'natural', 'language', 'processing', '.']);
  assert.equal(pairs.source.length, 4);
});

test('aligned files (train.en + train.fr): a side each, languages from the extensions, a trailing blank line is no mismatch', async () => {
  const { ws, file } = await tempWorkspace();
  const en = await file('train.en', 'I see.\nWe won!\n\nThanks, Tom.\n');
  const fr = await file('train.fr', 'Je vois.\nNous avons gagné !\n\nMerci, Tom.\n\n');
  const info = await importCorpus(ws, { paths: [en, fr], options: options({ task: 'translation' }) }, noControl());
  const dir = ws.corpusDir(info.id);
  assert.deepEqual(await lines(dir, 'tokens.txt'), ['i see .', 'we won !', 'thanks , tom .']);
  assert.deepEqual(await lines(dir, 'target.txt'), ['je vois .', 'nous avons gagné !', 'merci , tom .']);
  assert.deepEqual([info.pairs?.layout, info.pairs?.sourceLanguage, info.pairs?.targetLanguage], ['aligned', 'en', 'fr']);
  assert.deepEqual(info.sources.map((s) => [s.fileName, s.format, s.column, s.documents]), [['train.en', 'text', null, 3], ['train.fr', 'text', null, 3]]);
});

test('aligned files of different lengths fail, naming both files and counts, even with filter; nothing is written', async () => {
  const { ws, file } = await tempWorkspace();
  const en = await file('train.en', Array.from({ length: 12 }, (_, i) => `Sentence ${i}.`).join('\n'));
  const fr = await file('train.fr', Array.from({ length: 11 }, (_, i) => `Phrase ${i}.`).join('\n') + '\n');
  for (const onIssues of ['abort', 'filter'] as const) {
    await assertStudioError(importCorpus(ws, { paths: [en, fr], options: options({ task: 'translation', onIssues }) }, noControl()), {
      name: 'ImportError',
      file: 'train.en',
      line: 12,
      message: /train\.en has 12 lines and train\.fr has 11 lines/,
    });
  }
  assert.deepEqual(await corporaListing(ws), []);
});

const FLAWED = [
  'Hello.\tBonjour.', // 1
  'Hello.\tBonjour.', // 2 duplicate
  '...\tRien.', // 3 empty source once punctuation... kept: punctuation is a token
  '\tVide.', // 4 empty source
  'One two three four five six seven.\tUn deux trois quatre cinq six sept.', // 5 too long (maxTokens 6)
  'No tab here', // 6 missing target column
  'Bye.\tSalut.', // 7
  '', // 8 blank: skipped
  'Bye.\t  ', // 9 empty target
  'HELLO.\tbonjour.', // 10 duplicate once lower-cased
].join('\n');

test('abort: every issue listed with its lines, the error at the earliest bad line, nothing written', async () => {
  const { ws, file } = await tempWorkspace();
  const tsv = await file('flawed.tsv', FLAWED);
  const error = await assertStudioError(importCorpus(ws, { paths: [tsv], options: options({ task: 'translation', maxTokens: 6 }) }, noControl()), {
    name: 'ImportError',
    file: 'flawed.tsv',
    line: 2,
  });
  assert.match(error.message, /1 row has no target column \(column 1\) \(line 6 of flawed\.tsv\)/);
  assert.match(error.message, /2 pairs have an empty side \(lines 4, 9 of flawed\.tsv\)/);
  assert.match(error.message, /1 pair has more than 6 tokens on a side \(line 5 of flawed\.tsv\)/);
  assert.match(error.message, /2 pairs repeat an earlier pair exactly \(lines 2, 10 of flawed\.tsv\)/);
  assert.match(error.message, /--on-issues filter/);
  assert.deepEqual(await corporaListing(ws), []);
});

test('filter: the bad pairs are left out and counted in CorpusInfo', async () => {
  const { ws, file } = await tempWorkspace();
  const tsv = await file('flawed.tsv', FLAWED);
  const info = await importCorpus(ws, { paths: [tsv], options: options({ task: 'translation', maxTokens: 6, onIssues: 'filter' }) }, noControl());
  assert.deepEqual(await lines(ws.corpusDir(info.id), 'tokens.txt'), ['hello .', '...', 'bye .']);
  assert.deepEqual(await lines(ws.corpusDir(info.id), 'target.txt'), ['bonjour .', 'rien .', 'salut .']);
  assert.deepEqual(info.pairs?.filtered, { missingColumns: 1, empty: 2, tooLong: 1, duplicates: 2 });
  assert.equal(info.pairs?.count, 3);
});

test('JSONL src/tgt by default or named fields; CSV with a header naming the languages', async () => {
  const { ws, file } = await tempWorkspace();
  const jsonl = await file('pairs.jsonl', '{"id":1,"src":"Good night.","tgt":"Bonne nuit."}\n\n{"id":2,"src":"Thanks.","tgt":"Merci."}\n');
  const j = await importCorpus(ws, { paths: [jsonl], options: options({ task: 'translation' }) }, noControl());
  assert.deepEqual(await lines(ws.corpusDir(j.id), 'target.txt'), ['bonne nuit .', 'merci .']);
  assert.deepEqual([j.pairs?.sourceLanguage, j.pairs?.targetLanguage], ['source', 'target']);
  const custom = await file('custom.jsonl', '{"de":"Hallo!","en":"Hello!"}\n{"de":"Danke.","en":"Thanks."}\n');
  const c = await importCorpus(ws, { paths: [custom], options: options({ task: 'translation', sourceColumn: 'en', targetColumn: 'de' }) }, noControl());
  assert.deepEqual(await lines(ws.corpusDir(c.id), 'tokens.txt'), ['hello !', 'thanks .']);
  assert.deepEqual([c.pairs?.sourceLanguage, c.pairs?.targetLanguage], ['en', 'de']);
  const csv = await file('pairs.csv', 'en,fr\r\n"Yes, please.","Oui, s\'il vous plaît."\r\n"Line\r\nbreak",Saut\r\n');
  const v = await importCorpus(ws, { paths: [csv], options: options({ task: 'translation' }) }, noControl());
  assert.deepEqual(await lines(ws.corpusDir(v.id), 'tokens.txt'), ['yes , please .', 'line break']);
  assert.deepEqual([v.pairs?.sourceLanguage, v.pairs?.targetLanguage, v.sources[0].column], ['en', 'fr', 'en → fr']);
});

test('a plain-text file alone is not pairs; an invalid JSON line names its line; progress goes through both stages', async () => {
  const { ws, file } = await tempWorkspace();
  const text = await file('notes.txt', 'Just sentences.\nNo pairs.\n');
  await assertStudioError(importCorpus(ws, { paths: [text], options: options({ task: 'translation' }) }, noControl()), { name: 'ImportError', file: 'notes.txt', message: /needs pairs/ });
  const broken = await file('broken.jsonl', '{"src":"a","tgt":"b"}\n{"src":\n');
  await assertStudioError(importCorpus(ws, { paths: [broken], options: options({ task: 'translation' }) }, noControl()), { name: 'ImportError', file: 'broken.jsonl', line: 2 });

  const tsv = await file('p.tsv', TATOEBA);
  const seen: ImportProgress[] = [];
  await importCorpus(ws, { paths: [tsv], options: options({ task: 'translation' }) }, { signal: new AbortController().signal, onProgress: (p) => seen.push(p) });
  assert.deepEqual([...new Set(seen.map((p) => p.stage?.label))], ['checking', 'importing']);
  assert.equal(seen.at(-1)?.documents, 4);
});

test('a cancelled import stops and leaves nothing', async () => {
  const { ws, file } = await tempWorkspace();
  const tsv = await file('p.tsv', TATOEBA);
  const abort = new AbortController();
  abort.abort();
  await assertStudioError(importCorpus(ws, { paths: [tsv], options: options({ task: 'translation' }) }, { signal: abort.signal, onProgress: () => {} }), { name: 'CancelledError' });
  assert.deepEqual(await corporaListing(ws), []);
});

test('several pair files: read one after another, issues named in their own file, the error at the earliest', async () => {
  const { ws, file } = await tempWorkspace();
  const a = await file('a.tsv', 'One.\tUn.\nTwo.\tDeux.\n');
  const b = await file('b.jsonl', '{"src":"Three.","tgt":"Trois."}\n{"src":"One.","tgt":"Un."}\n{"src":"","tgt":"Vide."}\n');
  await assertStudioError(importCorpus(ws, { paths: [b, a], options: options({ task: 'translation' }) }, noControl()), { name: 'ImportError', file: 'b.jsonl', line: 3 });
  const error = await assertStudioError(importCorpus(ws, { paths: [a, b], options: options({ task: 'translation' }) }, noControl()), { name: 'ImportError', file: 'b.jsonl', line: 2 });
  assert.match(error.message, /line 2 of b\.jsonl/);
  const info = await importCorpus(ws, { paths: [a, b], options: options({ task: 'translation', onIssues: 'filter' }) }, noControl());
  assert.deepEqual(info.sources.map((s) => [s.fileName, s.format, s.documents]), [['a.tsv', 'tsv', 2], ['b.jsonl', 'jsonl', 1]]);
  assert.deepEqual(await lines(ws.corpusDir(info.id), 'target.txt'), ['un .', 'deux .', 'trois .']);
});
