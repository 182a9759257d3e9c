/** Word vectors: word2vec (skip-gram) on plain Brown-corpus text, then the explorer. */
import { BROWN_CREDIT, BROWN_TERMS_ZH, type ChapterDefinition } from '../chapter.ts';

export const wordVectorsChapter: ChapterDefinition = {
  id: 'word-vectors',
  title: 'Word vectors',
  summary: 'word2vec learns a vector for every word of 2,500 sentences of American English (the Brown corpus).',
  fileName: 'brown-text-300k.txt',
  credit: BROWN_CREDIT,
  importOptions: { task: 'text', lowercase: true },
  // ~50,000 words: a few seconds an epoch. minCount 3 keeps ~3,000 words, enough for groups to form.
  preset: { model: 'word2vec', config: { mode: 'skipgram', dim: 50, window: 5, minCount: 3, negative: 5, epochs: 15, threads: 1, seed: 1 } },
  lookAt:
    'Open the vectors in Explore (Watch the space while it trains — it takes only seconds to a minute — or Explore the ' +
    'vectors when done): the projection of the frequent words is no longer a shapeless cloud. Look up neighbours: "two" ' +
    'finds four, seven, six, three; "year" finds 1960, 1959; "she" finds her and he. The loss curve falls fastest in the ' +
    'first epochs. A small corpus: frequent words group, rarer ones (days of the week, most names) are still scattered.',
  translations: {
    'zh-CN': {
      title: '词向量',
      summary: 'word2vec 为 2,500 句美国英语（Brown 语料库）中的每个词学习一个向量。',
      lookAt:
        '在“探索”中打开这些词向量（训练时点“观察空间”——只需几秒到一分钟——或训练完后打开）：高频词的投影不再是一团无形的云。' +
        '查询近邻：“two”找到 four、seven、six、three；“year”找到 1960、1959；“she”找到 her 和 he。损失曲线在最初几轮下降最快。' +
        '语料很小：高频词聚在一起，较少见的词（星期几、大多数人名）仍然分散。',
      terms: BROWN_TERMS_ZH,
    },
  },
};
