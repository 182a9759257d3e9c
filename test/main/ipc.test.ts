import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StudioError, toStudioError } from '../../contract/errors.ts';
import { createHostHandlers } from '../../main/host-actions.ts';
import { copyFileAtomic } from '../../engine/workspace/atomic.ts';
import type { HostDialogs } from '../../main/host-actions.ts';
import { IpcChannel } from '../../contract/ipc-channels.ts';
import { createIpcRouter, isTrustedRendererUrl, isTrustedSender, refusal } from '../../main/ipc.ts';
import { createPreloadApi } from '../../preload/api.ts';
import { createFakeBackend } from '../server/fake-backend.ts';
import type { FakeBackend } from '../server/fake-backend.ts';

let backend: FakeBackend;
let dialogs: HostDialogs & { open: string[]; save: string | null };

before(async () => {
  backend = await createFakeBackend();
  dialogs = {
    open: [],
    save: null,
    openFiles: async () => dialogs.open,
    saveFile: async () => dialogs.save,
  };
});
after(() => backend.cleanup());

test('the three IPC channels', () => {
  assert.deepEqual(Object.values(IpcChannel).sort(), ['studio:call', 'studio:event', 'studio:host']);
});

describe('sender checks', () => {
  test('only app://studio pages are trusted', () => {
    assert.ok(isTrustedRendererUrl('app://studio/index.html'));
    assert.ok(isTrustedRendererUrl('app://studio/runs/r-abcd#x'));
    for (const url of ['file:///index.html', 'app://other/index.html', 'http://studio/', 'https://evil.example/', 'devtools://devtools/', 'not a url', '']) {
      assert.ok(!isTrustedRendererUrl(url), url);
    }
  });

  test('the sender must be our webContents, its top frame, showing our renderer', () => {
    const ours = {};
    const top = { url: 'app://studio/index.html', parent: null };
    assert.ok(isTrustedSender({ sender: ours, senderFrame: top }, ours));
    assert.ok(!isTrustedSender({ sender: {}, senderFrame: top }, ours), 'another window');
    assert.ok(!isTrustedSender({ sender: ours, senderFrame: null }, ours), 'frame gone');
    assert.ok(!isTrustedSender({ sender: ours, senderFrame: { url: 'app://studio/x.html', parent: top } }, ours), 'an iframe');
    assert.ok(!isTrustedSender({ sender: ours, senderFrame: { url: 'https://evil.example/', parent: null } }, ours), 'navigated away');
    const refused = refusal(IpcChannel.call);
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.error.name, 'UnauthorizedError');
  });
});

describe('IPC router', () => {
  test('studio:call dispatches studioMethods only; studio:host hostMethods only', async () => {
    const router = createIpcRouter(backend.handlers, createHostHandlers(backend, dialogs));
    const info = await router.call({ method: 'app.info', input: {} });
    assert.equal(info.ok && (info.value as { version: string }).version, '0.1.0-test');
    const bad = await router.call({ method: 'corpus.get', input: { id: '../x' } });
    assert.equal(!bad.ok && bad.error.name, 'ValidationError');
    const hostViaCall = await router.call({ method: 'host.registerDropped', input: { paths: ['/etc/passwd'] } });
    assert.equal(!hostViaCall.ok && hostViaCall.error.name, 'UnknownMethodError');
    const studioViaHost = await router.host({ method: 'app.info', input: {} });
    assert.equal(!studioViaHost.ok && studioViaHost.error.name, 'UnknownMethodError');
    for (const payload of [null, 'app.info', { method: 3 }, []]) {
      const r = await router.call(payload);
      assert.equal(!r.ok && r.error.name, 'ValidationError');
    }
  });
});

describe('host actions', () => {
  test('pickFiles registers what the dialog returned; cancel gives []', async () => {
    const host = createHostHandlers(backend, dialogs);
    const file = path.join(backend.workspaceDir, 'picked.txt');
    await writeFile(file, 'a b c\n');
    dialogs.open = [file];
    const [picked] = await host['host.pickFiles']({});
    assert.deepEqual([picked!.name, picked!.sizeBytes], ['picked.txt', 6]);
    assert.equal(backend.files.resolve(picked!.handle).path, file);
    dialogs.open = [];
    assert.deepEqual(await host['host.pickFiles']({}), []);
  });

  test("setLocale hands the renderer's language to main (menus, notifications); the router refuses any other", async () => {
    const told: string[] = [];
    const router = createIpcRouter(backend.handlers, createHostHandlers(backend, dialogs, (locale) => told.push(locale)));
    assert.deepEqual(await router.host({ method: 'host.setLocale', input: { locale: 'zh-CN' } }), { ok: true, value: { locale: 'zh-CN' } });
    const bad = await router.host({ method: 'host.setLocale', input: { locale: 'fr' } });
    assert.equal(!bad.ok && bad.error.name, 'ValidationError');
    assert.deepEqual(told, ['zh-CN']);
  });

  test('registerDropped takes files and folders, and refuses missing paths and devices', async () => {
    const host = createHostHandlers(backend, dialogs);
    await assert.rejects(host['host.registerDropped']({ paths: [path.join(backend.workspaceDir, 'nope.txt')] }), (e: unknown) => e instanceof StudioError && e.name === 'ImportError');
    await assert.rejects(host['host.registerDropped']({ paths: ['/dev/null'] }), (e: unknown) => e instanceof StudioError && e.name === 'ImportError');
    const [folder] = await host['host.registerDropped']({ paths: [backend.workspaceDir] });
    assert.equal(backend.files.resolve(folder!.handle).path, backend.workspaceDir);
  });

  test('saveExport copies the export where the user chose, atomically; cancel saves nothing', async () => {
    const source = path.join(backend.workspaceDir, 'exports', 'x-save0001.bin');
    await mkdir(path.dirname(source), { recursive: true });
    await writeFile(source, Buffer.from([1, 2, 3, 4]));
    backend.exports.set('x-save0001', { path: source, info: { id: 'x-save0001', runId: 'r-abcd', format: 'word2vec-bin', fileName: 'v.bin', sizeBytes: 4, createdAt: '' } });
    const host = createHostHandlers(backend, dialogs);
    dialogs.save = null;
    assert.deepEqual(await host['host.saveExport']({ id: 'x-save0001' }), { saved: false, location: null });
    const outDir = path.join(backend.workspaceDir, 'out');
    await mkdir(outDir);
    const target = path.join(outDir, 'mine.bin');
    await writeFile(target, 'old');
    dialogs.save = target;
    assert.deepEqual(await host['host.saveExport']({ id: 'x-save0001' }), { saved: true, location: target });
    assert.deepEqual([...(await readFile(target))], [1, 2, 3, 4]);
    assert.deepEqual(await readdir(outDir), ['mine.bin'], 'no temporary file left');
    await assert.rejects(host['host.saveExport']({ id: 'x-missing1' }), (e: unknown) => e instanceof StudioError && e.name === 'NotFoundError');
  });

  test('a failed copy leaves the old file and no temporary', async () => {
    const dir = path.join(backend.workspaceDir, 'copy');
    await mkdir(dir);
    const target = path.join(dir, 'keep.txt');
    await writeFile(target, 'keep');
    await assert.rejects(copyFileAtomic(path.join(dir, 'missing'), target));
    assert.equal(await readFile(target, 'utf8'), 'keep');
    assert.deepEqual(await readdir(dir), ['keep.txt']);
  });
});

