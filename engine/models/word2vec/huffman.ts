/**
 * The Huffman tree of hierarchical softmax (Morin & Bengio 2005, "Hierarchical Probabilistic Neural Network
 * Language Model"; with a Huffman tree as in Mikolov et al. 2013, "Efficient Estimation of Word Representations
 * in Vector Space"): every word is a leaf, P(word | h) is the product of the binary decisions σ(±u_n·h) at the
 * inner nodes n on its path from the root, and frequent words get short paths (Huffman 1952), so an update
 * costs ~log2(V) dot products, fewer for the frequent words that make up most of the corpus.
 *
 * Built as word2vec.c's CreateBinaryTree does: with the counts sorted in descending order, the two smallest
 * nodes are always at the end of the leaves or at the front of the inner nodes made so far, so two queues
 * replace a heap and the tree is built in O(V). Inner node k (0-based, in order of creation) is row k of syn1;
 * the root is the last, V - 2. Of the two nodes merged, the smaller gets code 0 and the other 1; on equal counts
 * the inner node counts as the smaller one (word2vec.c's `<`). gensim's heap breaks such ties its own way: an
 * equally short code, but another tree, so hierarchical-softmax vectors differ from gensim's a little more than
 * two gensim seeds do (one skip-gram epoch on Brown: ρ 0.94 against 0.955; trained on gensim's tree, 0.954).
 */
import { StudioError } from '../../../contract/errors.ts';
import { userText } from '../../../contract/user-text.ts';

/** word2vec.c's MAX_CODE_LENGTH: no path is longer (it would take count ratios beyond ~Fibonacci(40) ≈ 10^8). */
export const MAX_CODE_LENGTH = 40;

export interface HuffmanTree {
  /** Word w's path is entries starts[w] .. starts[w + 1] of `points` and `codes`, from the root down. [V + 1] */
  starts: Int32Array;
  /** The inner nodes on each path (rows of syn1, 0 .. V - 2). [total path length] */
  points: Int32Array;
  /** The branch taken at each of those nodes: 0 or 1 (the training label is 1 - code, as in word2vec.c). [total path length] */
  codes: Uint8Array;
}

/** The tree for counts sorted in descending order (the vocabulary's order, see vocab.ts). */
export function buildHuffman(counts: Float64Array): HuffmanTree {
  const V = counts.length;
  // Nodes 0..V-1 are the words, V..2V-2 the inner nodes; count, parent and branch bit per node.
  const count = new Float64Array(Math.max(2 * V - 1, 1));
  count.set(counts);
  const parent = new Int32Array(count.length);
  const branch = new Uint8Array(count.length);
  let leaf = V - 1; // next smallest word (walking up from the rarest)
  let inner = V; // next smallest inner node (they are made in increasing order of count)
  const smallest = (made: number) => (leaf >= 0 && (inner >= made || count[leaf] < count[inner]) ? leaf-- : inner++);
  for (let k = 0; k < V - 1; k++) {
    const made = V + k;
    const a = smallest(made);
    const b = smallest(made);
    count[made] = count[a] + count[b];
    parent[a] = made;
    parent[b] = made;
    branch[b] = 1;
  }

  const root = 2 * V - 2;
  const depth = new Int32Array(V);
  const starts = new Int32Array(V + 1);
  for (let w = 0; w < V; w++) {
    let d = 0;
    for (let n = w; n !== root && V > 1; n = parent[n]) d++;
    if (d > MAX_CODE_LENGTH) {
      throw new StudioError('ValidationError', userText('Hierarchical softmax: word number {word} would need a code of {bits} bits (at most {max}); raise min-count', { word: w + 1, bits: d, max: MAX_CODE_LENGTH }));
    }
    depth[w] = d;
    starts[w + 1] = starts[w] + d;
  }
  const points = new Int32Array(starts[V]);
  const codes = new Uint8Array(starts[V]);
  for (let w = 0; w < V; w++) {
    // Walk up from the leaf, filling the path from its end: entry i is the decision taken at inner node points[i].
    let i = starts[w + 1];
    for (let n = w; i > starts[w]; n = parent[n]) {
      i--;
      codes[i] = branch[n];
      points[i] = parent[n] - V;
    }
  }
  return { starts, points, codes };
}
