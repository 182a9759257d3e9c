/** Chinese for the engine's text (userText templates) from jobs — see ../../engine-text.ts. */
export const jobs: Record<string, string> = {
  // engine/handlers: job titles
  // 'Import {file}' is in results.ts (a vectors import's title).
  'Import {count} files': '导入 {count} 个文件',
  'Train {name}': '训练 {name}',
  'Resume {name}': '继续训练 {name}',
  '{method} of {count} words ({dims}-D)': '{method}：{count} 个词（{dims} 维）',

  // engine/handlers: progress lines
  '{file} (first of {count} files in {folder})': '{file}（{folder} 中 {count} 个文件的第一个）',
  'Checking {file}: {done} of {total} · {count} pairs': '正在检查 {file}：{done} / {total} · {count} 个句对',
  'Importing {file}: {done} of {total} · {count} pairs': '正在导入 {file}：{done} / {total} · {count} 个句对',
  '{file}: {done} of {total} · {count} pairs': '{file}：{done} / {total} · {count} 个句对',
  '{file}: {done} of {total} · {count} documents': '{file}：{done} / {total} · {count} 篇文档',
  '{stage} {file}: {done} of {total} · {count} pairs': '{stage} {file}：{done} / {total} · {count} 个句对',
  '{stage} {file}: {done} of {total} · {count} documents': '{stage} {file}：{done} / {total} · {count} 篇文档',
  'finding each word’s nearest neighbours': '正在查找每个词的最近邻',
  'building the neighbour graph': '正在构建近邻图',
  'calibrating the affinities': '正在校准亲和度',
  'optimising the layout': '正在优化布局',

  // engine/handlers: errors
  'corpus.checkPairs checks sentence pairs: give the options of a translation import (task "translation")':
    'corpus.checkPairs 用于检查句对：请提供翻译导入的选项（task 为 "translation"）',
  'Run {name} holds word vectors: export it as word2vec or Embedding Projector files': '运行记录 {name} 保存的是词向量：请导出为 word2vec 或 Embedding Projector 文件',
  'Run {name} has no trained model to export yet (it is {status})': '运行记录 {name} 还没有可导出的训练好的模型（当前状态：{status}）',
  'Run {id} is a {model} run, not a neural model': '运行记录 {id} 是 {model} 运行，不是神经网络模型',
  'A {model} run cannot be resumed': '{model} 运行无法继续训练',
  'This run has no checkpoint to resume from': '此运行记录没有可用于继续训练的检查点',
  'This run has no corpus to train on (an imported model): choose one to continue training': '此运行记录没有可用于训练的语料库（它是导入的模型）：请选择一个语料库以继续训练',
  'No layer summary for {model}': '{model} 没有层结构摘要',
  'A {task} does not predict labels': '{task} 模型不能预测标签',
  'A {task} does not generate': '{task} 模型不能生成文本',
  'A {task} does not translate': '{task} 模型不能翻译',
  'Run {name} has no word vectors to project (it is a {model} run)': '运行记录 {name} 没有可投影的词向量（它是 {model} 运行）',
  '{method} is available when training has finished (a layout takes tens of seconds); PCA follows the training live':
    '训练结束后才能使用 {method}（一次布局需要数十秒）；PCA 可随训练实时更新',
  'Run {name} has no snapshot yet: the first comes a few seconds into training': '运行记录 {name} 还没有快照：训练开始几秒后会生成第一个',
  'The folder of run {id} ({folder}) was deleted while it trained: training stopped': '运行记录 {id} 的文件夹（{folder}）在训练期间被删除：训练已停止',
  'word2vec has no validation or test split: validationCorpusId and testCorpusId are for neural runs': 'word2vec 没有验证集或测试集：validationCorpusId 和 testCorpusId 仅用于神经网络运行',
  'Validation corpus': '验证集语料库',
  'Test corpus': '测试集语料库',
  '{role} "{name}" was tokenised differently from "{corpus}" ({its} vs {ours}): import it with the same options':
    '{role}“{name}”的分词方式与“{corpus}”不同（{its} 对比 {ours}）：请用相同的选项导入',
  '{tokenizer}, lower-cased': '{tokenizer}，转为小写',
  'Run {name} has no word vectors (it is a {model} run)': '运行记录 {name} 没有词向量（它是 {model} 运行）',
  'Run {name} has no vectors yet (it is {status})': '运行记录 {name} 还没有向量（当前状态：{status}）',

  // engine/host
  'The engine was shut down': '引擎已关闭',
  'The engine process stopped unexpectedly ({why})': '引擎进程意外停止（{why}）',
  'signal {signal}': '信号 {signal}',
  'exit code {code}': '退出码 {code}',
  'The upload needs a file name: POST /api/upload?name=<file name>': '上传需要文件名：POST /api/upload?name=<file name>',
  'The file name is longer than {max} characters': '文件名超过 {max} 个字符',
  'disk full: {file} could not be stored in the workspace': '磁盘已满：无法将 {file} 存入工作区',
  'The upload of {file} was interrupted': '{file} 的上传被中断',
  'Could not store {file}: {error}': '无法保存 {file}：{error}',
  'Cannot read {file}: the file does not exist or is not accessible': '无法读取 {file}：文件不存在或无法访问',
  '{file} is not a file or folder': '{file} 不是文件或文件夹',
  'Unknown file handle: pick or drop the file again': '未知的文件句柄：请重新选择或拖入文件',

  // engine/jobs
  'No running job {id}': '没有正在运行的任务 {id}',
  'The job': '任务',
  '{what} was cancelled': '{what}已取消',

  // engine/runs
  'Run {id} does not exist': '运行记录 {id} 不存在',
  'Run {id} is {owner}': '运行记录 {id} {owner}',
  'Run {id} is {owner}: wait for it to finish, or pause or cancel it there': '运行记录 {id} {owner}：请等待其完成，或在那里暂停或取消',
  'Run {id} is {owner}: try again in a moment': '运行记录 {id} {owner}：请稍后再试',
  'Run {id} must be claimed before it is reopened': '运行记录 {id} 必须先被占用才能重新打开',
  'Interrupted: the process training it stopped before the run finished. Resume continues from its last checkpoint.':
    '已中断：训练它的进程在运行结束前停止。继续训练将从最后一个检查点开始。',
  'Interrupted: the process training it stopped before the run finished, and before its first checkpoint': '已中断：训练它的进程在运行结束前、第一个检查点保存前就停止了',
  "{file} is corrupt (not JSON): the checksums of this run's files cannot be checked": '{file} 已损坏（不是 JSON）：无法校验此运行记录文件的校验和',
  'it is {actual} bytes, {written} were written (truncated or overwritten)': '它有 {actual} 字节，写入的是 {written} 字节（被截断或覆盖）',
  'checksum mismatch — its SHA-256 is {actual}…, {written}… was written': '校验和不匹配——它的 SHA-256 是 {actual}…，写入的是 {written}…',
  '{file} is corrupt: {why}. It is not loaded; restore it from a copy, or train again.': '{file} 已损坏：{why}。未加载该文件；请从副本恢复，或重新训练。',

  // engine/backend: the backend selection's reasons and devices
  'not installed (optional dependency: npm drops it where libtensorflow cannot be downloaded)': '未安装（可选依赖：无法下载 libtensorflow 时 npm 会跳过它）',
  'failed to load: {error}': '加载失败：{error}',
  'GPU: {device}': 'GPU：{device}',
  'CPU (native libtensorflow)': 'CPU（原生 libtensorflow）',
  'CPU (WebAssembly SIMD, {threads} thread)': 'CPU（WebAssembly SIMD，{threads} 个线程）',
  'CPU (WebAssembly SIMD, {threads} threads)': 'CPU（WebAssembly SIMD，{threads} 个线程）',
  'CPU (pure JavaScript)': 'CPU（纯 JavaScript）',
  'the embedded WebAssembly backend failed to initialise': '内置 WebAssembly 后端初始化失败',
  'the pure-JS backend failed to initialise': '纯 JS 后端初始化失败',
  'skipped: backend forced to {backend}': '已跳过：后端被强制指定为 {backend}',
  'The forced backend "{backend}" is not available: {reason}': '强制指定的后端“{backend}”不可用：{reason}',
  'No tensor backend could be loaded: {attempts}': '无法加载任何张量后端：{attempts}',
  'Unknown backend "{value}"; choose one of {names} or auto': '未知的后端“{value}”；请从 {names} 或 auto 中选择',
  'CUDA is not supported on {platform}': '{platform} 上不支持 CUDA',
  'no NVIDIA GPU driver found (/dev/nvidia0 missing)': '未找到 NVIDIA GPU 驱动（缺少 /dev/nvidia0）',
  '{library} not found (tfjs-node-gpu needs CUDA 11.2 and cuDNN 8.1)': '未找到 {library}（tfjs-node-gpu 需要 CUDA 11.2 和 cuDNN 8.1）',
  '{first} and {second} not found (tfjs-node-gpu needs CUDA 11.2 and cuDNN 8.1)': '未找到 {first} 和 {second}（tfjs-node-gpu 需要 CUDA 11.2 和 cuDNN 8.1）',
  'NVIDIA GPU ({count} found)': 'NVIDIA GPU（找到 {count} 个）',
  'A matrix-multiply worker thread stopped unexpectedly ({why}); it has been restarted. Start the training again.':
    '一个矩阵乘法工作线程意外停止（{why}），已重新启动。请重新开始训练。',
};
