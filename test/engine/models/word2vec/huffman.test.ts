import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildHuffman, MAX_CODE_LENGTH } from '../../../../engine/models/word2vec/huffman.ts';
import type { HuffmanTree } from '../../../../engine/models/word2vec/huffman.ts';

const path = (t: HuffmanTree, w: number) => ({
  codes: [...t.codes.subarray(t.starts[w], t.starts[w + 1])],
  points: [...t.points.subarray(t.starts[w], t.starts[w + 1])],
});

test('Huffman codes and points for counts 4, 3, 2, 1, worked by hand as word2vec.c builds them', () => {
  // Merges: 1+2 → inner 0 (the 1 gets code 0, the 2 code 1); inner 0 (3) ties with the word of count 3 and,
  // as the node made earlier, counts as smaller → inner 1 = {inner 0: 0, word 1: 1}; then word 0 (4) < inner 1
  // (6) → root inner 2 = {word 0: 0, inner 1: 1}.
  const tree = buildHuffman(Float64Array.from([4, 3, 2, 1]));
  assert.deepEqual(path(tree, 0), { codes: [0], points: [2] });
  assert.deepEqual(path(tree, 1), { codes: [1, 1], points: [2, 1] });
  assert.deepEqual(path(tree, 2), { codes: [1, 0, 1], points: [2, 1, 0] });
  assert.deepEqual(path(tree, 3), { codes: [1, 0, 0], points: [2, 1, 0] });
  assert.deepEqual([...tree.starts], [0, 1, 3, 6, 9]);
});

test('Huffman edge cases: one word has an empty path, two words one bit each', () => {
  const one = buildHuffman(Float64Array.from([7]));
  assert.deepEqual([...one.starts], [0, 0]);
  const two = buildHuffman(Float64Array.from([7, 5]));
  assert.deepEqual(path(two, 0), { codes: [1], points: [0] });
  assert.deepEqual(path(two, 1), { codes: [0], points: [0] });
});

/** The optimal (Huffman) cost Σ count × code length, computed independently with a sorted-list merge. */
function optimalCost(counts: number[]): number {
  const queue = [...counts].sort((a, b) => a - b);
  let cost = 0;
  while (queue.length > 1) {
    const merged = queue.shift()! + queue.shift()!;
    cost += merged;
    let at = queue.findIndex((c) => c >= merged);
    if (at === -1) at = queue.length;
    queue.splice(at, 0, merged);
  }
  return cost;
}

test('Huffman tree on a Zipf-like vocabulary: a prefix code (Kraft sum 1), optimal cost, paths from the root', () => {
  let s = 5;
  const counts = Array.from({ length: 3000 }, (_, i) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return Math.max(1, Math.round(1e6 / (i + 1) + (s % 7)));
  }).sort((a, b) => b - a);
  const tree = buildHuffman(Float64Array.from(counts));
  const V = counts.length;
  let kraft = 0, cost = 0;
  const seen = new Set<string>();
  for (let w = 0; w < V; w++) {
    const { codes, points } = path(tree, w);
    assert.ok(codes.length >= 1 && codes.length <= MAX_CODE_LENGTH);
    assert.equal(points[0], V - 2, 'every path starts at the root');
    assert.ok(points.every((p) => p >= 0 && p < V - 1));
    kraft += 2 ** -codes.length;
    cost += counts[w] * codes.length;
    seen.add(codes.join(''));
  }
  assert.equal(seen.size, V, 'codes are distinct');
  assert.ok(Math.abs(kraft - 1) < 1e-12, `Kraft sum ${kraft}`);
  assert.equal(cost, optimalCost(counts));
  // Frequent words get codes no longer than rarer ones.
  for (let w = 1; w < V; w++) assert.ok(tree.starts[w + 1] - tree.starts[w] >= tree.starts[w] - tree.starts[w - 1]);
  // Two words sharing a code prefix pass through the same inner nodes there.
  const a = path(tree, V - 1), b = path(tree, V - 2);
  for (let d = 0; d < Math.min(a.codes.length, b.codes.length) && a.codes[d] === b.codes[d]; d++) assert.equal(a.points[d + 1], b.points[d + 1]);
});
