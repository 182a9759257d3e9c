import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHAR_UNIGRAM, NgramCounts, NgramIds, WORD_UNIGRAM } from '../../../engine/evaluation/ngram-ids.ts';

const codes = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);

test('equal n-grams get equal ids and different ones different ids, across orders, namespaces, growth and clear', () => {
  const ngramIds = new NgramIds();
  // Enough distinct n-grams to make the table grow several times.
  const text = Array.from({ length: 3000 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 500))).join('');
  for (let round = 0; round < 2; round++) {
    const { ids, start } = ngramIds.ngrams(codes(text), 4, CHAR_UNIGRAM);
    const byString = new Map<string, number>();
    const chars = Array.from(text);
    for (let n = 1; n <= 4; n++) {
      for (let i = 0; start[n - 1] + i < start[n]; i++) {
        const key = chars.slice(i, i + n).join('\u0000'), id = ids[start[n - 1] + i];
        if (byString.has(key)) assert.equal(id, byString.get(key), key);
        else byString.set(key, id);
      }
    }
    assert.equal(new Set(byString.values()).size, byString.size); // distinct n-grams, distinct ids
    assert.equal(ngramIds.size, byString.size);
    ngramIds.clear();
    assert.equal(ngramIds.size, 0);
  }
  // The same unit as a character and as a word are different unigrams.
  const c = ngramIds.ngrams([97], 1, CHAR_UNIGRAM).ids[0], w = ngramIds.ngrams([97], 1, WORD_UNIGRAM).ids[0];
  assert.notEqual(c, w);
});

test('consume counts Σ min(count in ids, count held), the clipped matches', () => {
  const ngramIds = new NgramIds(), held = new NgramCounts();
  const ref = ngramIds.ngrams(codes('aab'), 1, CHAR_UNIGRAM).ids, hyp = ngramIds.ngrams(codes('aaab'), 1, CHAR_UNIGRAM).ids;
  held.fit(ngramIds);
  held.add(ref);
  assert.equal(held.consume(hyp), 3); // a: min(3, 2) + b: min(1, 1)
  held.clear(ref);
  assert.ok(held.counts.every((c) => c === 0));
});