describe('preload api over the router (the whole Electron IPC path, minus Electron)', () => {
  function wire(getPath: (f: File) => string = (f) => (f as File & { path?: string }).path ?? '') {
    const router = createIpcRouter(backend.handlers, createHostHandlers(backend, dialogs));
    const eventListeners = new Set<(payload: unknown) => void>();
    const invoked: string[] = [];
    const api = createPreloadApi(
      {
        // Electron's IPC copies with structured clone (Uint8Arrays survive, functions and class identity do not).
        invoke: async (channel, payload) => {
          invoked.push(channel);
          const copy = structuredClone(payload);
          if (channel === IpcChannel.call) return router.call(copy);
          if (channel === IpcChannel.host) return router.host(copy);
          throw new Error(`No handler registered for '${channel}'`);
        },
        on: (channel, listener) => {
          assert.equal(channel, IpcChannel.event);
          eventListeners.add(listener);
          return () => eventListeners.delete(listener);
        },
      },
      getPath,
    );
    const push = (event: string, payload: unknown) => eventListeners.forEach((l) => l({ event, payload }));
    return { api, push, invoked };
  }

  test('calls resolve; failures reject with plain ErrorData that toStudioError rebuilds', async () => {
    const { api } = wire();
    assert.equal((await api.app.info()).version, '0.1.0-test');
    const rejection = await api.corpus.get({ id: 'c-abcd' }).then(() => null, (e: unknown) => e);
    assert.ok(!(rejection instanceof Error), 'plain data crosses contextBridge intact');
    assert.equal((rejection as { name: string }).name, 'NotFoundError');
    const rebuilt = toStudioError(rejection);
    assert.ok(rebuilt instanceof StudioError);
    assert.equal(rebuilt.name, 'NotFoundError');
    assert.equal(rebuilt.message, 'No corpus c-abcd');
  });

  test('events reach the listeners of their name until unsubscribed', () => {
    const { api, push } = wire();
    const jobs: unknown[] = [];
    const off = api.on('job', (p) => jobs.push(p));
    push('job', { type: 'cancelled', jobId: 'j-abcd' });
    push('engine', { type: 'crashed' });
    off();
    push('job', { type: 'cancelled', jobId: 'j-efgh' });
    assert.deepEqual(jobs, [{ type: 'cancelled', jobId: 'j-abcd' }]);
  });

  test('files go through studio:host: fromDrop by path or bytes, pick by dialog, saveExport by dialog', async () => {
    const { api, invoked } = wire();
    const file = path.join(backend.workspaceDir, 'dropped.csv');
    await writeFile(file, 'text\nhello\n');
    const dropped = Object.assign(new File(['ignored'], 'dropped.csv'), { path: file });
    const [picked] = await api.files.fromDrop([dropped]);
    assert.equal(picked!.name, 'dropped.csv');
    assert.equal(backend.files.resolve(picked!.handle).path, file);
    assert.deepEqual(await api.files.fromDrop([]), []);
    // A File with no path on disk (a synthetic drop, text dragged from another app) is stored from its bytes.
    const [inMemory] = await api.files.fromDrop([new File(['in memory'], 'made-up.txt')]);
    assert.equal(inMemory!.name, 'made-up.txt');
    const stored = backend.files.resolve(inMemory!.handle).path;
    assert.ok(stored.startsWith(path.join(backend.workspaceDir, '.uploads')));
    assert.equal(await readFile(stored, 'utf8'), 'in memory');
    dialogs.open = [];
    assert.deepEqual(await api.files.pick(), []);
    dialogs.save = null;
    assert.deepEqual(await api.files.saveExport('x-save0001'), { saved: false, location: null });
    assert.ok(invoked.includes(IpcChannel.host));
  });
});
