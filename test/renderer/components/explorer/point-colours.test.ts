import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CATEGORY_COLOURS,
  colourByLabel,
  colourByList,
  parseLabelTable,
  parseWordList,
} from '../../../../renderer/src/components/explorer/point-colours.ts';

const words = ['the', 'king', 'queen', 'man', 'woman', 'paris', 'london', 'apple'];
const index = new Map(words.map((w, i) => [w, i] as const));

test('a word list: pasted with lines, commas or spaces; repeated words once', () => {
  assert.deepEqual(parseWordList('king, queen\nman  woman;king\n\n'), ['king', 'queen', 'man', 'woman']);
});

test('colour by a word list: listed words highlighted (with the model normalisation), the rest dimmed, misses reported', () => {
  const byList = colourByList(words.length, index, ['King', 'paris', 'Berlin'], true);
  assert.deepEqual([...byList.levels], [0, 1, 0, 0, 0, 1, 0, 0]);
  assert.deepEqual(byList.rows, [1, 5]);
  assert.deepEqual(byList.missing, ['Berlin']);
  // A cased model does not fold "King" onto "king".
  const cased = colourByList(words.length, index, ['King'], false);
  assert.deepEqual(cased.rows, []);
  assert.deepEqual(cased.missing, ['King']);
});

test('a label table: TSV with or without a header, CSV when no tab', () => {
  const withHeader = parseLabelTable('word\tcount\tkind\nking\t10\troyal\nparis\t3\tcity\n');
  assert.deepEqual(withHeader.columns, ['word', 'count', 'kind']);
  assert.equal(withHeader.rows.length, 2);
  const bare = parseLabelTable('king,royal\r\nparis,city\n');
  assert.deepEqual(bare.columns, ['word', 'column 2']);
  assert.deepEqual(bare.rows[1], ['paris', 'city']);
});

test('colour by a label column: one colour per label, most frequent first; unlabelled words apart', () => {
  const table = parseLabelTable('word\tkind\nKing\troyal\nqueen\troyal\nparis\tcity\nlondon\tcity\nman\tperson\n');
  const byLabel = colourByLabel(words, table, 1, true);
  assert.deepEqual(byLabel.categories.map((c) => [c.name, c.count]), [['city', 2], ['royal', 2], ['person', 1], ['no label', 3]]);
  const levelOf = (w: string) => byLabel.levels[index.get(w)!];
  assert.equal(levelOf('king'), levelOf('queen'));
  assert.equal(levelOf('paris'), levelOf('london'));
  assert.notEqual(levelOf('king'), levelOf('paris'));
  assert.equal(levelOf('the'), levelOf('apple'));
  assert.deepEqual(byLabel.palette[levelOf('paris')], CATEGORY_COLOURS[0]);
  assert.deepEqual(byLabel.palette[levelOf('the')], byLabel.categories.at(-1)!.colour);
  assert.equal(byLabel.labelled, 5);
  assert.deepEqual(byLabel.rows, ['king', 'queen', 'man', 'paris', 'london'].map((w) => index.get(w)).sort((a, b) => a! - b!));
});

test('more labels than colours: the rarest share "other"', () => {
  const many = Array.from({ length: 30 }, (_, i) => `w${i}`);
  const table = { columns: ['word', 'label'], rows: many.map((w, i) => [w, `L${i % 15}`]) };
  const byLabel = colourByLabel(many, table, 1, false);
  assert.equal(byLabel.categories.length, CATEGORY_COLOURS.length);
  const other = byLabel.categories.at(-1)!;
  assert.match(other.name, /^other \(6 labels\)$/);
  assert.equal(other.count, 30 - 9 * 2);
  assert.ok(Math.max(...byLabel.levels) < byLabel.palette.length);
  assert.deepEqual(byLabel.rows, [], 'every word labelled: none stands out');
});
