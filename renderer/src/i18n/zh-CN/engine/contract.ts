/** Chinese for the contract's text (userText templates in contract/) — see ../../engine-text.ts. */
export const contract: Record<string, string> = {
  'The connection was closed': '连接已关闭',
  'A language model reads left to right: it cannot be bidirectional': '语言模型从左到右读取文本：不能是双向的',
  'luong-dot compares decoder and encoder states directly, so they must be the same size: use a unidirectional encoder (bidirectional: false) or luong-general':
    'luong-dot 直接比较解码器与编码器的状态，二者大小必须相同：请使用单向编码器（bidirectional: false）或 luong-general',
  'Weight decay is decoupled: choose the AdamW optimiser to use it': '权重衰减是解耦的：请选择 AdamW 优化器来使用它',
  'The inverse-square-root schedule needs warm-up steps': '逆平方根学习率调度需要预热步数',
  'Train with negative sampling (negative ≥ 1), hierarchical softmax (hs), or both': '请使用负采样（negative ≥ 1）、层次 softmax（hs），或两者同时使用',
  'Unknown method "{method}"': '未知的方法“{method}”',
  'Invalid arguments for {method}: {details}': '{method} 的参数无效：{details}',
};
