import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { WebSocket } from 'ws';
import { startWebHost } from '../../server/web-host.ts';
import type { WebHost } from '../../server/web-host.ts';
import { contentDisposition } from '../../server/transfers.ts';
import type { WireMessage } from '../../contract/protocol.ts';
import { createFakeBackend } from './fake-backend.ts';
import type { FakeBackend } from './fake-backend.ts';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request (node:http does not normalise `..` in paths, unlike fetch). */
function request(host: WebHost, pathname: string, init: { method?: string; headers?: Record<string, string>; body?: Readable | string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: pathname, method: init.method ?? 'GET', headers: init.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (init.body instanceof Readable) init.body.pipe(req);
    else req.end(init.body);
  });
}

const auth = (host: WebHost) => ({ Authorization: `Bearer ${host.token}` });

let backend: FakeBackend;
let host: WebHost;
let rendererDir: string;

before(async () => {
  backend = await createFakeBackend();
  const root = path.join(backend.workspaceDir, 'app');
  rendererDir = path.join(root, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title><script type="module" src="/assets/app.js"></script></head><body></body></html>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  await writeFile(path.join(rendererDir, '.secret'), 'dot file');
  await writeFile(path.join(root, 'secret.txt'), 'outside the renderer');
  await writeFile(path.join(root, 'bridge.js'), 'window.studio = {}');
  host = await startWebHost({ backend, port: 0, rendererDir, bridgeFile: path.join(root, 'bridge.js') });
});

after(async () => {
  await host.close();
  await backend.cleanup();
});

describe('authentication', () => {
  test('the URL has the token and binds loopback', () => {
    assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    assert.equal(host.url, `http://127.0.0.1:${host.port}/?token=${host.token}`);
  });

  test('401 with UnauthorizedError JSON without a token or with a wrong one', async () => {
    for (const p of ['/', '/assets/app.js', '/studio-bridge.js', `/?token=${'x'.repeat(43)}`, '/api/exports/x-abcd1234']) {
      const r = await request(host, p);
      assert.equal(r.status, 401, p);
      assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(JSON.parse(r.body).name, 'UnauthorizedError');
      assert.equal(r.headers['set-cookie'], undefined);
    }
    const wrongBearer = await request(host, '/', { headers: { Authorization: 'Bearer nope' } });
    assert.equal(wrongBearer.status, 401);
  });

  test('200 with ?token=: the page has CSP, nosniff, the bridge injected first, and sets the cookie', async () => {
    const r = await request(host, `/?token=${host.token}`);
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    const csp = r.headers['content-security-policy'] as string;
    for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      assert.ok(csp.includes(directive), directive);
    }
    assert.ok(r.body.indexOf('<script src="/studio-bridge.js"></script>') < r.body.indexOf('/assets/app.js'));
    const cookie = (r.headers['set-cookie'] ?? [])[0]!;
    assert.match(cookie, new RegExp(`^nlp-studio-token-${host.port}=${host.token}; Path=/; HttpOnly; SameSite=Strict$`));
  });

  test('the cookie alone authenticates later requests; a wrong or other-port cookie does not', async () => {
    const page = await request(host, `/?token=${host.token}`);
    const cookie = page.headers['set-cookie']![0]!.split(';')[0]!;
    const js = await request(host, '/assets/app.js', { headers: { Cookie: `other=1; ${cookie}` } });
    assert.equal(js.status, 200);
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(js.body, 'console.log("app")');
    assert.equal(js.headers['set-cookie'], undefined, 'only a ?token= visit sets the cookie');
    assert.equal((await request(host, '/assets/app.js', { headers: { Cookie: `nlp-studio-token-${host.port}=wrong` } })).status, 401);
    assert.equal((await request(host, '/assets/app.js', { headers: { Cookie: `nlp-studio-token-1=${host.token}` } })).status, 401);
  });

  test('Bearer works, and the bridge file is served from bridgeFile', async () => {
    const r = await request(host, '/studio-bridge.js', { headers: auth(host) });
    assert.equal(r.status, 200);
    assert.equal(r.body, 'window.studio = {}');
    assert.equal(r.headers['content-type'], 'text/javascript; charset=utf-8');
  });

  test('a foreign Host (DNS rebinding) or Origin is refused even with the token', async () => {
    const rebound = await request(host, '/', { headers: { ...auth(host), Host: `evil.example:${host.port}` } });
    assert.equal(rebound.status, 403);
    const wrongPort = await request(host, '/', { headers: { ...auth(host), Host: `127.0.0.1:1` } });
    assert.equal(wrongPort.status, 403);
    const localhost = await request(host, '/', { headers: { ...auth(host), Host: `localhost:${host.port}` } });
    assert.equal(localhost.status, 200);
    const crossOrigin = await request(host, '/api/upload?name=a.txt', { method: 'POST', body: 'x', headers: { ...auth(host), Origin: 'http://evil.example' } });
    assert.equal(crossOrigin.status, 403);
  });
});

