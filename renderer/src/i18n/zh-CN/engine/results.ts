/** Chinese for the engine's text (userText templates) from results — see ../../engine-text.ts. */
export const results: Record<string, string> = {
  // Shared by the evaluation files, vectors files and zip archives (engine/evaluation, engine/vectors, engine/export).
  '{file}, line {line}: {message}': '{file}，第 {line} 行：{message}',
  'The file does not exist: {file}': '文件不存在：{file}',
  'Cannot read {file}: {reason}': '无法读取 {file}：{reason}',
  'permission denied': '没有权限',
  'it is a folder, not a file': '它是文件夹，不是文件',

  // Evaluation files: analogy questions and word pairs (engine/evaluation).
  '{file} is a folder, not a file': '{file} 是文件夹，不是文件',
  '{file} is {size} MB: too big for an evaluation file': '{file} 有 {size} MB：作为评估文件太大了',
  'the text is not valid UTF-8': '文本不是有效的 UTF-8',
  'Give an analogy file, a word-similarity file, or both': '请提供类比文件、词语相似度文件，或两者都提供',
  'a section line ": name" without a name': '分节行「: 名称」缺少名称',
  'expected 4 words "a b c d" (a is to b as c is to d), found {count}': '应为 4 个词「a b c d」（a 之于 b 如同 c 之于 d），实际有 {count} 个',
  'a question before the first section line (": section name")': '问题出现在第一个分节行（「: 分节名称」）之前',
  '{file} holds no analogy questions (expected ": section" lines followed by lines of 4 words)': '{file} 中没有类比问题（应为「: 分节」行，后接每行 4 个词）',
  'The evaluation was cancelled': '评估已取消',
  'expected "word1 word2 score" (3 fields separated by tabs, commas or spaces), found 1 field': '应为「word1 word2 score」（3 个字段，以制表符、逗号或空格分隔），实际只有 1 个字段',
  'expected "word1 word2 score" (3 fields separated by tabs, commas or spaces), found {count} fields': '应为「word1 word2 score」（3 个字段，以制表符、逗号或空格分隔），实际有 {count} 个字段',
  'the score {score} is not a number': '分数 {score} 不是数字',
  '{file} holds no word pairs (expected lines "word1 word2 score")': '{file} 中没有词对（应为「word1 word2 score」格式的行）',

  // BLEU and chrF (engine/evaluation).
  'BLEU: unknown tokenize "{value}" (one of {choices})': 'BLEU：未知的 tokenize「{value}」（可选：{choices}）',
  'BLEU: unknown smoothMethod "{value}" (one of {choices})': 'BLEU：未知的 smoothMethod「{value}」（可选：{choices}）',
  'BLEU: smoothValue must be a number ≥ 0, not {value}': 'BLEU：smoothValue 必须是 ≥ 0 的数，而不是 {value}',
  'BLEU: {counts} match counts but {totals} totals': 'BLEU：有 {counts} 个匹配计数，却有 {totals} 个总数',
  '{count} hypotheses end in a tokenised period (" ."): BLEU expects detokenised text, so this likely lowers the score (force: true silences this)':
    '{count} 条译文以分词后的句号（「 .」）结尾：BLEU 要求未分词的文本，这很可能会拉低分数（设置 force: true 可不再提示）',
  'chrF: charOrder and wordOrder must be whole numbers ≥ 0, not both 0 (got {charOrder} and {wordOrder})': 'chrF：charOrder 和 wordOrder 必须是 ≥ 0 的整数，且不能都为 0（实际为 {charOrder} 和 {wordOrder}）',
  'chrF: beta must be a number ≥ 0, not {beta}': 'chrF：beta 必须是 ≥ 0 的数，而不是 {beta}',
  '{metric}: there are no hypotheses to score': '{metric}：没有可评分的译文',
  '{metric}: there are no reference streams': '{metric}：没有参考译文流',
  '{metric}: reference stream {stream} is not a list of sentences (refs is a list of streams, each aligned with the hypotheses)': '{metric}：第 {stream} 个参考译文流不是句子列表（refs 是若干参考译文流的列表，每个流都与译文逐行对齐）',
  '{metric}: reference stream {stream} has {sentences} sentences but there are {hypotheses} hypotheses': '{metric}：第 {stream} 个参考译文流有 {sentences} 个句子，但译文有 {hypotheses} 条',
};
