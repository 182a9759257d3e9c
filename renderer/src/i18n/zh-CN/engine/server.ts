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
    '{what} 需要一个大小，例如 500m、2g 或 4GiB（不带单位时为字节数），收到的是「{text}」',
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
};
