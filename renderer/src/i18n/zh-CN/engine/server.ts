/** Chinese for the hosts' text (userText templates in server/ and main/) — see ../../engine-text.ts. */
export const server: Record<string, string> = {
  // Uploads (server/uploads.ts); 'The upload of {file} was interrupted' and 'Could not store {file}: {error}' are in jobs.ts.
  "{file} is larger than the upload limit of {limit} (the server's --max-upload or NLP_STUDIO_MAX_UPLOAD)":
    '{file} 超过了上传大小上限 {limit}（由服务器的 --max-upload 或 NLP_STUDIO_MAX_UPLOAD 设定）',
  'disk full: {file} needs {needed}, {free} free in the workspace ({reserve} of it kept in reserve)':
    '磁盘已满：{file} 需要 {needed}，工作区剩余 {free}（其中 {reserve} 为保留空间）',
  "disk full: the workspace's disk filled up after {received} of {file}; {free} free now":
    '磁盘已满：{file} 写入 {received} 后工作区所在磁盘已满；现剩余 {free}',
  'Bad Content-Length: {value}': '无效的 Content-Length：{value}',

  // Sizes (server/byte-size.ts)
  '{what} takes a size such as 500m, 2g or 4GiB (bytes when no unit), got "{text}"':
    '{what} 需要一个大小，例如 500m、2g 或 4GiB（不带单位时为字节数），收到的是“{text}”',
  size: '大小',
  unlimited: '不限',

  // Downloads (server/transfers.ts)
  'The export file of {file} is missing from the workspace': '工作区中缺少 {file} 的导出文件',

  // The web host's answers (server/web-host.ts)
  'The web host token must be at least 16 characters': 'Web 服务的令牌至少需要 16 个字符',
  'No WebSocket endpoint here': '此处没有 WebSocket 端点',
  'Host not allowed': '不允许该 Host',
  'Origin not allowed': '不允许该 Origin',
  'Missing or wrong token': '令牌缺失或错误',
  'Malformed request URL': '请求 URL 格式错误',
  'This Host is not allowed (open the URL the server printed)': '不允许该 Host（请打开服务器输出的 URL）',
  'Cross-origin requests are not allowed': '不允许跨域请求',
  'Missing or wrong token: open the URL with ?token=… that `nlp-studio serve` printed':
    '令牌缺失或错误：请打开 `nlp-studio serve` 输出的带 ?token=… 的 URL',
  'The upload check needs ?size=<bytes>': '上传检查需要 ?size=<bytes>',
  'Not an export id: {id}': '不是导出 ID：{id}',
  'No such endpoint: {path}': '没有这个端点：{path}',
  'Method not allowed; use {methods}': '不允许该请求方法；请使用 {methods}',
  'NLP Studio server is shutting down': 'NLP Studio 服务器正在关闭',

  // One browser connection (server/socket-rpc.ts)
  'NLP Studio: a message was not valid JSON': 'NLP Studio：有一条消息不是有效的 JSON',
  'NLP Studio: a message was not a JSON object': 'NLP Studio：有一条消息不是 JSON 对象',
  'NLP Studio: a call needs a numeric id and a method name': 'NLP Studio：调用需要数字 id 和方法名',
  'NLP Studio: the page is not keeping up with events; reconnect': 'NLP Studio：页面跟不上事件的速度；请重新连接',
  'NLP Studio: binary messages are not supported': 'NLP Studio：不支持二进制消息',
  'The result could not be sent: {reason}': '无法发送结果：{reason}',

  // The browser's connection to the server (server/bridge/socket-port.ts, web-bridge.ts)
  'not connected yet': '尚未连接',
  'closed by the page': '已被页面关闭',
  'the connection was closed': '连接已关闭',
  'the connection failed or was refused': '连接失败或被拒绝',
  'closed with code {code}': '已关闭，代码 {code}',
  '{method} failed: the connection to the NLP Studio server was closed': '{method} 失败：与 NLP Studio 服务器的连接已关闭',
  '{method} failed: cannot reach the NLP Studio server ({problem}).': '{method} 失败：无法连接到 NLP Studio 服务器（{problem}）。',
  'Check that `nlp-studio serve` is still running; if it was restarted, open the new URL it printed.':
    '请确认 `nlp-studio serve` 仍在运行；如果它已重启，请打开它新输出的 URL。',
  '{method} failed: the connection was closed': '{method} 失败：连接已关闭',
  '{method} failed: the connection to the NLP Studio server was lost before it answered ({reason})':
    '{method} 失败：在 NLP Studio 服务器应答前连接已断开（{reason}）',
  'NLP Studio: lost the connection to the server ({detail}); reconnecting…': 'NLP Studio：与服务器的连接已断开（{detail}）；正在重新连接…',

  // Files moved by HTTP in the browser (server/bridge/studio-web.ts)
  'Uploading {file} failed': '上传 {file} 失败',
  'Uploading {file} failed: {error}': '上传 {file} 失败：{error}',
  'Cannot reach the NLP Studio server: {error}': '无法连接到 NLP Studio 服务器：{error}',
  'The export cannot be downloaded': '无法下载该导出',
  '{what}: not authorised (reopen the URL the server printed)': '{what}：未授权（请重新打开服务器输出的 URL）',
  '{what}: not found': '{what}：未找到',
  '{what}: HTTP {status}': '{what}：HTTP {status}',

  // The desktop app's IPC (main/ipc.ts)
  'IPC on {channel} refused: not from the NLP Studio window': '已拒绝 {channel} 上的 IPC：并非来自 NLP Studio 窗口',
  'An IPC call must be {method: string, input}': 'IPC 调用必须是 {method: string, input}',
  'Not found': '未找到',
};
