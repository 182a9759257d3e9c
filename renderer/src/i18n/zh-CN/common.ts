/** Shared words: the shell (navigation, status bar, language switch), errors, units. */
export const common: Record<string, string> = {
  Language: '语言',
  '{s} s': '{s} 秒',
  '{m} min {s} s': '{m} 分 {s} 秒',
  '{h} h {m} min': '{h} 小时 {m} 分',

  // Buttons and states every area uses: look here before adding one to your own part.
  Cancel: '取消',
  'Cancelling…': '正在取消…',
  Delete: '删除',
  Keep: '保留',
  Dismiss: '关闭',
  Close: '关闭',
  'Starting…': '正在启动…',
  Export: '导出',
  'Export…': '导出…',
  'Exporting…': '正在导出…',
  Import: '导入',
  Save: '保存',
  Clear: '清除',
  Refresh: '刷新',
  Continue: '继续',
  Stop: '停止',
  Pause: '暂停',
  Resume: '继续',
  Hide: '隐藏',
  Name: '名称',

  // The four views, as the sidebar names them.
  Corpora: '语料库',
  Train: '训练',
  Runs: '运行记录',
  Explore: '探索',

  // A job's or a run's state.
  Start: '开始',
  Running: '运行中',
  Done: '已完成',
  Finished: '已完成',
  Failed: '失败',
  Cancelled: '已取消',
  Paused: '已暂停',
  'Importing…': '正在导入…',
  '{message} ({file}, line {line})': '{message}（{file}，第 {line} 行）',
  '{message} ({file})': '{message}（{file}）',
  '{message} (line {line})': '{message}（第 {line} 行）',
};
