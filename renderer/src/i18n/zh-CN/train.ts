/** The Train view and the model forms (models/*): settings, live training. */
export const train: Record<string, string> = {
  // The Train view (views/TrainView, components/train/*).
  // views/TrainView.svelte
  'Pick a corpus and a model, tune the settings, and watch the loss as it trains.': '选择语料库和模型，调整设置，在训练过程中观察损失的变化。',
  'No training running': '当前没有训练任务',
  'Start a run and its loss curve, speed and ETA appear here. Training runs in the background: you can switch views or reload the window and come back.':
    '开始训练后，损失曲线、速度和预计剩余时间会显示在这里。训练在后台进行：你可以切换视图或重新加载窗口，稍后再回来查看。',

  // components/train/TrainForm.svelte, TokenPreview.svelte, TrainWarnings.svelte
  'Training setup': '训练设置',
  Corpus: '语料库',
  Model: '模型',
  'No corpora — import one first': '还没有语料库，请先导入',
  'No {task} corpus — import one first': '没有 {task} 语料库，请先导入',
  '{model} — coming later': '{model}（即将推出）',
  'Validation data': '验证集',
  'Test data': '测试集',
  'A random share of the training corpus': '从训练语料库中随机划分',
  'Run name': '运行记录名称',
  '(optional)': '（可选）',
  corpus: '语料库',
  'Start training': '开始训练',
  'Reset to defaults': '恢复默认设置',
  'Fix {count} fields first.': '请先修正 {count} 个字段。',
  'Token preview of this corpus': '此语料库的词元预览',
  '{count} characters dropped from the first lines': '前几行有 {count} 个字符被丢弃',
  'nothing dropped from the first lines': '前几行没有丢弃任何字符',
  'Tokens are made at import: to keep what is struck through, import the file again with “Keep punctuation”.':
    '词元在导入时生成：要保留被划掉的内容，请勾选“保留标点”重新导入该文件。',
  'Check the data': '请检查数据',

  // components/train/TrainPhases.svelte: what the run does before its first step.
  'Starting the run': '正在启动训练',
  'Checking the data and creating the run': '检查数据并创建运行记录',
  'Reading the corpus and building the vocabulary': '读取语料库并构建词表',
  'Initialising the model': '初始化模型',
  'Compiling kernels: the first step': '编译计算内核（第一步训练）',

  // components/train/TrainLive.svelte: the live panel, its figures and its Pause/Stop/Cancel.
  Training: '训练',
  'Training progress': '训练进度',
  'Stop training? The run ends as cancelled and cannot be resumed: its {steps} steps so far are lost. Pause instead keeps a checkpoint to continue from.':
    '停止训练？该运行将以“已取消”结束且无法继续：目前已训练的 {steps} 步将全部丢失。改用暂停则会保留检查点，之后可以接着训练。',
  'Cancel training? word2vec keeps no checkpoint: the vectors trained so far ({percent}) are discarded.':
    '取消训练？word2vec 不保存检查点：目前已训练的词向量（{percent}）将被丢弃。',
  'Pausing…': '正在暂停…',
  'Pause keeps a checkpoint; resume later, even after closing the app.': '暂停会保存检查点；之后可以继续训练，即使关闭了应用也可以。',
  'Diverged; it continues from its last finite checkpoint (step {step}), best at a lower learning rate.':
    '训练已发散；将从最后一个数值正常的检查点（第 {step} 步）继续，最好调低学习率。',
  'Diverged; it continues from its last finite checkpoint, best at a lower learning rate.': '训练已发散；将从最后一个数值正常的检查点继续，最好调低学习率。',
  'Interrupted at epoch {epoch}; it continues from its last checkpoint.': '在第 {epoch} 轮中断；将从最后一个检查点继续。',
  'Paused at epoch {epoch}; it continues from its last checkpoint.': '在第 {epoch} 轮暂停；将从最后一个检查点继续。',
  Epoch: '轮次',
  'Epoch progress': '本轮进度',
  Elapsed: '已用时间',
  'Watch the space': '观察向量空间',
  'The embedding explorer, live: the words’ PCA picture redrawn every few seconds as the vectors organise.':
    '实时的嵌入探索器：随着词向量逐渐成形，词的 PCA 图每隔几秒重绘一次。',
  'Try it while it trains': '边训练边试用',
  'Explore the vectors': '探索词向量',
  'Open the run and try it': '打开运行记录并试用',
  'Open in Runs': '在运行记录中打开',
  'New run': '新建训练',
  // fixups: components/train/TrainLive.svelte, a validation or test pass while it runs.
  'Evaluating: {done} of {total}': '正在评测：{done} / {total}',
  'Evaluating held-out examples…': '正在评测留出样本…',
};
