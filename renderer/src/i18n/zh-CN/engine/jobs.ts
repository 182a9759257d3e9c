/** Chinese for the engine's text (userText templates) from jobs — see ../../engine-text.ts. */
export const jobs: Record<string, string> = {
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
};
