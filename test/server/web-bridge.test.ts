import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WebSocket } from 'ws';
import { StudioError } from '../../contract/errors.ts';
import type { WireMessage } from '../../contract/protocol.ts';
import { ReconnectingSocketPort } from '../../server/bridge/socket-port.ts';
import type { SocketLike } from '../../server/bridge/socket-port.ts';
import { createWebStudio } from '../../server/bridge/studio-web.ts';
import type { WebStudio } from '../../server/bridge/studio-web.ts';
import { startWebHost } from '../../server/web-host.ts';
import type { WebHost } from '../../server/web-host.ts';
import { createFakeBackend } from './fake-backend.ts';
import type { FakeBackend } from './fake-backend.ts';

describe('createWebStudio against a real web host', () => {
  let backend: FakeBackend;
  let host: WebHost;
  let studio: WebStudio;
  const downloads: string[] = [];
  let chosen: File[] = [];

  before(async () => {
    backend = await createFakeBackend();
    const dir = path.join(backend.workspaceDir, 'renderer');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'index.html'), '<html><head></head></html>');
    host = await startWebHost({ backend, rendererDir: dir, bridgeFile: path.join(dir, 'index.html') });
    const base = `http://127.0.0.1:${host.port}`;
    studio = createWebStudio({
      baseUrl: base,
      socketUrl: `ws://127.0.0.1:${host.port}/api/ws`,
      token: host.token,
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      fetch,
      chooseFiles: async () => chosen,
      download: (href) => downloads.push(href),
    });
  });

  after(async () => {
    studio.close();
    await host.close();
    await backend.cleanup();
  });

  test('namespaced calls resolve; failures reject with StudioError', async () => {
    const info = await studio.api.app.info();
    assert.equal(info.version, '0.1.0-test');
    await assert.rejects(studio.api.corpus.get({ id: 'nope' }), (e: unknown) => e instanceof StudioError && e.name === 'ValidationError');
    await assert.rejects(studio.api.corpus.get({ id: 'c-abcd' }), (e: unknown) => e instanceof StudioError && e.name === 'NotFoundError');
  });

  test('on() receives broadcast events and can unsubscribe', async () => {
    const seen: unknown[] = [];
    const off = studio.api.on('job', (p) => seen.push(p));
    await studio.api.corpus.list(); // make sure the socket is open before emitting
    backend.emit('job', { type: 'cancelled', jobId: 'j-abcd' });
    for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(seen, [{ type: 'cancelled', jobId: 'j-abcd' }]);
    off();
    backend.emit('job', { type: 'cancelled', jobId: 'j-efgh' });
    await studio.api.corpus.list();
    assert.equal(seen.length, 1);
  });

  test('fromDrop and pick upload the files and return handles the backend resolves', async () => {
    const picked = await studio.api.files.fromDrop([new File(['hello world\n'], 'a.txt'), new File(['x,y\n'], 'b.csv')]);
    assert.deepEqual(picked.map((p) => [p.name, p.sizeBytes]), [['a.txt', 12], ['b.csv', 4]]);
    assert.equal(await readFile(backend.files.resolve(picked[0]!.handle).path, 'utf8'), 'hello world\n');
    const preview = await studio.api.corpus.preview({ file: picked[1]!.handle });
    assert.equal(preview.fileName, 'b.csv');
    chosen = [];
    assert.deepEqual(await studio.api.files.pick(), []);
    chosen = [new File(['z'], 'c.txt')];
    assert.deepEqual((await studio.api.files.pick()).map((p) => p.name), ['c.txt']);
  });

  test('saveExport checks the export exists, then starts a download', async () => {
    await assert.rejects(studio.api.files.saveExport('x-missing'), (e: unknown) => e instanceof StudioError && e.name === 'NotFoundError');
    await assert.rejects(studio.api.files.saveExport('../etc'), (e: unknown) => e instanceof StudioError && e.name === 'ValidationError');
    const file = path.join(backend.workspaceDir, 'v.txt');
    await writeFile(file, '1 1\na 0.5\n');
    backend.exports.set('x-abcd1234', { path: file, info: { id: 'x-abcd1234', runId: 'r-abcd', format: 'word2vec-text', fileName: 'v.txt', sizeBytes: 10, createdAt: '' } });
    assert.deepEqual(await studio.api.files.saveExport('x-abcd1234'), { saved: true, location: null });
    assert.deepEqual(downloads, [`http://127.0.0.1:${host.port}/api/exports/x-abcd1234`]);
  });

  test('a wrong token: uploads reject with UnauthorizedError', async () => {
    const bad = createWebStudio({
      baseUrl: `http://127.0.0.1:${host.port}`,
      socketUrl: `ws://127.0.0.1:${host.port}/api/ws`,
      token: 'wrong-token-wrong-token',
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      fetch,
      chooseFiles: async () => [],
      download: () => {},
      connectTimeoutMs: 200,
    });
    await assert.rejects(bad.api.files.fromDrop([new File(['x'], 'x.txt')]), (e: unknown) => e instanceof StudioError && e.name === 'UnauthorizedError');
    await assert.rejects(bad.api.app.info(), (e: unknown) => e instanceof StudioError && /cannot reach the NLP Studio server/.test(e.message));
    bad.close();
  });
});

