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

  // Importing a vectors file (engine/vectors).
  '{file} is a folder, not a vectors file': '{file} 是文件夹，不是词向量文件',
  'Import {file}': '导入 {file}',
  '{file}: {read} of {total} · {words} words': '{file}：{read} / {total} · {words} 个词',
  'Saving {count} vectors of {dim} dimensions': '正在保存 {count} 个 {dim} 维向量',
  'The import was cancelled': '导入已取消',
  '{file} is empty': '{file} 是空的',
  '{file} holds no vectors': '{file} 中没有向量',
  '{file} is not a vectors file: it holds binary data but no word2vec header': '{file} 不是词向量文件：它包含二进制数据，但没有 word2vec 文件头',
  'the header says {dim} dimensions (expected 1 to {max})': '文件头声明有 {dim} 维（应为 1 到 {max}）',
  'the header says the file holds no vectors': '文件头声明文件中没有向量',
  '"{header}" is a word2vec/fastText header (word count, dimensions), which GloVe files do not have: choose word2vec-text, word2vec-bin or auto':
    '「{header}」是 word2vec/fastText 文件头（词数、维数），GloVe 文件没有文件头：请选择 word2vec-text、word2vec-bin 或 auto',
  'expected a header "<number of words> <dimensions>" (GloVe files have none: choose glove or auto)': '应有文件头「<词数> <维数>」（GloVe 文件没有文件头：请选择 glove 或 auto）',
  'expected a word followed by its vector\'s numbers (GloVe) or a header "<number of words> <dimensions>" (word2vec, fastText)': '应为一个词后接其向量的数值（GloVe），或文件头「<词数> <维数>」（word2vec、fastText）',
  '{words} words × {dim} dimensions is more than NLP Studio can hold (2^31 values): import fewer words (maxWords)': '{words} 个词 × {dim} 维超出了 NLP Studio 能容纳的上限（2^31 个值）：请导入更少的词（maxWords）',
  'more than {rows} vectors of {dim} dimensions is more than NLP Studio can hold (2^31 values): import fewer words (maxWords)': '超过 {rows} 个 {dim} 维向量，超出了 NLP Studio 能容纳的上限（2^31 个值）：请导入更少的词（maxWords）',
  'the file ends after {read} of the {wanted} vectors its header announces (truncated?)': '文件头声明有 {wanted} 个向量，但文件在读完 {read} 个后就结束了（文件被截断？）',
  'the file ends inside a word, after {read} of the {wanted} vectors (truncated?)': '文件在一个词的中间结束，此时已读 {read} / {wanted} 个向量（文件被截断？）',
  'the file ends inside the vector of word {word} of {count} (truncated?)': '文件在第 {word} / {count} 个词的向量中间结束（文件被截断？）',
  'the line starts with a space: its word is empty': '该行以空格开头：词为空',
  'expected a word followed by its vector\'s numbers': '应为一个词后接其向量的数值',
  '"{value}" is not a number': '「{value}」不是数字',
  'expected {word} and {expected}, found {found}': '应为 {word} 和 {expected}，实际有 {found}',
  'expected {word} and {expected}, found {found} (truncated?)': '应为 {word} 和 {expected}，实际有 {found}（文件被截断？）',
  '1 number': '1 个数值',
  '{count} numbers': '{count} 个数值',
  'no space after the word within 100,000 bytes: not a word2vec binary file?': '词后 100,000 字节内没有空格：可能不是 word2vec 二进制文件？',
  'empty word': '空词',

  // A neural run's embedding layers as word vectors (engine/vectors).
  'Run {run} has no embedding layer to explore': '运行记录 {run} 没有可探索的嵌入层',
  'Run {run} has no embedding layer "{layer}" (it has {layers})': '运行记录 {run} 没有嵌入层「{layer}」（它有 {layers}）',
  "Run {run}'s {layer} is [{shape}], but its vocabulary has {tokens} tokens": '运行记录 {run} 的 {layer} 形状为 [{shape}]，但其词表有 {tokens} 个词元',

  // Projections: PCA, UMAP, t-SNE (engine/projection).
  'UMAP is limited to {max} points (more takes minutes and over a gigabyte of memory); ask for fewer, or use PCA': 'UMAP 最多支持 {max} 个点（更多会耗时数分钟并占用超过 1 GB 内存）；请减少点数，或改用 PCA',
  't-SNE is limited to {max} points (more takes minutes); ask for fewer, or use PCA': 't-SNE 最多支持 {max} 个点（更多会耗时数分钟）；请减少点数，或改用 PCA',
  '{method} needs at least 4 words; this vocabulary has {count}': '{method} 至少需要 4 个词；这个词表只有 {count} 个',
  'The {method} layout was cancelled': '{method} 布局已取消',
  'The {method} worker stopped before finishing (exit code {code})': '{method} 工作线程在完成前就停止了（退出码 {code}）',
  't-SNE needs at least 4 points, got {count}': 't-SNE 至少需要 4 个点，实际只有 {count} 个',
  'UMAP needs at least 3 points, got {count}': 'UMAP 至少需要 3 个点，实际只有 {count} 个',
};
