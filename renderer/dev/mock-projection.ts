/**
 * Dev only: a fake `word2vec.projection` for the mock studio. The canned vocabulary plus made-up rare words, laid
 * out as a few clusters (the hand-made neighbourhoods stay together); a run still training moves from noise to
 * that layout as its fraction grows, so the live picture can be watched organising.
 */
import type { Projection } from '../src/contract.ts';
import { vocabulary } from './mock-data.ts';

const groups: string[][] = [
  'king queen prince princess monarch throne royal crown kingdom duke emperor empress'.split(' '),
  'woman girl lady boy son daughter father mother husband wife brother sister man men'.split(' '),
  'paris france london england berlin germany rome italy madrid spain'.split(' '),
  'cat dog horse animal pet cats dogs puppy kitten'.split(' '),
];

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function mockProjection(request: { method: 'pca' | 'umap' | 'tsne'; dims: 2 | 3; limit: number }, live: number | null): Projection {
  const { method, dims, limit } = request;
  const words: string[] = [];
  const counts: number[] = [];
  for (const v of vocabulary.slice(0, limit)) {
    words.push(v.word);
    counts.push(v.count);
  }
  for (let i = words.length; i < limit; i++) {
    words.push(`word${i}`);
    counts.push(Math.max(1, Math.round(400 * (words.length / (i + 1)) ** 1.1)));
  }
  const rand = random(method === 'umap' ? 11 : 7);
  const noise = random(99 + Math.floor((live ?? 1) * 10));
  const centres = Array.from({ length: 14 }, () => Array.from({ length: dims }, () => (rand() - 0.5) * (method === 'umap' ? 16 : 1.2)));
  const spread = method === 'umap' ? 1.1 : 0.22;
  const groupOf = new Map(groups.flatMap((g, k) => g.map((w) => [w, k] as const)));
  const coords: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const centre = centres[groupOf.get(words[i]) ?? 4 + Math.floor(rand() * 10)];
    const t = live === null ? 1 : Math.min(1, live * 1.2);
    for (let j = 0; j < dims; j++) {
      const settled = centre[j] + (rand() + rand() + rand() - 1.5) * spread * (groupOf.has(words[i]) ? 0.25 : 1);
      const start = (noise() - 0.5) * (method === 'umap' ? 16 : 1.2);
      coords.push(Number((start + (settled - start) * t).toFixed(4)));
    }
  }
  return { method, dims, words, counts, coords, explained: method === 'pca' ? [0.081, 0.054, 0.041].slice(0, dims) : null, live: live !== null, lowercase: !words.some((w) => w !== w.toLowerCase()) };
}
