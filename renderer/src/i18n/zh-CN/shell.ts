/** The window's frame: navigation, status bar, banners, drops, confirmations, the first-run guide. */
export const shell: Record<string, string> = {
  // Sidebar and status bar
  Main: '主导航',
  'Backend not known yet': '尚不知道计算后端',
  '{backend}: used — {reason}': '{backend}：已使用 — {reason}',
  '{backend}: skipped — {reason}': '{backend}：已跳过 — {reason}',
  'Engine starting…': '引擎启动中…',
  'Engine ready': '引擎就绪',
  'Engine restarting…': '引擎重启中…',
  'Engine stopped': '引擎已停止',
  '(forced)': '（强制）',
  'Backend…': '后端…',
  'Tensor backend': '张量计算后端',
  'Using {backend} from {package} on {device}.': '正在使用 {package} 提供的 {backend}，运行于 {device}。',
  used: '已使用',
  skipped: '已跳过',
  'The engine has not reported its backend yet.': '引擎尚未报告所用的后端。',
  'Workspace folder': '工作区文件夹',
  '{count} jobs running': '{count} 个任务运行中',

  // Engine crash banner
  stopped: '已停止',
  'checking what was saved…': '正在检查保存了什么…',
  'its run is gone': '其运行记录已不存在',
  'saved at its last checkpoint — it can be resumed': '已保存到最近的检查点，可以继续训练',
  'not saved: it had no checkpoint yet': '未保存：当时还没有检查点',
  'The engine crashed and was not restarted: it crashed too often. Restart NLP Studio to continue.':
    '引擎崩溃且未重启：崩溃次数过多。请重新启动 NLP Studio 后继续。',
  'The engine crashed and was restarted. You can keep working.': '引擎崩溃后已重启，可以继续工作。',
  'The engine crashed and is restarting…': '引擎崩溃，正在重启…',
  'was running: {fate}': '当时正在运行：{fate}',
  'Another training is running': '另一个训练正在进行',
  'Open run': '打开运行记录',
  "The engine's last {count} lines of output": '引擎最后 {count} 行输出',
  'The engine printed nothing before it stopped.': '引擎停止前没有任何输出。',
  'The engine crashed: {message}': '引擎崩溃：{message}',

  // Error titles
  'Invalid input': '输入无效',
  'Unsupported request': '不支持的请求',
  'Import failed': '导入失败',
  'Not found': '未找到',
  'In use': '正在使用中',
  'Training diverged': '训练发散',
  'The engine crashed': '引擎崩溃',
  'Not authorised': '未授权',
  'The disk is full': '磁盘已满',
  'A file is damaged': '文件已损坏',
  'Something went wrong': '出错了',

  // Confirmations and job progress
  'Keep going': '继续进行',
  'Confirm: {action}': '确认：{action}',
  'Confirm deletion': '确认删除',
  'Delete {what}? This cannot be undone.': '删除 {what}？此操作无法撤销。',
  'estimating…': '正在估算…',
  '{duration} left': '剩余 {duration}',
  '{label} progress': '{label}进度',

  // Dropping files
  'A dropped file is being imported': '正在导入拖入的文件',
  'Drop files to import them as what they are': '拖放文件，按其类型导入',
  'Wait for it to finish to drop more.': '请等待导入完成后再拖入更多文件。',
  'Text, CSV, TSV or JSON Lines': '文本、CSV、TSV 或 JSON Lines',
  '(any common encoding) → a corpus, in the Corpora import form': '（任意常见编码）→ 语料库，在“语料库”的导入表单中打开',
  'A model .zip exported by NLP Studio': 'NLP Studio 导出的模型 .zip',
  '→ a run you can predict with, evaluate or continue': '→ 一条运行记录，可用于预测、评估或继续训练',
  'Word vectors': '词向量',
  '(word2vec text or binary, fastText .vec, GloVe) → a run, opened in Explore': '（word2vec 文本或二进制、fastText .vec、GloVe）→ 一条运行记录，在“探索”中打开',
  'Importing vectors': '正在导入词向量',
  'Reading {name}…': '正在读取 {name}…',
  'Reading {count} files…': '正在读取 {count} 个文件…',
  'Importing the model {name}…': '正在导入模型 {name}…',
  'Importing the vectors {name}…': '正在导入词向量 {name}…',

  // Export
  'Export the model': '导出模型',
  'Export vectors': '导出词向量',
  'The TensorFlow.js Layers format, with the vocabulary, the labels and a model card (data, settings, metrics).':
    'TensorFlow.js Layers 格式，附带词表、标签和模型卡片（数据、设置、指标）。',
  "The word2vec formats load with gensim's {loader}; the .tsv pair with the TensorFlow Embedding Projector.":
    'word2vec 格式可用 gensim 的 {loader} 加载；两个 .tsv 文件可用于 TensorFlow Embedding Projector。',
  Format: '格式',
  'TensorFlow.js Layers model (.zip)': 'TensorFlow.js Layers 模型（.zip）',
  'model.json + weights (tf.loadLayersModel; convertible to Keras with tensorflowjs_converter), vocabulary, labels and a model card.':
    'model.json 和权重（用 tf.loadLayersModel 加载；可用 tensorflowjs_converter 转换为 Keras）、词表、标签和模型卡片。',
  'word2vec text (.txt)': 'word2vec 文本（.txt）',
  'One word and its vector per line; readable, larger.': '每行一个词及其向量；可直接阅读，文件较大。',
  'word2vec binary (.bin)': 'word2vec 二进制（.bin）',
  'Compact float32; what most tools load fastest.': '紧凑的 float32 格式；大多数工具加载最快。',
  'Embedding Projector vectors (.tsv)': 'Embedding Projector 向量（.tsv）',
  'One vector per line, tab-separated: load it in projector.tensorflow.org with the metadata file.':
    '每行一个向量，以制表符分隔：与元数据文件一起在 projector.tensorflow.org 中加载。',
  'Embedding Projector metadata (.tsv)': 'Embedding Projector 元数据（.tsv）',
  'A word and count per line under a header, in the vectors’ order: the Projector’s labels.':
    '表头之下每行一个词及其词频，顺序与向量一致：即 Projector 中的标签。',
  'Not saved: the save dialog was cancelled.': '未保存：保存对话框已取消。',
  'Saved to {path}': '已保存到 {path}',
  'Download started.': '已开始下载。',

  // No bridge
  'NLP Studio cannot reach its engine': 'NLP Studio 无法连接到引擎',
  'The page loaded without {bridge}, the bridge to the app. Open NLP Studio from the desktop app, or from the address printed by {command}.':
    '页面加载时缺少与应用通信的桥接对象 {bridge}。请从桌面应用打开 NLP Studio，或打开 {command} 输出的地址。',

  // First-run guide and the sample note
  'New here? Start with a sample': '初次使用？从示例开始',
  'Each chapter imports a small data set shipped with the app and fills in a training preset that finishes in a minute or so. Press Start on the Train view, then look where the chapter says.':
    '每个章节会导入应用自带的一个小数据集，并填好一分钟左右即可训练完的预设。在“训练”页面点击“开始”，然后按章节说明查看结果。',
  'Data: {source}.': '数据：{source}。',
  'Import and set up': '导入并设置',
  'A training is running: take a chapter when it has finished.': '有训练正在进行：请在其结束后再选择章节。',
  'Sample chapter: {title}': '示例章节：{title}',
  'Sample · {title}': '示例 · {title}',
  "The form holds the chapter's preset, small enough to train in a minute or so. Press {start}.":
    '表单中已填入该章节的预设，规模很小，一分钟左右即可训练完。请点击{start}。',
};
