/** Upload limits, the disk checks, "disk full" while writing, periodic pruning, and errors without server paths. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import { WebSocket } from 'ws';
import { StudioError } from '../../contract/errors.ts';
import type { SocketLike } from '../../server/bridge/socket-port.ts';
import { createWebStudio } from '../../server/bridge/studio-web.ts';
import { formatBytes, parseByteSize } from '../../server/byte-size.ts';
import { pruneUploads } from '../../server/transfers.ts';
import { startWebHost } from '../../server/web-host.ts';
import type { WebHost, WebHostOptions } from '../../server/web-host.ts';
import { createFakeBackend } from './fake-backend.ts';
import type { FakeBackend } from './fake-backend.ts';

const MiB = 2 ** 20;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** POST a body: a Buffer (with Content-Length), or chunks written one by one (chunked, no length). */
function upload(host: WebHost, name: string, body: { buffer?: Buffer; chunks?: Buffer[]; contentLength?: number }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${host.token}` };
    if (body.contentLength !== undefined) headers['Content-Length'] = String(body.contentLength);
    else if (body.buffer) headers['Content-Length'] = String(body.buffer.length);
    const req = http.request({ host: '127.0.0.1', port: host.port, path: `/api/upload?name=${encodeURIComponent(name)}`, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body.buffer) req.end(body.buffer);
    else Readable.from(body.chunks ?? []).pipe(req);
  });
}

function get(host: WebHost, pathname: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: host.port, path: pathname, headers: { Authorization: `Bearer ${host.token}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      })
      .on('error', reject);
  });
}

async function startHost(backend: FakeBackend, extra: Partial<WebHostOptions> = {}): Promise<WebHost> {
  const dir = path.join(backend.workspaceDir, 'renderer');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'index.html'), '<html><head></head></html>');
  return startWebHost({ backend, rendererDir: dir, bridgeFile: path.join(dir, 'index.html'), ...extra });
}

const uploadsOf = (b: FakeBackend) => readdir(path.join(b.workspaceDir, '.uploads')).catch(() => [] as string[]);

test('sizes parse as people write them and print readably', () => {
  assert.equal(parseByteSize('2g'), 2 * 2 ** 30);
  assert.equal(parseByteSize('500m'), 500 * MiB);
  assert.equal(parseByteSize('4GiB'), 4 * 2 ** 30);
  assert.equal(parseByteSize('1.5GB'), 1.5 * 2 ** 30);
  assert.equal(parseByteSize('1048576'), MiB);
  for (const bad of ['', '-1', '0', 'lots', '2x', '1e9']) assert.throws(() => parseByteSize(bad, '--max-upload'), /--max-upload takes a size/);
  assert.equal(formatBytes(4 * 2 ** 30), '4 GiB');
  assert.equal(formatBytes(1.25 * MiB), '1.3 MiB');
  assert.equal(formatBytes(12), '12 bytes');
});

