/** A recurrent classifier: a GRU tells four Brown-corpus genres apart, sentence by sentence. */
import { BROWN_CREDIT, BROWN_TERMS_ZH, type ChapterDefinition } from '../chapter.ts';

export const recurrentClassifierChapter: ChapterDefinition = {
  id: 'recurrent-classifier',
  title: 'Recurrent classifier',
  summary: 'A GRU reads a sentence and guesses its genre: news, religion, government or romance (2,000 Brown-corpus sentences).',
  fileName: 'brown-genres-2k.csv',
  credit: BROWN_CREDIT,
  importOptions: { task: 'classification', labelColumn: 'label', column: 'text', lowercase: true },
  preset: {
    model: 'classifier',
    arch: { family: 'rnn', cell: 'gru', layers: 1, emb: 32, hidden: 32, dropout: 0.2, vocab: 5000, seq: 40 },
    training: { epochs: 8, batch: 32, patience: 3, optimizer: { name: 'adam', lr: 0.005 }, seed: 1 },
  },
  lookAt:
    'Watch the two curves: training loss keeps falling while validation accuracy rises for a few epochs, then stalls — the ' +
    'model starts to memorise its 1,600 training sentences. At the end the confusion matrix (in Runs) shows which genres it mixes ' +
    'up — government is often taken for news, whose words it shares — and its examples, sortable by confidence. One ' +
    'sentence is little to go on: about 70 % right on the test sentences, well above the 25 % of guessing, far from perfect.',
  translations: {
    'zh-CN': {
      title: '循环神经网络分类器',
      summary: '一个 GRU 读一句话并猜它的体裁：新闻、宗教、政府或言情（2,000 句 Brown 语料）。',
      lookAt:
        '看两条曲线：训练损失一直下降，验证集准确率上升几轮后停滞——模型开始记住它的 1,600 个训练句子。训练结束后，' +
        '混淆矩阵（在“运行记录”中）显示它混淆了哪些体裁——政府常被当成新闻，因为两者用词相近——以及可按置信度排序的样例。' +
        '只凭一句话信息不多：测试句子上约 70% 正确，远高于随机猜测的 25%，但远非完美。',
      terms: BROWN_TERMS_ZH,
    },
  },
};
