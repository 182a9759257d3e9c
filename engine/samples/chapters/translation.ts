/** Translation: a small Seq2Seq with attention on 2,000 English–French Tatoeba pairs. */
import type { ChapterDefinition } from '../chapter.ts';

export const translationChapter: ChapterDefinition = {
  id: 'translation',
  title: 'Translation',
  summary: 'A GRU encoder–decoder with attention learns English → French from Tatoeba sentence pairs (the 1,830 of 2,000 with at most 8 words a side).',
  fileName: 'tatoeba-eng-fra-2k.tsv',
  credit: { source: 'Tatoeba (tatoeba.org)', terms: 'CC BY 2.0 FR', url: 'https://creativecommons.org/licenses/by/2.0/fr/' },
  // Pairs of at most 8 tokens a side (about 1,830 of the 2,000): short sentences are learnt first, and train faster.
  importOptions: { task: 'translation', onIssues: 'filter', maxTokens: 8, sourceLanguage: 'eng', targetLanguage: 'fra' },
  preset: {
    model: 'translator',
    arch: { family: 'seq2seq', cell: 'gru', bidirectional: false, emb: 32, hidden: 64, attention: 'luong-general', dropout: 0.1 },
    // A time budget rather than a count of epochs (a Seq2Seq step costs several of a classifier's); no early stopping:
    // validation loss on so little data wobbles long before the translations stop improving.
    training: { epochs: 40, minutes: 1.5, batch: 32, patience: 0, optimizer: { name: 'adam', lr: 0.01 }, seed: 1 },
  },
  lookAt:
    'Watch the loss curve and read the translations shown after each epoch. Be warned: this is the slowest chapter — in its ' +
    'minute and a half on two cores a Seq2Seq model sees only a few epochs, and its first translations are empty or a few ' +
    'frequent words ("je", "de", "."). Raise Minutes (and Epochs) to let it run longer before they start to look like French; ' +
    '2,000 pairs are far too few to translate well either way. Try your own sentences in the translate box, and the ' +
    'attention map of each.',
  translations: {
    'zh-CN': {
      title: '翻译',
      summary: '一个带注意力的 GRU 编码器–解码器从 Tatoeba 句对中学习英译法（2,000 对中每边不超过 8 个词的 1,830 对）。',
      lookAt:
        '观察损失曲线，并阅读每轮之后显示的译文。请注意：这是最慢的一章——在两核上的一分半钟里，Seq2Seq 模型只能看几轮数据，' +
        '最初的译文是空的，或只有几个高频词（“je”、“de”、“.”）。调高“最长分钟数”（和轮数）让它训练得更久，译文才会开始像法语；' +
        '2,000 对句子无论如何都太少，译不好。可在翻译框里试试你自己的句子，并看每句的注意力图。',
      terms: '知识共享 署名 2.0 法国（CC BY 2.0 FR）',
    },
  },
};