/** A scriptable socket: the test decides when it opens, closes and what arrives. */
class FakeSocket implements SocketLike {
  static made: FakeSocket[] = [];
  readyState = 0;
  sent: WireMessage[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop(1000, '');
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(code = 1006, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  receive(message: WireMessage) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('ReconnectingSocketPort', () => {
  test('calls made before the socket opens wait, then go out in order', async () => {
    FakeSocket.made = [];
    const port = new ReconnectingSocketPort({ url: 'ws://x/api/ws', createSocket: (u) => new FakeSocket(u) });
    const got: WireMessage[] = [];
    port.onMessage((m) => got.push(m));
    port.send({ type: 'call', id: 1, method: 'app.info', input: {} });
    port.send({ type: 'call', id: 2, method: 'corpus.list', input: {} });
    const s = FakeSocket.made[0]!;
    assert.deepEqual(s.sent, []);
    s.open();
    assert.deepEqual(s.sent.map((m) => (m as { id: number }).id), [1, 2]);
    s.receive({ type: 'result', id: 1, output: { ok: true } });
    s.receive({ type: 'event', event: 'job', payload: 1 });
    assert.deepEqual(got, [{ type: 'result', id: 1, output: { ok: true } }, { type: 'event', event: 'job', payload: 1 }]);
    port.close();
    // Call 2 was in flight when the port closed: it fails rather than hanging.
    assert.equal(got.at(-1)!.type, 'error');
    assert.equal((got.at(-1) as { id: number }).id, 2);
  });

  test('a dropped socket fails its in-flight calls, reconnects with backoff, and later calls succeed', async () => {
    FakeSocket.made = [];
    const statuses: string[] = [];
    const port = new ReconnectingSocketPort({ url: () => 'ws://x/api/ws', createSocket: (u) => new FakeSocket(u), minDelayMs: 5, maxDelayMs: 20, onStatus: (s) => statuses.push(s) });
    const got: WireMessage[] = [];
    port.onMessage((m) => got.push(m));
    FakeSocket.made[0]!.open();
    port.send({ type: 'call', id: 7, method: 'train.start', input: {} });
    FakeSocket.made[0]!.drop(1006);
    const failed = got.find((m) => m.type === 'error' && m.id === 7) as { error: { name: string; message: string } };
    assert.equal(failed.error.name, 'InternalError');
    assert.match(failed.error.message, /train\.start failed: the connection .* was lost/);
    port.send({ type: 'call', id: 8, method: 'app.info', input: {} });
    // The first retry fails too: backoff, then a third socket opens and carries the queued call.
    while (FakeSocket.made.length < 2) await tick();
    FakeSocket.made[1]!.drop(1006);
    while (FakeSocket.made.length < 3) await tick();
    FakeSocket.made[2]!.open();
    assert.deepEqual(FakeSocket.made[2]!.sent, [{ type: 'call', id: 8, method: 'app.info', input: {} }]);
    assert.equal(got.filter((m) => m.type === 'error').length, 1);
    assert.deepEqual(statuses.slice(0, 3), ['connecting', 'open', 'closed']);
    port.close();
  });

  test('a call waiting too long for the connection fails with a clear error', async () => {
    FakeSocket.made = [];
    const port = new ReconnectingSocketPort({ url: 'ws://x/api/ws', createSocket: (u) => new FakeSocket(u), connectTimeoutMs: 30, minDelayMs: 1000 });
    const got: WireMessage[] = [];
    port.onMessage((m) => got.push(m));
    FakeSocket.made[0]!.drop(1006, 'refused');
    port.send({ type: 'call', id: 3, method: 'runs.list', input: {} });
    await tick(60);
    const failed = got[0] as { type: string; id: number; error: { message: string } };
    assert.equal(failed.type, 'error');
    assert.equal(failed.id, 3);
    assert.match(failed.error.message, /runs\.list failed: cannot reach the NLP Studio server \(refused\)/);
    port.close();
  });
});