describe('upload limits on a running host', () => {
  let backend: FakeBackend;
  let host: WebHost;
  let free = 1024 * MiB;

  before(async () => {
    backend = await createFakeBackend();
    host = await startHost(backend, { uploads: { maxBytes: 2 * MiB, reserveBytes: 16 * MiB, freeBytes: async () => free } });
  });
  after(async () => {
    await host.close();
    await backend.cleanup();
  });

  test('a declared length over the limit is a 413 naming the limit, before the body is read', async () => {
    // Declares 10 GiB and sends only a little: an answer proves the server did not wait for the body.
    const r = await new Promise<Reply>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: host.port, path: '/api/upload?name=huge.csv', method: 'POST', headers: { Authorization: `Bearer ${host.token}`, 'Content-Length': String(10 * 2 ** 30) } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(1024));
    });
    assert.equal(r.status, 413);
    assert.equal(r.headers.connection, 'close');
    const error = JSON.parse(r.body);
    assert.equal(error.name, 'ValidationError');
    assert.equal(error.message, 'huge.csv is larger than the upload limit of 2 MiB (the server\'s --max-upload or NLP_STUDIO_MAX_UPLOAD)');
    assert.equal(error.file, 'huge.csv');
    assert.deepEqual(await uploadsOf(backend), []);
  });

  test('a chunked body that streams past the limit is a 413 with the message, and leaves no file', async () => {
    const chunk = Buffer.alloc(256 * 1024, 'a');
    const r = await upload(host, 'stream.txt', { chunks: Array.from({ length: 12 }, () => chunk) }); // 3 MiB
    assert.equal(r.status, 413, r.body);
    assert.match(JSON.parse(r.body).message, /larger than the upload limit of 2 MiB/);
    assert.deepEqual(await uploadsOf(backend), []);
    // At the limit exactly is fine.
    const ok = await upload(host, 'exact.txt', { chunks: Array.from({ length: 8 }, () => chunk) });
    assert.equal(ok.status, 200, ok.body);
    assert.equal(JSON.parse(ok.body).sizeBytes, 2 * MiB);
  });

  test('not enough free space (minus the reserve) is a 507 "disk full" before writing', async () => {
    free = 17 * MiB; // 1 MiB above the reserve
    try {
      const r = await upload(host, 'two.bin', { buffer: Buffer.alloc(2 * MiB) });
      assert.equal(r.status, 507);
      const error = JSON.parse(r.body);
      assert.equal(error.message, 'disk full: two.bin needs 2 MiB, 17 MiB free in the workspace (16 MiB of it kept in reserve)');
      const small = await upload(host, 'small.bin', { buffer: Buffer.alloc(MiB / 2) });
      assert.equal(small.status, 200, small.body);
      free = 8 * MiB; // below the reserve: even a body of unknown length is refused
      const chunked = await upload(host, 'chunked.bin', { chunks: [Buffer.alloc(10)] });
      assert.equal(chunked.status, 507);
      assert.match(JSON.parse(chunked.body).message, /^disk full: chunked\.bin needs 0 bytes, 8 MiB free/);
    } finally {
      free = 1024 * MiB;
    }
  });

  test('GET /api/upload/check answers the same before a byte is sent', async () => {
    const ok = await get(host, '/api/upload/check?name=a.csv&size=1024');
    assert.equal(ok.status, 200);
    assert.deepEqual(JSON.parse(ok.body), { maxBytes: 2 * MiB });
    const big = await get(host, `/api/upload/check?name=a.csv&size=${3 * MiB}`);
    assert.equal(big.status, 413);
    assert.match(JSON.parse(big.body).message, /^a\.csv is larger than the upload limit of 2 MiB/);
    assert.equal((await get(host, '/api/upload/check?name=a.csv')).status, 400);
    assert.equal((await get(host, '/api/upload/check?size=1')).status, 400);
  });

  test('the browser bridge shows the reason: too large, disk full', async () => {
    const studio = createWebStudio({
      baseUrl: `http://127.0.0.1:${host.port}`,
      socketUrl: `ws://127.0.0.1:${host.port}/api/ws`,
      token: host.token,
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      fetch,
      chooseFiles: async () => [],
      download: () => undefined,
    });
    try {
      await assert.rejects(studio.api.files.fromDrop([new File([new Uint8Array(3 * MiB)], 'big.csv')]), (e: unknown) => {
        assert.ok(e instanceof StudioError);
        assert.equal(e.message, "big.csv is larger than the upload limit of 2 MiB (the server's --max-upload or NLP_STUDIO_MAX_UPLOAD)");
        return true;
      });
      free = MiB;
      await assert.rejects(studio.api.files.fromDrop([new File(['x'], 'x.csv')]), (e: unknown) => {
        assert.ok(e instanceof StudioError);
        assert.equal(e.message, 'disk full: x.csv needs 1 bytes, 1 MiB free in the workspace (16 MiB of it kept in reserve)');
        return true;
      });
    } finally {
      free = 1024 * MiB;
      studio.close();
    }
  });
});

