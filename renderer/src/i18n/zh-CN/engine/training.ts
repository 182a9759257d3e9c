/** Chinese for the engine's text (userText templates) from training — see ../../engine-text.ts. */
export const training: Record<string, string> = {
  // Data checks before a run (engine/training/data-checks.ts, the families' check).
  '{role} "{name}" is empty: it has no documents': '{role}“{name}”是空的：没有文档',
  '"{name}" has {examples} documents: too few for a {validation} validation and {test} test split, which leave none to train on. Use more data, or smaller validation and test splits':
    '“{name}”只有 {examples} 篇文档：按 {validation} 的验证集和 {test} 的测试集划分后，没有剩下可训练的数据。请使用更多数据，或减小验证集和测试集的比例',
  'The validation split is empty ({percent} of {examples} documents rounds to none): validation, early stopping and the best checkpoint will use training batches':
    '验证集为空（{examples} 篇文档的 {percent} 取整后为零）：验证、早停和最佳检查点将使用训练批次',
  'The test split is empty ({percent} of {examples} documents rounds to none): the test figures will be measured on the validation data':
    '测试集为空（{examples} 篇文档的 {percent} 取整后为零）：测试指标将在验证数据上计算',
  'Only {count} documents are left to train on, fewer than one batch ({batch}): every epoch is a single step':
    '只剩下 {count} 篇文档可供训练，不足一个批次（{batch}）：每轮只有一步',
  '{role} "{name}" is empty: it has no sentences': '{role}“{name}”是空的：没有句子',
  '"{name}" has {examples} sentences: too few for a {validation} validation and {test} test split, which leave none to train on. Use more data, or smaller validation and test splits':
    '“{name}”只有 {examples} 个句子：按 {validation} 的验证集和 {test} 的测试集划分后，没有剩下可训练的数据。请使用更多数据，或减小验证集和测试集的比例',
  'The validation split is empty ({percent} of {examples} sentences rounds to none): validation, early stopping and the best checkpoint will use training batches':
    '验证集为空（{examples} 个句子的 {percent} 取整后为零）：验证、早停和最佳检查点将使用训练批次',
  'The test split is empty ({percent} of {examples} sentences rounds to none): the test figures will be measured on the validation data':
    '测试集为空（{examples} 个句子的 {percent} 取整后为零）：测试指标将在验证数据上计算',
  'Only {count} sentences are left to train on, fewer than one batch ({batch}): every epoch is a single step':
    '只剩下 {count} 个句子可供训练，不足一个批次（{batch}）：每轮只有一步',
  '{role} "{name}" is empty: it has no pairs': '{role}“{name}”是空的：没有句对',
  '"{name}" has {examples} pairs: too few for a {validation} validation and {test} test split, which leave none to train on. Use more data, or smaller validation and test splits':
    '“{name}”只有 {examples} 个句对：按 {validation} 的验证集和 {test} 的测试集划分后，没有剩下可训练的数据。请使用更多数据，或减小验证集和测试集的比例',
  'The validation split is empty ({percent} of {examples} pairs rounds to none): validation, early stopping and the best checkpoint will use training batches':
    '验证集为空（{examples} 个句对的 {percent} 取整后为零）：验证、早停和最佳检查点将使用训练批次',
  'The test split is empty ({percent} of {examples} pairs rounds to none): the test figures will be measured on the validation data':
    '测试集为空（{examples} 个句对的 {percent} 取整后为零）：测试指标将在验证数据上计算',
  'Only {count} pairs are left to train on, fewer than one batch ({batch}): every epoch is a single step':
    '只剩下 {count} 个句对可供训练，不足一个批次（{batch}）：每轮只有一步',
  'No validation split (it is set to 0): validation, early stopping and the best checkpoint will use training batches':
    '没有验证集（比例设为 0）：验证、早停和最佳检查点将使用训练批次',
  'No test split (it is set to 0): the test figures will be measured on the validation data': '没有测试集（比例设为 0）：测试指标将在验证数据上计算',
  'one tag only ("{word}", {count} tokens)': '只有一个标签（“{word}”，{count} 个词元）',
  'one class only ("{word}", {count} documents)': '只有一个类别（“{word}”，{count} 篇文档）',
  'no tags': '没有标签',
  'no classes': '没有类别',
  'Corpus "{name}" has {what}: a tagger needs examples of at least two. Its labels were read from the column "{column}": check that it is the label column':
    '语料库“{name}”{what}：序列标注模型至少需要两种标签的样本。其标签读自“{column}”列：请确认这是标签列',
  'Corpus "{name}" has {what}: a tagger needs examples of at least two': '语料库“{name}”{what}：序列标注模型至少需要两种标签的样本',
  'Corpus "{name}" has {what}: a classifier needs examples of at least two. Its labels were read from the column "{column}": check that it is the label column':
    '语料库“{name}”{what}：分类器至少需要两个类别的样本。其标签读自“{column}”列：请确认这是标签列',
  'Corpus "{name}" has {what}: a classifier needs examples of at least two': '语料库“{name}”{what}：分类器至少需要两个类别的样本',
  'Corpus "{name}": the labels were read from the column "{column}" of {file}, guessed because no label column was named: if that is wrong, name it when importing (--label-col on the command line)':
    '语料库“{name}”：标签读自 {file} 的“{column}”列，这是因为没有指定标签列而猜测的：如果不对，请在导入时指定标签列（命令行用 --label-col）',
  'Corpus "{name}" has {classes} classes for {documents} documents: most classes have a single example. Is the label column the right one?':
    '语料库“{name}”的 {documents} 篇文档有 {classes} 个类别：大多数类别只有一个样本。标签列选对了吗？',
  '"{name}" has no words to train word vectors on': '“{name}”中没有可用来训练词向量的词',
  'min-count {minCount} leaves the vocabulary of "{name}" empty: its most frequent word, "{word}", occurs {count} time. Lower min-count to at most {count}, or use a larger corpus':
    'min-count {minCount} 使“{name}”的词表为空：其中最常见的词“{word}”只出现 {count} 次。请把 min-count 降到不超过 {count}，或使用更大的语料库',
  'min-count {minCount} leaves the vocabulary of "{name}" empty: its most frequent word, "{word}", occurs {count} times. Lower min-count to at most {count}, or use a larger corpus':
    'min-count {minCount} 使“{name}”的词表为空：其中最常见的词“{word}”只出现 {count} 次。请把 min-count 降到不超过 {count}，或使用更大的语料库',
  'min-count {minCount} leaves one word of "{name}" ("{word}"): word vectors need at least two words to tell apart. Lower min-count, or use a larger corpus':
    'min-count {minCount} 只留下“{name}”中的一个词（“{word}”）：词向量至少需要两个词才能区分。请降低 min-count，或使用更大的语料库',
  'min-count {minCount} keeps {kept} of the {total} distinct words of "{name}"': 'min-count {minCount} 保留了“{name}”{total} 个不同词中的 {kept} 个',

  // The families (engine/families/).
  'The vectors of run {runId} have {dim} dimensions; set the embedding size to {dim}': '运行记录 {runId} 的词向量有 {dim} 维；请把嵌入维度设为 {dim}',
  'pretrained vectors cover {percent}% of the source vocabulary': '预训练词向量覆盖了源语言词表的 {percent}%',
  'pretrained vectors cover {percent}% of the vocabulary': '预训练词向量覆盖了词表的 {percent}%',
  '{dir} holds no trained model (no {file})': '{dir} 中没有训练好的模型（缺少 {file}）',
  '{file} is not JSON ({reason})': '{file} 不是 JSON（{reason}）',
  '{file} does not describe a model NLP Studio knows': '{file} 描述的不是 NLP Studio 认识的模型',
  '{role} "{name}" has no labels: import it for the classification task': '{role}“{name}”没有标签：请按分类任务导入',
  '{role} "{name}" has no tags: import it for the tagging task': '{role}“{name}”没有标签：请按序列标注任务导入',
  '{role} "{name}" has no sentence pairs: import it for the translation task': '{role}“{name}”没有句对：请按翻译任务导入',
  'Corpus "{name}" has no sentence pairs: import it for the translation task': '语料库“{name}”没有句对：请按翻译任务导入',
  'Corpus "{name}" has no labels: import it for the classification task': '语料库“{name}”没有标签：请按分类任务导入',
  'Corpus "{name}" has no tags: import it for the tagging task': '语料库“{name}”没有标签：请按序列标注任务导入',
  'The recurrent family does not learn {task}': '循环网络模型族不能学习 {task}',
  'A tagger tags words: use the word level': '序列标注模型标注的是词：请使用词级别',
  'No training examples are left after the validation and test splits': '划分验证集和测试集后没有剩下训练样本',
  'No training pairs are left after the validation and test splits': '划分验证集和测试集后没有剩下训练句对',
  'Seq2Seq models translate: they do not learn {task}': 'Seq2Seq 模型用于翻译：不能学习 {task}',
  '{cell} lm: vocabulary {size}, {params} parameters': '{cell} 语言模型：词表 {size}，{params} 个参数',
  '{cell} tagger: vocabulary {size}, {count} tags, {params} parameters': '{cell} 序列标注模型：词表 {size}，{count} 种标签，{params} 个参数',
  '{cell} tagger: vocabulary {size}, {params} parameters': '{cell} 序列标注模型：词表 {size}，{params} 个参数',
  '{cell} classifier: vocabulary {size}, {count} classes, {params} parameters': '{cell} 分类器：词表 {size}，{count} 个类别，{params} 个参数',
  '{cell} classifier: vocabulary {size}, {params} parameters': '{cell} 分类器：词表 {size}，{params} 个参数',
  'Seq2Seq translator ({cell} encoder, {attention} attention): vocabularies {sourceSize} {sourceLanguage} / {targetSize} {targetLanguage}, {params} parameters':
    'Seq2Seq 翻译模型（{cell} 编码器，{attention} 注意力）：词表 {sourceSize} {sourceLanguage} / {targetSize} {targetLanguage}，{params} 个参数',
  'source embedding ({language})': '源语言嵌入（{language}）',
  'target embedding ({language})': '目标语言嵌入（{language}）',

  // Models, inference, decoding.
  'The text has no tokens to predict on': '文本中没有可供预测的词元',
  'A language model generates text: use generate': '语言模型用于生成文本：请使用 generate',
  'Only a language model generates text': '只有语言模型能生成文本',
  'This corpus has no labels: import it for the classification task (a label column, or a folder per class)': '这个语料库没有标签：请按分类任务导入（一个标签列，或每个类别一个文件夹）',
  'This corpus has no tags: import it for the tagging task (CoNLL columns or word/TAG)': '这个语料库没有标签：请按序列标注任务导入（CoNLL 列或 word/TAG 格式）',
  'tags.txt line {line} has {tags} tags for {tokens} tokens': 'tags.txt 第 {line} 行有 {tokens} 个词元，却有 {tags} 个标签',
  "luong-dot attention needs encoder states ({memorySize}) the size of the decoder's ({querySize}): use a unidirectional encoder or luong-general":
    'luong-dot 注意力要求编码器状态（{memorySize}）与解码器状态（{querySize}）大小相同：请使用单向编码器或 luong-general',
  'The beam width must be a whole number ≥ 1, not {width}': '束宽必须是 ≥ 1 的整数，而不是 {width}',

  // word2vec (engine/models/word2vec/).
  'The tokens file does not exist: {file}': '词元文件不存在：{file}',
  'Training was cancelled': '训练已取消',
  'Cannot write the word {word} in word2vec format': '无法以 word2vec 格式写出词 {word}',
  'expected a header "<number of words> <dimensions>"': '应有文件头“<词数> <维数>”',
  'unsupported size: {count} words of {dim} dimensions': '不支持的大小：{count} 个词，每个 {dim} 维',
  'the file ends after {done} of {count} vectors (truncated?)': '文件在 {count} 个向量中的第 {done} 个之后就结束了（被截断了？）',
  'the word is not valid UTF-8': '这个词不是有效的 UTF-8',
  'the line is not valid UTF-8': '这一行不是有效的 UTF-8',
  'expected a word and {dim} numbers, found {found} numbers': '应为一个词和 {dim} 个数，实际有 {found} 个数',
  'expected a word and {dim} numbers, found {found} numbers (truncated?)': '应为一个词和 {dim} 个数，实际有 {found} 个数（被截断了？）',
  '{value} is not a number': '{value} 不是数字',
  'A word2vec worker thread failed: {reason}. The run was stopped; start it again.': 'word2vec 工作线程出错：{reason}。训练已停止；请重新开始。',
  'A word2vec worker thread stopped unexpectedly (exit code {code}). The run was stopped; start it again.': 'word2vec 工作线程意外停止（退出码 {code}）。训练已停止；请重新开始。',
  'Hierarchical softmax: word number {word} would need a code of {bits} bits (at most {max}); raise min-count':
    '层次 softmax：第 {word} 个词需要 {bits} 位的编码（最多 {max} 位）；请提高 min-count',
  '"{word}" is not in the vocabulary (looked up "{lookedUp}")': '“{word}”不在词表中（查找的是“{lookedUp}”）',
  '"{word}" is not in the vocabulary': '“{word}”不在词表中',
  'No word2vec model in {dir}': '{dir} 中没有 word2vec 模型',
  'does not match {file} (expected "{word}")': '与 {file} 不一致（应为“{word}”）',
  'does not match {file} (expected "end of file")': '与 {file} 不一致（应为文件结尾）',
  'No word occurs at least {minCount} times (minCount); the vocabulary would be empty': '没有词出现至少 {minCount} 次（minCount）；词表将为空',
  'the vector of "{word}" became {value}': '“{word}”的向量变成了 {value}',
  'the training loss became {value}': '训练损失变成了 {value}',
  'the training loss exploded ({loss} per example)': '训练损失爆炸了（每个样本 {loss}）',
  'in epoch {epoch}/{epochs} (after {done} of {total} words)': '于第 {epoch}/{epochs} 轮（已处理 {total} 个词中的 {done} 个）',
  "a lower alpha, the starting learning rate (now {alpha}; word2vec's default is 0.025 for skip-gram, 0.05 for CBOW); fewer dimensions or negative samples; checking the corpus (e.g. one word repeated throughout)":
    '降低 alpha，即初始学习率（当前为 {alpha}；word2vec 的默认值是 skip-gram 0.025、CBOW 0.05）；减少维数或负样本数；检查语料库（例如通篇重复同一个词）',
  'The vectors were not saved.': '词向量没有保存。',

  // Checkpoints and the training loop (engine/training/).
  'Two weights of the model are both named "{name}": checkpoints could not tell them apart': '模型有两个权重都叫“{name}”：检查点无法区分它们',
  'No checkpoint "{name}" in {dir}': '{dir} 中没有检查点“{name}”',
  'Checkpoint {name} has no weight "{weight}"': '检查点 {name} 中没有权重“{weight}”',
  '{file} is damaged: {bytes} bytes, {expected} expected': '{file} 已损坏：有 {bytes} 字节，应为 {expected} 字节',
  'Checkpoint {checkpoint} does not fit this model: {what}': '检查点 {checkpoint} 与此模型不匹配：{what}',
  'it holds {saved} weights, the model has {count} (different layers)': '它有 {saved} 个权重，模型有 {count} 个（层不同）',
  'it has no weight "{name}"': '它没有权重“{name}”',
  'its weight "{name}" is not in the model': '它的权重“{name}”不在模型中',
  'weight "{name}" is [{saved}] there and [{shape}] in the model (different sizes)': '权重“{name}”在检查点中是 [{saved}]，在模型中是 [{shape}]（大小不同）',
  'no optimiser slot "{slot}"': '没有优化器状态“{slot}”',
  'infinite': '无穷大',
  'Training diverged {where}: {what}. {kept} Try {suggestions}.': '训练{where}发散：{what}。{kept}可以尝试：{suggestions}。',
  'a lower learning rate (now {lr}); a smaller weight decay (now {weightDecay}); a smaller gradient clipping norm (now {clipNorm}); checking the data for empty or extreme examples':
    '降低学习率（当前为 {lr}）；减小权重衰减（当前为 {weightDecay}）；减小梯度裁剪范数（当前为 {clipNorm}）；检查数据中是否有空的或极端的样本',
  'a lower learning rate (now {lr}); a smaller weight decay (now {weightDecay}); gradient clipping (a clip norm such as 1); checking the data for empty or extreme examples':
    '降低学习率（当前为 {lr}）；减小权重衰减（当前为 {weightDecay}）；使用梯度裁剪（例如裁剪范数 1）；检查数据中是否有空的或极端的样本',
  'a lower learning rate (now {lr}); a smaller gradient clipping norm (now {clipNorm}); checking the data for empty or extreme examples':
    '降低学习率（当前为 {lr}）；减小梯度裁剪范数（当前为 {clipNorm}）；检查数据中是否有空的或极端的样本',
  'a lower learning rate (now {lr}); gradient clipping (a clip norm such as 1); checking the data for empty or extreme examples':
    '降低学习率（当前为 {lr}）；使用梯度裁剪（例如裁剪范数 1）；检查数据中是否有空的或极端的样本',
  'The run was stopped; its last checkpoint (step {step}, finite) is kept and can be resumed.': '训练已停止；最后一个检查点（第 {step} 步，数值有限）已保留，可以继续训练。',
  'The run was stopped before its first checkpoint.': '训练在第一个检查点之前就停止了。',
  'after step {step}': '在第 {step} 步之后',
  'at step {step} (epoch {epoch})': '在第 {step} 步（第 {epoch} 轮）',
  'the weight "{name}" became NaN or infinite': '权重“{name}”变成了 NaN 或无穷大',
  'the loss became {value}': '损失变成了 {value}',
  'the gradient norm became {value} (loss {loss})': '梯度范数变成了 {value}（损失 {loss}）',
  'Paused at step {step}': '已在第 {step} 步暂停',
  'Cannot resume with these settings: {issues}': '无法用这些设置继续训练：{issues}',
  'Cannot resume with training.steps {steps}: the run resumes from step {step}; give more steps': '无法用 training.steps {steps} 继续训练：训练将从第 {step} 步继续；请给出更多步数',
  'Cannot resume with training.epochs {epochs}: the run has already trained {epoch} epoch; give more epochs': '无法用 training.epochs {epochs} 继续训练：已经训练了 {epoch} 轮；请给出更多轮数',
  'Cannot resume with training.epochs {epochs}: the run has already trained {epoch} epochs; give more epochs': '无法用 training.epochs {epochs} 继续训练：已经训练了 {epoch} 轮；请给出更多轮数',
  'Cannot import {file}: {reason}': '无法导入 {file}：{reason}',
  '{file} has invalid settings ({issues})': '{file} 中的设置无效（{issues}）',
  '{file} lists no labels': '{file} 中没有列出标签',
  'the weights do not fit the model {file} describes ({reason})': '权重与 {file} 描述的模型不匹配（{reason}）',
  'no model/model.json in the archive: is it a model exported by NLP Studio?': '压缩包中没有 model/model.json：这是 NLP Studio 导出的模型吗？',
  'no {file} in the archive: NLP Studio needs it to tokenise and predict': '压缩包中没有 {file}：NLP Studio 需要它来分词和预测',

  // Progress lines.
  'Reading the corpus and building the vocabulary…': '正在读取语料库并构建词表…',
  'Initialising the model…': '正在初始化模型…',
  '{model} · resuming from the last checkpoint · compiling kernels: the first step…': '{model} · 从最后一个检查点继续 · 正在编译内核：第一步…',
  '{model} · {notes} · compiling kernels: the first step…': '{model} · {notes} · 正在编译内核：第一步…',
  '{model} · compiling kernels: the first step…': '{model} · 正在编译内核：第一步…',
  'step {step}/{totalSteps} · epoch {epoch}/{epochs} · loss {loss} · {speed} tokens/s': '第 {step}/{totalSteps} 步 · 第 {epoch}/{epochs} 轮 · 损失 {loss} · {speed} 词元/秒',
  'epoch {epoch} · validation {values}': '第 {epoch} 轮 · 验证：{values}',
  'loss {valLoss} · accuracy {valAccuracy} · macro F1 {macroF1}': '损失 {valLoss} · 准确率 {valAccuracy} · 宏平均 F1 {macroF1}',
  'loss {valLoss} · accuracy {valAccuracy} · tag accuracy {tagAccuracy}': '损失 {valLoss} · 准确率 {valAccuracy} · 标签准确率 {tagAccuracy}',
  'loss {valLoss} · perplexity {valPerplexity}': '损失 {valLoss} · 困惑度 {valPerplexity}',
  'loss {valLoss} · bleu {bleu} · chrf {chrf} · exact match {exactMatch}': '损失 {valLoss} · BLEU {bleu} · chrF {chrf} · 完全匹配 {exactMatch}',
  'epoch {epoch}/{epochs} · {speed} words/s · loss {loss}': '第 {epoch}/{epochs} 轮 · {speed} 词/秒 · 损失 {loss}',
  'Validating held-out examples…': '正在验证留出样本…',
  'Testing held-out examples…': '正在测试留出样本…',
  'Validating: {done} of {total} held-out examples': '验证中：留出样本 {done}/{total}',
  'Testing: {done} of {total} held-out examples': '测试中：留出样本 {done}/{total}',
};
