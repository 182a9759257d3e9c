/** Chinese for the engine's text (userText templates) from data — see ../../engine-text.ts. */
export const data: Record<string, string> = {
  // Shared with engine/results (the vectors import), translated there: 'Cannot read {file}: {reason}', 'permission
  // denied', 'it is a folder, not a file', '{file} is empty', 'The import was cancelled'.
  // Reading the user's files (engine/data/import-error.ts, sniff.ts, decode-text.ts, csv-parser.ts, jsonl.ts, columns.ts)
  'the file does not exist': '文件不存在',
  'Line {line} of {file} is longer than {count} characters; a corpus needs one document per line (or per CSV row / JSON line)':
    '{file} 的第 {line} 行超过 {count} 个字符；语料库需要每行一个文档（或每个 CSV 行 / JSON 行一个）',
  'Line {line} of {file} is longer than {count} million characters; a corpus needs one document per line (or per CSV row / JSON line)':
    '{file} 的第 {line} 行超过 {count} 百万个字符；语料库需要每行一个文档（或每个 CSV 行 / JSON 行一个）',
  '{file} looks like a binary file, not text': '{file} 看起来是二进制文件，不是文本',
  '{file} is an empty folder: there is nothing to import': '{file} 是空文件夹：没有可导入的内容',
  '{file} is not valid {encoding}: it ends in the middle of a character (line {line}, byte {byte}). Choose its encoding (or auto) when importing':
    '{file} 不是有效的 {encoding}：它在一个字符的中间结束（第 {line} 行，字节偏移 {byte}）。请在导入时选择它的编码（或 auto）',
  '{file} is not valid {encoding}: line {line} has bytes {encoding} cannot decode (at byte {byte}: {bytes}). Choose its encoding (or auto) when importing':
    '{file} 不是有效的 {encoding}：第 {line} 行有 {encoding} 无法解码的字节（字节偏移 {byte}：{bytes}）。请在导入时选择它的编码（或 auto）',
  '{file}: the quoted field that starts on line {line} is never closed (a " is missing)': '{file}：从第 {line} 行开始的带引号字段没有闭合（缺少一个 "）',
  'Line {line} of {file} is not valid JSON': '{file} 的第 {line} 行不是有效的 JSON',
  'Line {line} of {file} is not valid JSON: {error}': '{file} 的第 {line} 行不是有效的 JSON：{error}',
  'Line {line} of {file} is not a JSON object ({...}); JSONL needs one object per line': '{file} 的第 {line} 行不是 JSON 对象（{...}）；JSONL 需要每行一个对象',
  'Line {line} of {file}: the field "{field}" holds a list, not text': '{file} 的第 {line} 行：字段“{field}”存放的是列表，而不是文本',
  'Line {line} of {file}: the field "{field}" holds an object, not text': '{file} 的第 {line} 行：字段“{field}”存放的是对象，而不是文本',
  '{file}: the first record (line {line}) has no text field; choose one of: {fields}': '{file}：第一条记录（第 {line} 行）没有文本字段；请从以下字段中选择：{fields}',
  '{file}: the first record (line {line}) has no text field; choose one of: (none)': '{file}：第一条记录（第 {line} 行）没有文本字段；可选的字段：（无）',
  '{file} has no column "{column}". Its columns are: {columns}': '{file} 没有“{column}”列。它的列有：{columns}',
  'Line {line} of {file} has no field "{field}" ({details})': '{file} 的第 {line} 行没有字段“{field}”（{details}）',
  'its fields are: {fields}': '它的字段有：{fields}',
  'it is an empty object': '它是一个空对象',
  '{file} has no header row': '{file} 没有表头行',

  // Importing a corpus (import-corpus.ts, labelled-source.ts)
  'No files to import': '没有要导入的文件',
  '{file} has no text to import: no document has any words after tokenising': '{file} 没有可导入的文本：分词后没有任何文档含有词',
  '{file} needs a label column besides the text column (its columns: {columns}); name it with the label column option':
    '{file} 除了文本列还需要一个标签列（它的列：{columns}）；请用标签列选项指定',
  'Row {line} of {file} has no label (column {column})': '{file} 的第 {line} 行没有标签（列 {column}）',
  'Line {line} of {file} has no label field "{field}" (its fields: {fields})': '{file} 的第 {line} 行没有标签字段“{field}”（它的字段：{fields}）',
  '{file}: plain-text files are labelled by their folder; import a folder holding one folder per class (e.g. reviews/pos/…, reviews/neg/…), or a CSV/TSV/JSONL file with a label column':
    '{file}：纯文本文件按所在文件夹确定类别；请导入一个每个类别一个子文件夹的文件夹（例如 reviews/pos/…、reviews/neg/…），或一个带标签列的 CSV/TSV/JSONL 文件',
  'Line {line} of {file}: the token "{token}" has no /TAG (the Brown format is word/TAG word/TAG …)':
    '{file} 的第 {line} 行：词元“{token}”没有 /TAG（Brown 格式为 word/TAG word/TAG …）',
  'Line {line} of {file} has {count} column; CoNLL needs at least a token and a tag': '{file} 的第 {line} 行只有 {count} 列；CoNLL 至少需要一个词元和一个标签',

  // Translation pairs (pair-source.ts, pair-check.ts, import-pairs.ts)
  '{file} is plain text: a translation corpus needs pairs — a TSV, CSV or JSONL file with a source and a target column, or two aligned files given together':
    '{file} 是纯文本：翻译语料库需要句对——一个含源语言列和目标语言列的 TSV、CSV 或 JSONL 文件，或同时给出两个对齐文件',
  '{file} is plain text, one sentence a line: a translation corpus needs pairs — a TSV, CSV or JSONL file with a source and a target column, or exactly two aligned files (train.en and train.fr) given together':
    '{file} 是纯文本，每行一个句子：翻译语料库需要句对——一个含源语言列和目标语言列的 TSV、CSV 或 JSONL 文件，或同时给出恰好两个对齐文件（train.en 和 train.fr）',
  'Line 1 of {file} has one column: a pair needs a source and a target column (a tab between them)': '{file} 的第 1 行只有一列：句对需要源语言列和目标语言列（中间用制表符分隔）',
  '{file} has no header row naming its columns: give the source column as a 0-based index': '{file} 没有说明列名的表头行：请用从 0 开始的索引指定源语言列',
  '{file} has no header row naming its columns: give the target column as a 0-based index': '{file} 没有说明列名的表头行：请用从 0 开始的索引指定目标语言列',
  '{file}: the source and the target are the same column ({column}); choose two different ones': '{file}：源语言和目标语言是同一列（{column}）；请选择两个不同的列',
  'Column {number}: {text}': '第 {number} 列：{text}',
  '{file}: line {line} has no source and target fields; name them (its fields: {fields})': '{file}：第 {line} 行没有源语言和目标语言字段；请指定它们（它的字段：{fields}）',
  '{file}: line {line} has no source and target fields; name them (its fields: none)': '{file}：第 {line} 行没有源语言和目标语言字段；请指定它们（它没有字段）',
  '{a} has {m} line and {b} has {n} lines: aligned files need one line per sentence on both sides, so no pairing of them can be trusted':
    '{a} 有 {m} 行，而 {b} 有 {n} 行：对齐文件两侧都需要每句一行，因此它们的配对都不可信',
  '{a} has {m} lines and {b} has {n} line: aligned files need one line per sentence on both sides, so no pairing of them can be trusted':
    '{a} 有 {m} 行，而 {b} 有 {n} 行：对齐文件两侧都需要每句一行，因此它们的配对都不可信',
  '{a} has {m} lines and {b} has {n} lines: aligned files need one line per sentence on both sides, so no pairing of them can be trusted':
    '{a} 有 {m} 行，而 {b} 有 {n} 行：对齐文件两侧都需要每句一行，因此它们的配对都不可信',
  '{count} row has no {columns} ({lines})': '{count} 行没有{columns}（{lines}）',
  '{count} rows have no {columns} ({lines})': '{count} 行没有{columns}（{lines}）',
  '{count} row has no {first} or {second} ({lines})': '{count} 行没有{first}或{second}（{lines}）',
  '{count} rows have no {first} or {second} ({lines})': '{count} 行没有{first}或{second}（{lines}）',
  '{count} row has no {column} ({which}) ({lines})': '{count} 行没有{column}（{which}）（{lines}）',
  '{count} rows have no {column} ({which}) ({lines})': '{count} 行没有{column}（{which}）（{lines}）',
  '{count} row has no {first} ({a}) or {second} ({b}) ({lines})': '{count} 行没有{first}（{a}）或{second}（{b}）（{lines}）',
  '{count} rows have no {first} ({a}) or {second} ({b}) ({lines})': '{count} 行没有{first}（{a}）或{second}（{b}）（{lines}）',
  '{count} pair has an empty side ({lines})': '{count} 个句对有一侧为空（{lines}）',
  '{count} pairs have an empty side ({lines})': '{count} 个句对有一侧为空（{lines}）',
  '{count} pair has more than {max} tokens on a side ({lines})': '{count} 个句对有一侧超过 {max} 个词元（{lines}）',
  '{count} pairs have more than {max} tokens on a side ({lines})': '{count} 个句对有一侧超过 {max} 个词元（{lines}）',
  '{count} pair repeats an earlier pair exactly ({lines})': '{count} 个句对与前面的句对完全相同（{lines}）',
  '{count} pairs repeat an earlier pair exactly ({lines})': '{count} 个句对与前面的句对完全相同（{lines}）',
  'source column': '源语言列',
  'target column': '目标语言列',
  'column {index}': '列 {index}',
  'line {line} of {file}': '{file} 的第 {line} 行',
  'lines {line} of {file}': '{file} 的第 {line} 行',
  'line {line} of {file}; {rest}': '{file} 的第 {line} 行；{rest}',
  'lines {line} of {file}; {rest}': '{file} 的第 {line} 行；{rest}',
  'and {count} more': '另有 {count} 处',
  'Nothing was imported: {issues}.': '没有导入任何内容：{issues}。',
  'Nothing was imported: {issues}. Leave those pairs out with onIssues "filter" (the import form\'s "Filter them out", or nlp-studio import --on-issues filter).':
    '没有导入任何内容：{issues}。可用 onIssues "filter" 略过这些句对（导入表单中的“剔除这些句对”，或 nlp-studio import --on-issues filter）。',
  '{file}: no pair is left to import': '{file}：没有剩下可导入的句对',
  '{source} and {target}: no pair is left to import': '{source} 和 {target}：没有剩下可导入的句对',
  '{file} changed while being imported ({checked} pairs checked, {read} read); import again': '{file} 在导入过程中发生了变化（已检查 {checked} 个句对，读取了 {read} 个）；请重新导入',
  '{source} and {target} changed while being imported ({checked} pairs checked, {read} read); import again':
    '{source} 和 {target} 在导入过程中发生了变化（已检查 {checked} 个句对，读取了 {read} 个）；请重新导入',

  // The task an imported file suggests (suggest-task.ts)
  'The extension of {file} names a language: it may be one side of aligned translation files; add the other side (e.g. {other}) to import them as pairs':
    '{file} 的扩展名是一种语言：它可能是对齐翻译文件的一侧；加上另一侧（例如 {other}）即可作为句对导入',
  'Its records have a "{field}" field: a label per document, for a text classifier': '其记录有“{field}”字段：每个文档一个标签，适合文本分类器',
  'Its records have the fields "{source}" and "{target}", like translation pairs': '其记录有“{source}”和“{target}”字段，类似翻译句对',
  'Its header has a "{column}" column: a label per document, for a text classifier': '其表头有“{column}”列：每个文档一个标签，适合文本分类器',
  'Its header names the columns {first} and {second}, like translation pairs': '其表头的列名为 {first} 和 {second}，类似翻译句对',
  'Its header names the columns {columns}, like translation pairs': '其表头的列名为 {columns}，类似翻译句对',
  'Each line holds two tab-separated sentences, like translation pairs (Tatoeba, Anki)': '每行是两个以制表符分隔的句子，类似翻译句对（Tatoeba、Anki）',
  'Its words carry a tag after a slash ({examples}), as the Brown corpus writes them: a tag per token, for a sequence tagger':
    '其中的词在斜杠后带有标记（{examples}），和 Brown 语料库的写法一样：每个词元一个标记，适合序列标注器',
  'Each line holds a token and its tag in columns ("{token}" → {tag}), as CoNLL files do: a tag per token, for a sequence tagger':
    '每行分列写着一个词元及其标记（“{token}”→ {tag}），和 CoNLL 文件一样：每个词元一个标记，适合序列标注器',
  'Plain text, a document a line, with no labels, tags or sentence pairs: for word vectors (word2vec) or a language model':
    '纯文本，每行一个文档，没有标签、标记或句对：适合训练词向量（word2vec）或语言模型',

  // Token preview notes (token-preview.ts)
  'Tagging keeps the file’s own tokens, one tag each: nothing is split or dropped.': '序列标注保留文件自己的词元，每个词元一个标记：不拆分，也不丢弃任何内容。',
  'The original text of this corpus was not kept (a translation corpus, or one imported by an older version): its first lines as stored tokens; what was dropped is not known.':
    '此语料库的原始文本没有保留（翻译语料库，或由旧版本导入）：这里是其前几行存储的词元；无法得知哪些内容被丢弃。',

  // The corpora in a workspace (corpus-store.ts, corpus-users.ts, parallel-corpus.ts)
  'There is no corpus "{id}" in this workspace': '此工作区中没有语料库“{id}”',
  'The description of corpus "{id}" (corpus.json) is damaged: {error}': '语料库“{id}”的描述文件（corpus.json）已损坏：{error}',
  'Could not mark corpus {id} in use': '无法将语料库 {id} 标记为使用中',
  'Corpus {id} is in use by a training: {who}. Wait for it to finish, or cancel it first': '语料库 {id} 正被一个训练使用：{who}。请等它结束，或先取消它',
  'Corpus {id} is in use by {count} trainings: {who}. Wait for them to finish, or cancel them first': '语料库 {id} 正被 {count} 个训练使用：{who}。请等它们结束，或先取消它们',
  'Corpus {id} does not exist': '语料库 {id} 不存在',
  'Corpus {id} is {state}': '语料库 {id} {state}',
  'The translation corpus in {folder} is damaged: tokens.txt has {source} lines and {file} {target}': '{folder} 中的翻译语料库已损坏：tokens.txt 有 {source} 行，而 {file} 有 {target} 行',
  'The corpus in {folder} has no {file}': '{folder} 中的语料库没有 {file}',
  'The corpus in {folder} has no {file}: it is not a translation corpus (import sentence pairs with the translation task)':
    '{folder} 中的语料库没有 {file}：它不是翻译语料库（请用翻译任务导入句对）',

  // Identifying a dropped file (engine/files/identify.ts)
  '{file} is a folder: its text files are imported as one corpus': '{file} 是文件夹：其中的文本文件会作为一个语料库导入',
  '{file} holds binary data: it is not a text corpus, not a model exported by NLP Studio (a .zip) and not a word-vectors file':
    '{file} 是二进制数据：它不是文本语料库，不是 NLP Studio 导出的模型（.zip），也不是词向量文件',
  '{file} is text: it is imported as a corpus': '{file} 是文本：它会作为语料库导入',
  '{file} is a zip holding {model} and {meta}: a model exported by NLP Studio': '{file} 是包含 {model} 和 {meta} 的 zip：NLP Studio 导出的模型',
  '{file} is a zip archive, but not a model exported by NLP Studio (no model/{model} with model/family.json inside)':
    '{file} 是 zip 压缩包，但不是 NLP Studio 导出的模型（其中没有 model/{model} 和 model/family.json）',
  'its first line "{count} {dim}" is a word2vec / fastText header ({count} words, {dim} dimensions)': '它的第一行“{count} {dim}”是 word2vec / fastText 的文件头（{count} 个词，{dim} 维）',
  "{file} is word vectors in word2vec's binary format: {header}": '{file} 是 word2vec 二进制格式的词向量：{header}',
  '{file} is word vectors in word2vec text format: {header}': '{file} 是 word2vec 文本格式的词向量：{header}',
  "{file} is word vectors in GloVe's text format: each line is a word and {dim} numbers": '{file} 是 GloVe 文本格式的词向量：每行是一个词和 {dim} 个数',

  // Locks and disk space (engine/workspace/)
  'NLP Studio (desktop app)': 'NLP Studio（桌面应用）',
  'another process': '另一个进程',
  'Could not take the lock {file}: it keeps changing hands': '无法获取锁 {file}：它不断易手',
  '{command} (pid {pid})': '{command}（pid {pid}）',
  '{command} (pid {pid}, since {since})': '{command}（pid {pid}，自 {since} 起）',
  '{command} (pid {pid} on {host})': '{command}（pid {pid}，在 {host} 上）',
  '{command} (pid {pid} on {host}, since {since})': '{command}（pid {pid}，在 {host} 上，自 {since} 起）',
  '{command} (pid {pid}, this process)': '{command}（pid {pid}，即本进程）',
  '{command} (pid {pid}, this process, since {since})': '{command}（pid {pid}，即本进程，自 {since} 起）',
  'being trained by {owner}': '正被 {owner} 训练',
  'being deleted by {owner}': '正被 {owner} 删除',
  'being checked by {owner}': '正被 {owner} 检查',
  'in use by a training by {owner}': '正被 {owner} 的训练使用',
  'in use ({purpose}) by {owner}': '正被 {owner} 使用（{purpose}）',
  'Could not write {file}: {problem} (it needs {needed}; {free} on the disk holding {folder}). Free some space and try again.':
    '无法写入 {file}：{problem}（需要 {needed}；{folder} 所在的磁盘{free}）。请腾出一些空间后重试。',
  'the disk is full': '磁盘已满',
  'the disk quota is used up': '磁盘配额已用完',
  'more space': '更多空间',
  'more than the {size} written before the disk filled': '比磁盘写满前已写入的 {size} 更多',
  'free space unknown': '剩余空间未知',
  '{size} free': '剩余 {size}',
  'Invalid id "{id}"': '无效的 id“{id}”',

  // Sample chapters (engine/samples/)
  'The sample files were not found (no resources/samples/ above {folder}); set NLP_STUDIO_SAMPLES to their folder': '找不到示例文件（{folder} 之上没有 resources/samples/）；请将 NLP_STUDIO_SAMPLES 设为它们所在的文件夹',
  'No sample chapter "{id}" (there are: {ids})': '没有示例章节“{id}”（现有：{ids}）',
};