test('a disk that fills while writing answers 507 "disk full" (not "interrupted") and leaves no partial file', async () => {
  const backend = await createFakeBackend();
  const host = await startHost(backend, { uploads: { maxBytes: 64 * MiB, reserveBytes: 0, freeBytes: async () => 4 * MiB } });
  const original = fs.createWriteStream;
  // The upload's target is created, but every write goes to /dev/full: the kernel's own ENOSPC.
  fs.createWriteStream = ((file: fs.PathLike, options?: object) => {
    fs.closeSync(fs.openSync(file, 'wx'));
    return original('/dev/full', { ...(options as object), flags: 'w' });
  }) as typeof fs.createWriteStream;
  syncBuiltinESMExports();
  try {
    const r = await upload(host, 'corpus.txt', { buffer: Buffer.alloc(2 * MiB, 'z') });
    assert.equal(r.status, 507, r.body);
    const error = JSON.parse(r.body);
    assert.equal(error.name, 'ImportError');
    assert.match(error.message, /^disk full: the workspace's disk filled up after .* of corpus\.txt; 4 MiB free now$/);
    assert.deepEqual(await uploadsOf(backend), []);
  } finally {
    fs.createWriteStream = original;
    syncBuiltinESMExports();
    await host.close();
    await backend.cleanup();
  }
});

test('stale uploads are pruned while the host runs; registered ones stay', async () => {
  const backend = await createFakeBackend();
  const uploads = path.join(backend.workspaceDir, '.uploads');
  await mkdir(uploads, { recursive: true });
  const host = await startHost(backend, { pruneEveryMs: 50 });
  try {
    const picked = await backend.files.receive('kept.txt', Buffer.from('in use'));
    const kept = backend.files.resolve(picked.handle).path;
    const stale = path.join(uploads, 'u-0123456789abcdef0123456789abcdef.txt');
    const fresh = path.join(uploads, 'u-fedcba9876543210fedcba9876543210.txt');
    const foreign = path.join(uploads, 'notes.txt'); // not ours: never touched
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    for (const f of [stale, fresh, foreign]) await writeFile(f, 'x');
    for (const f of [stale, kept, foreign]) await utimes(f, twoHoursAgo, twoHoursAgo);
    for (let i = 0; i < 100 && (await readdir(uploads)).includes(path.basename(stale)); i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual((await readdir(uploads)).sort(), [path.basename(kept), path.basename(fresh), 'notes.txt'].sort());
    // The registered one had its time refreshed, so another host on this workspace does not take it for stale.
    assert.ok(fs.statSync(kept).mtimeMs > Date.now() - 60_000);
  } finally {
    await host.close();
    await backend.cleanup();
  }
});

test('pruneUploads reports what it removed and spares what keep() claims', async () => {
  const backend = await createFakeBackend();
  const uploads = path.join(backend.workspaceDir, '.uploads');
  await mkdir(uploads, { recursive: true });
  const old = new Date(Date.now() - 3 * 3600_000);
  for (const n of ['u-a.txt', 'u-b.txt']) {
    await writeFile(path.join(uploads, n), 'x');
    await utimes(path.join(uploads, n), old, old);
  }
  assert.deepEqual(await pruneUploads(uploads, 3600_000, (f) => f.endsWith('u-b.txt')), ['u-a.txt']);
  assert.deepEqual(await readdir(uploads), ['u-b.txt']);
  await backend.cleanup();
});

describe('errors sent to the browser', () => {
  const secretDir = '/home/alice/private/data';

  async function hostThrowing(debug: boolean) {
    const backend = await createFakeBackend();
    const failing = async () => {
      throw new StudioError('ImportError', `${backend.workspaceDir}/corpora/c-1/tokens.txt line 12: cannot read ${secretDir}/train.csv`, { file: `${secretDir}/train.csv`, line: 12 });
    };
    const crashing = async () => {
      throw new TypeError(`Cannot read properties of undefined (in ${backend.workspaceDir}/runs/r-1/run.json)`);
    };
    Object.assign(backend.handlers, { 'runs.list': failing, 'jobs.list': crashing });
    return { backend, host: await startHost(backend, { debug }) };
  }

  async function call(host: WebHost, method: string) {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api/ws`, { headers: { Authorization: `Bearer ${host.token}` } });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const reply = new Promise<{ error: Record<string, unknown> }>((resolve) => socket.once('message', (d) => resolve(JSON.parse(d.toString()))));
    socket.send(JSON.stringify({ type: 'call', id: 1, method, input: {} }));
    const r = await reply;
    socket.close();
    return r.error;
  }

  test('over the WebSocket: no stack, no server paths; file name and line kept', async () => {
    const { backend, host } = await hostThrowing(false);
    try {
      assert.deepEqual(await call(host, 'runs.list'), { name: 'ImportError', message: 'corpora/c-1/tokens.txt line 12: cannot read train.csv', file: 'train.csv', line: 12 });
      assert.deepEqual(await call(host, 'jobs.list'), { name: 'InternalError', message: 'Cannot read properties of undefined (in runs/r-1/run.json)' });
      // HTTP error answers too.
      const r = await get(host, `/api/upload/check?name=${encodeURIComponent('x.csv')}&size=${2 ** 52}`);
      assert.ok(!r.body.includes(backend.workspaceDir) && !('stack' in JSON.parse(r.body)));
    } finally {
      await host.close();
      await backend.cleanup();
    }
  });

  test('events: a failed job\'s error reaches every page redacted', async () => {
    const { backend, host } = await hostThrowing(false);
    try {
      const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api/ws`, { headers: { Authorization: `Bearer ${host.token}` } });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      const event = new Promise<{ payload: unknown }>((resolve) => socket.once('message', (d) => resolve(JSON.parse(d.toString()))));
      backend.emit('job', { type: 'failed', jobId: 'j-abcd', error: { name: 'InternalError', message: `EIO at ${backend.workspaceDir}/runs/r-1/run.json`, stack: 'Error\n    at x (/srv/app.js:1:1)' } });
      assert.deepEqual((await event).payload, { type: 'failed', jobId: 'j-abcd', error: { name: 'InternalError', message: 'EIO at runs/r-1/run.json' } });
      socket.close();
    } finally {
      await host.close();
      await backend.cleanup();
    }
  });

  test('with debug the stack and paths are sent', async () => {
    const { backend, host } = await hostThrowing(true);
    try {
      const error = await call(host, 'runs.list');
      assert.equal(error.file, `${secretDir}/train.csv`);
      assert.match(String(error.stack), /uploads\.test\.ts/);
      assert.ok(String(error.message).startsWith(backend.workspaceDir));
    } finally {
      await host.close();
      await backend.cleanup();
    }
  });
});
