import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { appResponse, handleAppProtocol, registerAppScheme } from '../../main/app-protocol.ts';
import { resolveStaticPath } from '../../engine/host/renderer-files.ts';

let root: string;
let rendererDir: string;

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-app-'));
  rendererDir = path.join(root, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>NLP Studio</title>');
  await writeFile(path.join(rendererDir, 'assets', 'index-abc.js'), 'export {}');
  await writeFile(path.join(root, 'secret.txt'), 'secret');
});
after(() => rm(root, { recursive: true, force: true }));

test('app://studio serves the renderer with CSP and JavaScript MIME types', async () => {
  const page = await appResponse('app://studio/index.html', 'GET', rendererDir);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(page.headers.get('content-security-policy')!, /script-src 'self'.*frame-ancestors 'none'/);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(await page.text(), '<!doctype html><title>NLP Studio</title>');
  const root = await appResponse('app://studio/', 'GET', rendererDir);
  assert.equal(await root.text(), '<!doctype html><title>NLP Studio</title>');
  const js = await appResponse('app://studio/assets/index-abc.js', 'GET', rendererDir);
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  const route = await appResponse('app://studio/runs/r-abcd', 'GET', rendererDir);
  assert.equal(route.status, 200);
  assert.equal((await appResponse('app://studio/assets/missing.js', 'GET', rendererDir)).status, 404);
});

test('nothing outside dist/renderer, no other host, no writes', async () => {
  for (const url of ['app://studio/%2e%2e/secret.txt', 'app://studio/assets/..%2f..%2fsecret.txt', 'app://studio/..%5csecret.txt', 'app://other/index.html', 'file:///etc/passwd', 'app://studio/%00']) {
    const r = await appResponse(url, 'GET', rendererDir);
    assert.equal(r.status, 404, url);
    assert.notEqual(await r.text(), 'secret');
  }
  assert.equal((await appResponse('app://studio/index.html', 'POST', rendererDir)).status, 405);
});

test('resolveStaticPath keeps every path inside the root', () => {
  const base = path.resolve(rendererDir);
  assert.equal(resolveStaticPath(base, '/'), path.join(base, 'index.html'));
  assert.equal(resolveStaticPath(base, '/assets/a%20b.js'), path.join(base, 'assets', 'a b.js'));
  for (const p of ['/../x', '/a/../../x', '/%2e%2e/x', '/%2E%2E%2Fx', '/%zz', '/.git/config', '//etc/passwd/../..', '/a\\..\\..\\x']) {
    assert.equal(resolveStaticPath(base, p), null, p);
  }
});

test('the scheme is registered privileged and handled', () => {
  const registered: unknown[] = [];
  registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
  assert.deepEqual(registered, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  let scheme = '';
  handleAppProtocol({ handle: (s) => void (scheme = s) }, rendererDir);
  assert.equal(scheme, 'app');
});