describe('static files', () => {
  test('path traversal and dot-files are refused', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt', '/.secret', '/%00']) {
      const r = await request(host, p, { headers: auth(host) });
      assert.equal(r.status, 404, p);
      assert.ok(!r.body.includes('outside the renderer') && !r.body.includes('dot file'), p);
    }
  });

  test('client-side routes get the page; missing assets 404', async () => {
    const route = await request(host, '/runs/r-abcd', { headers: { ...auth(host), Accept: 'text/html' } });
    assert.equal(route.status, 200);
    assert.ok(route.body.includes('studio-bridge.js'));
    assert.equal((await request(host, '/assets/missing.js', { headers: auth(host) })).status, 404);
    assert.equal((await request(host, '/api/nothing', { headers: auth(host) })).status, 404);
  });
});

describe('uploads', () => {
  test('a streamed body lands in .uploads under a random name and is registered with its display name', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sent = 0;
    const body = Readable.from(
      (function* () {
        for (let i = 0; i < 8; i++) {
          sent += chunk.length;
          yield chunk;
        }
      })(),
    );
    const r = await request(host, `/api/upload?name=${encodeURIComponent('../../Korpus ü.csv')}`, { method: 'POST', body, headers: auth(host) });
    assert.equal(r.status, 200, r.body);
    const picked = JSON.parse(r.body) as { handle: string; name: string; sizeBytes: number };
    assert.equal(picked.name, 'Korpus ü.csv');
    assert.equal(picked.sizeBytes, sent);
    assert.match(picked.handle, /^fh-/);
    const entry = backend.files.resolve(picked.handle);
    assert.equal(path.dirname(entry.path), path.join(backend.workspaceDir, '.uploads'));
    assert.match(path.basename(entry.path), /^u-[0-9a-f]{32}\.csv$/);
    assert.equal((await readFile(entry.path)).length, sent);
  });

  test('a large upload streams: memory stays flat while 256 MiB go through', async () => {
    const chunk = Buffer.alloc(256 * 1024, 'c');
    const total = 256 * 1024 * 1024;
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = baseline;
    const body = Readable.from(
      (function* () {
        for (let sent = 0; sent < total; sent += chunk.length) {
          peak = Math.max(peak, process.memoryUsage().arrayBuffers);
          yield chunk;
        }
      })(),
    );
    const r = await request(host, '/api/upload?name=big.txt', { method: 'POST', body, headers: auth(host) });
    assert.equal(r.status, 200, r.body);
    const picked = JSON.parse(r.body) as { handle: string; sizeBytes: number };
    assert.equal(picked.sizeBytes, total);
    await rm(backend.files.resolve(picked.handle).path);
    // Uncollected garbage keeps ~32 MiB around whatever the size; buffering the body would show all 256.
    assert.ok(peak - baseline < 96 * 1024 * 1024, `buffered ${((peak - baseline) / 2 ** 20).toFixed(1)} MiB`);
  });

  test('a missing or overlong name is a 400 ValidationError; GET is 405', async () => {
    const missing = await request(host, '/api/upload', { method: 'POST', body: 'x', headers: auth(host) });
    assert.equal(missing.status, 400);
    assert.equal(JSON.parse(missing.body).name, 'ValidationError');
    const long = await request(host, `/api/upload?name=${'n'.repeat(300)}`, { method: 'POST', body: 'x', headers: auth(host) });
    assert.equal(long.status, 400);
    assert.equal((await request(host, '/api/upload?name=a', { headers: auth(host) })).status, 405);
  });

  test('an aborted upload leaves no partial file', async () => {
    const uploads = path.join(backend.workspaceDir, '.uploads');
    const before = new Set(await readdir(uploads));
    await new Promise<void>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: host.port, path: '/api/upload?name=big.txt', method: 'POST', headers: { ...auth(host), 'Content-Length': String(100 * 1024 * 1024) } });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(256 * 1024, 'b'), () => setTimeout(() => req.destroy(), 100));
    });
    for (let i = 0; i < 50; i++) {
      const now = (await readdir(uploads)).filter((n) => !before.has(n));
      if (now.length === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.deepEqual((await readdir(uploads)).filter((n) => !before.has(n)), []);
  });
});

describe('downloads', () => {
  test('an export streams as an attachment with an RFC 5987 name; HEAD gives the headers', async () => {
    const file = path.join(backend.workspaceDir, 'exports', 'x-abcd1234.txt');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '2 3\nfoo 1 2 3\nbar 4 5 6\n');
    backend.exports.set('x-abcd1234', {
      path: file,
      info: { id: 'x-abcd1234', runId: 'r-abcd', format: 'word2vec-text', fileName: 'vectors "ü".txt', sizeBytes: 24, createdAt: new Date().toISOString() },
    });
    const r = await request(host, '/api/exports/x-abcd1234', { headers: auth(host) });
    assert.equal(r.status, 200);
    assert.equal(r.body, '2 3\nfoo 1 2 3\nbar 4 5 6\n');
    assert.equal(r.headers['content-type'], 'application/octet-stream');
    assert.equal(r.headers['content-length'], '24');
    assert.equal(r.headers['content-disposition'], `attachment; filename="vectors ___.txt"; filename*=UTF-8''vectors%20%22%C3%BC%22.txt`);
    const head = await request(host, '/api/exports/x-abcd1234', { method: 'HEAD', headers: auth(host) });
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });

  test('unknown export 404, bad id 400', async () => {
    const missing = await request(host, '/api/exports/x-nothere', { headers: auth(host) });
    assert.equal(missing.status, 404);
    assert.equal(JSON.parse(missing.body).name, 'NotFoundError');
    assert.equal((await request(host, '/api/exports/..%2f..%2fetc', { headers: auth(host) })).status, 400);
    assert.equal((await request(host, '/api/exports/%E0%A4%A', { headers: auth(host) })).status, 400);
  });

  test('contentDisposition never lets a name break the header', () => {
    assert.equal(contentDisposition('a\r\nSet-Cookie: x'), `attachment; filename="a__Set-Cookie: x"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x`);
    assert.equal(contentDisposition("it's (1).txt"), `attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`);
  });
});

/** A connected WebSocket with a queue of received messages. */
async function connect(h: WebHost, headers: Record<string, string> = auth(h)) {
  const socket = new WebSocket(`ws://127.0.0.1:${h.port}/api/ws`, { headers });
  const received: WireMessage[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    received.push(JSON.parse(data.toString()));
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const next = async (match: (m: WireMessage) => boolean): Promise<WireMessage> => {
    for (;;) {
      const index = received.findIndex(match);
      if (index >= 0) return received.splice(index, 1)[0]!;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const call = (id: number, method: string, input: unknown) => {
    socket.send(JSON.stringify({ type: 'call', id, method, input }));
    return next((m) => (m.type === 'result' || m.type === 'error') && m.id === id);
  };
  return { socket, call, next };
}

describe('WebSocket RPC', () => {
  test('a call is dispatched and answered', async () => {
    const { socket, call } = await connect(host);
    const reply = await call(1, 'app.info', {});
    assert.equal(reply.type, 'result');
    assert.equal((reply as { output: { version: string } }).output.version, '0.1.0-test');
    socket.close();
  });

  test('a bad payload is a typed ValidationError and the handler never runs', async () => {
    const { socket, call } = await connect(host);
    const before = backend.calls.length;
    const reply = await call(2, 'corpus.get', { id: '../../etc/passwd' });
    assert.equal(reply.type, 'error');
    assert.equal((reply as { error: { name: string } }).error.name, 'ValidationError');
    assert.equal(backend.calls.length, before);
    const handlerError = await call(3, 'corpus.get', { id: 'c-abcd' });
    assert.equal((handlerError as { error: { name: string } }).error.name, 'NotFoundError');
    socket.close();
  });

  test('host methods and unknown methods are unreachable', async () => {
    const { socket, call } = await connect(host);
    for (const [id, method, input] of [
      [4, 'host.pickFiles', {}],
      [5, 'host.registerDropped', { paths: ['/etc/passwd'] }],
      [6, 'host.saveExport', { id: 'x-abcd1234' }],
      [7, 'export.locate', { id: 'x-abcd1234' }],
      [8, '__proto__', {}],
    ] as const) {
      const reply = await call(id, method, input);
      assert.equal(reply.type, 'error', method);
      assert.equal((reply as { error: { name: string } }).error.name, 'UnknownMethodError', method);
    }
    socket.close();
  });

  test('bad JSON closes that socket with a reason; the server keeps serving', async () => {
    const { socket } = await connect(host);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    socket.send('{not json');
    const { code, reason } = await closed;
    assert.equal(code, 1007);
    assert.match(reason, /not valid JSON/);
    const again = await connect(host);
    assert.equal((await again.call(9, 'corpus.list', {})).type, 'result');
    // Non-call messages are ignored, calls without an id close the socket.
    again.socket.send(JSON.stringify({ type: 'event', event: 'job', payload: {} }));
    assert.equal((await again.call(10, 'corpus.list', {})).type, 'result');
    again.socket.close();
  });

  test('binary, oversized and id-less frames close only that socket', async () => {
    const cases: [string, (s: WebSocket) => void, number][] = [
      ['binary', (s) => s.send(Buffer.from([1, 2, 3])), 1003],
      ['no id', (s) => s.send(JSON.stringify({ type: 'call', method: 'app.info', input: {} })), 1007],
      ['array', (s) => s.send('[1,2]'), 1007],
      ['oversized', (s) => s.send('x'.repeat(5 * 1024 * 1024)), 1009],
    ];
    for (const [name, send, expected] of cases) {
      const { socket } = await connect(host);
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      socket.on('error', () => {});
      send(socket);
      assert.equal(await closed, expected, name);
    }
    const still = await connect(host);
    assert.equal((await still.call(11, 'app.info', {})).type, 'result');
    still.socket.close();
  });

  test('backend events are broadcast to every socket', async () => {
    const a = await connect(host);
    const b = await connect(host);
    const payload = { type: 'cancelled', jobId: 'j-abcd' };
    backend.emit('job', payload);
    for (const c of [a, b]) {
      const m = await c.next((x) => x.type === 'event');
      assert.deepEqual(m, { type: 'event', event: 'job', payload });
    }
    a.socket.close();
    b.socket.close();
  });

  test('upgrades need the token, our Host and our Origin', async () => {
    await assert.rejects(connect(host, {}), /HTTP 401/);
    await assert.rejects(connect(host, { ...auth(host), Origin: 'http://evil.example' }), /HTTP 403/);
    await assert.rejects(connect(host, { ...auth(host), Host: `evil.example:${host.port}` }), /HTTP 403/);
    const ok = await connect(host, { Cookie: `nlp-studio-token-${host.port}=${host.token}`, Origin: `http://localhost:${host.port}` });
    ok.socket.close();
  });
});

test('close() ends open sockets and stops listening', async () => {
  const b = await createFakeBackend();
  const h = await startWebHost({ backend: b, rendererDir, bridgeFile: path.join(rendererDir, 'index.html'), token: 'a-fixed-token-for-tests' });
  assert.equal(h.token, 'a-fixed-token-for-tests');
  const { socket } = await connect(h);
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await h.close();
  assert.equal(await closed, 1001);
  await assert.rejects(request(h, '/'), /ECONNREFUSED/);
  await b.cleanup();
});
