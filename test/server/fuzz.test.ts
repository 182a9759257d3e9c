/**
 * Fuzzing the contract through a real web host (its own process, the real backend, a forked engine, HOME and TMPDIR
 * pointed into a temp folder): every studio method gets malformed payloads — wrong types, missing and extra keys,
 * huge strings, 10,000-level nesting, path traversal and forged handles in names and ids — and the raw WebSocket
 * layer gets frames that are not calls. Every answer must be a typed error without stack or server paths (or, for a
 * call whose values were all plausible, a result), the host must keep answering, and nothing outside the workspace
 * may change. Seeded: FUZZ_SEED=<n> reproduces a run; FUZZ_PER_METHOD=<n> payloads a method; FUZZ_VERBOSE=1 prints
 * what the answers were.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { studioMethods } from '../../contract/methods.ts';
import { seededRandom } from '../../engine/random.ts';
import type { WireMessage } from '../../contract/protocol.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const PER_METHOD = Number(process.env.FUZZ_PER_METHOD ?? 24);

/**
 * Payloads are JSON text built by hand: JSON.stringify of 10,000 levels would overflow this process's stack before
 * the host ever saw it.
 */
type Json = string;
const j = (value: unknown): Json => JSON.stringify(value);
const obj = (entries: [string, Json][]): Json => `{${entries.map(([k, v]) => `${j(k)}:${v}`).join(',')}}`;

/** `depth` arrays or objects inside each other. */
function deep(depth: number, kind: 'array' | 'object'): Json {
  return kind === 'array' ? `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`;
}

let root = '';
let workspace = '';
let sentinel = '';

function hostileStrings(): string[] {
  return [
    '../../etc/passwd',
    '..\\..\\windows\\win.ini',
    'c-../..',
    'r-../../sentinel',
    'x-../../../etc',
    'j-../..',
    'fh-../../etc/passwd',
    `fh-${'A'.repeat(22)}`, // a forged handle of the right shape
    '/etc/passwd',
    path.join(sentinel, 'victim.txt'),
    path.join(workspace, '..', 'sentinel', 'victim.txt'),
    'C:\\Windows\\System32\\config',
    'c-abcd\u0000/../../x',
    'a\u0000b',
    '%2e%2e%2f%2e%2e%2fetc',
    'file:///etc/passwd',
    '',
    ' ',
    '\uffff\ud800',
    `c-${'a'.repeat(5000)}`,
    '__proto__',
  ];
}

/** Values that pass the id and handle patterns, and hostile names where any string is allowed. */
const plausible = (): Json[] =>
  ['"c-aaaa-0000"', '"r-----"', '"j-abcd"', '"x-abcd1234"', j(`fh-${'A'.repeat(22)}`), j([`fh-${'B'.repeat(22)}`]), '"../../sentinel/victim.txt"', j(path.join(sentinel, 'victim.txt')), '"king"', '5', '{}', 'true'];

const wrongValues = (): Json[] => ['42', '-1', '1e308', '0.5', 'true', 'false', 'null', '[]', '{}', '[1,"a"]', '{"a":{"b":{}}}', '{"__proto__":{"polluted":true}}'];

/** Payloads for one method, by construction never valid: each must be refused (or name nothing that exists). */
function payloadsFor(keys: string[], random: () => number, count: number): Json[] {
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const strings = hostileStrings();
  const anyBad = (): Json => {
    const r = random();
    if (r < 0.5) return j(pick(strings));
    if (r < 0.95) return pick(wrongValues());
    return deep(10_000, random() < 0.5 ? 'array' : 'object');
  };
  const out: Json[] = [
    pick(['42', '"a string"', 'true', '[1,2]', deep(10_000, 'array')]), // not an object at all
    obj([...keys.map((k): [string, Json] => [k, anyBad()]), [pick(['__proto__', 'constructor', 'path', 'paths', 'extra']), j(pick(strings))]]), // an extra key
    deep(10_000, 'object'),
    // A huge string in one key (1 MiB: frames over 4 MiB never reach dispatch, see the raw-layer test).
    obj([[keys.length > 0 ? pick(keys) : 'x', j(`${pick(strings)}${'x'.repeat(2 ** 20)}`)]]),
  ];
  while (out.length < count) {
    const entries: [string, Json][] = [];
    if (random() < 0.35) {
      // Near-valid: ids of the right shape that name nothing, forged handles, traversal in free-form names. These
      // may pass validation and reach the real handlers and engine.
      for (const k of keys) entries.push([k, pick(plausible())]);
      out.push(obj(entries));
      continue;
    }
    for (const k of keys) if (random() < 0.7) entries.push([k, anyBad()]);
    if (keys.length === 0 || random() < 0.2) entries.push([pick(['x', 'file', 'path', 'workspace', '__proto__']), anyBad()]);
    out.push(obj(entries));
  }
  return out.slice(0, count);
}

/** Whether a payload was built from plausible values only (the near-valid kind). */
function plausibleOnly(input: Json): boolean {
  const pool = new Set(plausible());
  if (input === '{}') return true;
  const parsed = JSON.parse(input) as Record<string, unknown>;
  return typeof parsed === 'object' && parsed !== null && Object.values(parsed).every((v) => pool.has(JSON.stringify(v)));
}

/** Path → size, mtime and hash of every file under `dir` (`skip` filters top-level names). */
async function snapshot(dir: string, skip: (name: string) => boolean = () => false): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(d: string, rel: string): Promise<void> {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      if (rel === '' && skip(entry.name)) continue;
      const full = path.join(d, entry.name);
      const r = path.join(rel, entry.name);
      if (entry.isDirectory()) {
        out.set(`${r}/`, 'dir');
        await walk(full, r);
      } else {
        const info = await stat(full);
        out.set(r, `${info.size}:${info.mtimeMs}:${createHash('sha1').update(await readFile(full)).digest('hex')}`);
      }
    }
  }
  await walk(dir, '');
  return out;
}

let child: ChildProcess;
let port = 0;
let token = '';
let childLog = '';

async function connect(): Promise<{ socket: WebSocket; call: (id: number, method: string, input: unknown) => Promise<WireMessage>; callRaw: (id: number, method: string, input: Json) => Promise<WireMessage> }> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, { headers: { Authorization: `Bearer ${token}` }, maxPayload: 64 * 2 ** 20 });
  const waiting = new Map<number, { resolve: (m: WireMessage) => void; reject: (e: Error) => void }>();
  socket.on('message', (data) => {
    const m = JSON.parse(data.toString()) as WireMessage;
    if ((m.type === 'result' || m.type === 'error') && waiting.has(m.id)) {
      waiting.get(m.id)!.resolve(m);
      waiting.delete(m.id);
    }
  });
  socket.on('error', () => undefined);
  socket.on('close', (code) => {
    for (const [id, w] of waiting) w.reject(new Error(`socket closed (${code}) waiting for call #${id}`));
    waiting.clear();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const callRaw = (id: number, method: string, input: Json) =>
    new Promise<WireMessage>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      socket.send(`{"type":"call","id":${id},"method":${j(method)},"input":${input}}`, (error) => error && reject(error));
    });
  return { socket, call: (id, method, input) => callRaw(id, method, j(input)), callRaw };
}

async function hostAnswers(): Promise<void> {
  assert.equal(child.exitCode, null, `the host process exited:\n${childLog}`);
  const { socket, call } = await connect();
  const reply = await call(1, 'app.info', {});
  assert.equal(reply.type, 'result', JSON.stringify(reply));
  socket.close();
}

function summary(input: unknown): string {
  const text = typeof input === 'string' ? input : (JSON.stringify(input) ?? String(input));
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}

let before_: { outside: Map<string, string>; home: Map<string, string>; tmp: Map<string, string> };
const takeSnapshots = async () => ({
  outside: await snapshot(root, (n) => n === 'workspace' || n === 'home' || n === 'tmp'),
  home: await snapshot(path.join(root, 'home')),
  tmp: await snapshot(path.join(root, 'tmp'), (n) => n.startsWith('tsx-')), // tsx's compile cache
});

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-fuzz-'));
  workspace = path.join(root, 'workspace');
  sentinel = path.join(root, 'sentinel');
  for (const d of [workspace, sentinel, path.join(root, 'home'), path.join(root, 'tmp')]) await mkdir(d, { recursive: true });
  await writeFile(path.join(sentinel, 'victim.txt'), 'do not touch\n');
  await writeFile(path.join(sentinel, 'passwd'), 'root:x:0:0\n');
  child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fuzz-host.ts')], {
    env: { ...process.env, HOME: path.join(root, 'home'), TMPDIR: path.join(root, 'tmp'), NLP_STUDIO_WORKSPACE: workspace, FUZZ_RENDERER_DIR: path.join(root, 'renderer'), NLP_STUDIO_DEBUG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => (childLog += d.toString()));
  const ready = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`fuzz host exited with ${code}:\n${childLog}`)));
  });
  ({ port, token } = ready);
  await hostAnswers(); // the engine is up
  before_ = await takeSnapshots();
});

after(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  if (root) await rm(root, { recursive: true, force: true });
});

/** Names that say what was wrong with the call; InternalError or a crashed engine would be a bug. */
const TYPED = new Set(['ValidationError', 'UnknownMethodError', 'NotFoundError', 'ImportError', 'UnauthorizedError']);

describe(`contract fuzz (FUZZ_SEED=${SEED})`, () => {
  test('every studio method: malformed payloads get typed errors without stack or server paths', async () => {
    const random = seededRandom(SEED);
    const { socket, callRaw } = await connect();
    const problems: string[] = [];
    let id = 100;
    let calls = 0;
    const names = new Map<string, number>();
    for (const [method, def] of Object.entries(studioMethods)) {
      const keys = Object.keys((def.input as unknown as { shape?: object }).shape ?? {});
      const payloads = payloadsFor(keys, random, PER_METHOD);
      const replies = await Promise.all(payloads.map((input) => callRaw(++id, method, input).then((reply) => ({ input, reply }))));
      for (const { input, reply } of replies) {
        calls++;
        if (reply.type !== 'error') {
          // Only a call that validated can succeed, and only one whose every value was a plausible one.
          if (!plausibleOnly(input)) problems.push(`${method} ${summary(input)} → ${reply.type} ${summary((reply as { output?: unknown }).output)}`);
          names.set('(result)', (names.get('(result)') ?? 0) + 1);
          if (process.env.FUZZ_VERBOSE) console.log('RESULT', method, summary(input), summary((reply as { output?: unknown }).output).slice(0, 100));
          continue;
        }
        const e = reply.error;
        names.set(e.name, (names.get(e.name) ?? 0) + 1);
        const text = JSON.stringify(e);
        if (!TYPED.has(e.name)) problems.push(`${method} ${summary(input)} → ${e.name}: ${e.message.slice(0, 300)}`);
        if (e.stack !== undefined || text.includes(root)) problems.push(`${method} ${summary(input)} → leaks a stack or a server path: ${text.slice(0, 300)}`);
      }
    }
    socket.close();
    assert.deepEqual(problems, [], `seed ${SEED}: ${problems.length} of ${calls} calls`);
    assert.ok(calls >= Object.keys(studioMethods).length * PER_METHOD);
    // Not all refused at the door: some passed validation and were answered by the real handlers and engine.
    assert.ok(names.get('ValidationError')! > 0 && names.get('NotFoundError')! > 0, JSON.stringify([...names]));
    if (process.env.FUZZ_VERBOSE) console.log(JSON.stringify([...names]));
    await hostAnswers();
  });

  test('unknown and hostile method names are UnknownMethodError', async () => {
    const { socket, call } = await connect();
    let id = 10_000;
    for (const method of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'host.pickFiles', 'host.registerDropped', 'export.locate', '../corpus.list', 'corpus.list\u0000', '', 'x'.repeat(100_000)]) {
      const reply = await call(++id, method, { paths: ['/etc/passwd'] });
      assert.equal(reply.type, 'error', method.slice(0, 40));
      assert.equal((reply as { error: { name: string } }).error.name, 'UnknownMethodError', method.slice(0, 40));
    }
    socket.close();
    await hostAnswers();
  });

  test('the raw WebSocket layer: non-JSON, binary, huge, deeply nested and unknown frames close or are ignored; the host lives', async () => {
    const frames: [string, (s: WebSocket) => void, number | 'open'][] = [
      ['not JSON', (s) => s.send('{"type":"call",'), 1007],
      ['binary', (s) => s.send(Buffer.from([0xff, 0x00, 0x01])), 1003],
      ['huge (10 MB)', (s) => s.send('x'.repeat(10 * 2 ** 20)), 1009], // or 1006: the server may cut the socket mid-frame
      ['a million nested arrays', (s) => s.send(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`), 1007],
      ['a JSON string', (s) => s.send('"call"'), 1007],
      ['null', (s) => s.send('null'), 1007],
      ['id not a number', (s) => s.send(JSON.stringify({ type: 'call', id: '1', method: 'app.info' })), 1007],
      ['id not an integer', (s) => s.send(JSON.stringify({ type: 'call', id: 1.5, method: 'app.info' })), 1007],
      ['id beyond 2^53', (s) => s.send(`{"type":"call","id":123456789012345678901234567890,"method":"app.info"}`), 1007],
      ['method not a string', (s) => s.send(JSON.stringify({ type: 'call', id: 1, method: ['app.info'] })), 1007],
      ['unknown type', (s) => s.send(JSON.stringify({ type: 'shutdown', id: 1 })), 'open'],
      ['a result from the client', (s) => s.send(JSON.stringify({ type: 'result', id: 1, output: {} })), 'open'],
      ['an event from the client', (s) => s.send(JSON.stringify({ type: 'event', event: 'engine', payload: { type: 'crashed' } })), 'open'],
      ['prototype pollution', (s) => s.send('{"type":"call","id":7,"method":"app.info","__proto__":{"polluted":true},"input":{"__proto__":{"x":1}}}'), 'open'],
    ];
    for (const [name, send, expected] of frames) {
      const { socket, call } = await connect();
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      send(socket);
      if (expected === 'open') {
        // Still serving on the same socket.
        const reply = await call(99, 'corpus.list', {});
        assert.equal(reply.type, 'result', name);
        socket.close();
      } else {
        const code = await closed;
        assert.ok(code === expected || (expected === 1009 && code === 1006), `${name}: closed with ${code}, expected ${expected}`);
      }
    }
    // JSON.parse is iterative, so 600,000 levels reach dispatch as a call: zod must refuse them without recursing.
    const { socket, callRaw } = await connect();
    for (const kind of ['object', 'array'] as const) {
      const reply = await callRaw(kind === 'object' ? 5 : 6, 'corpus.get', kind === 'object' ? deep(600_000, kind) : `{"id":${deep(600_000, kind)}}`);
      assert.equal(reply.type, 'error', kind);
      assert.equal((reply as { error: { name: string } }).error.name, 'ValidationError', kind);
    }
    socket.close();
    await hostAnswers();
  });

  test('uploads and downloads with hostile names stay inside the workspace', async () => {
    const send = (pathname: string, method: string, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: pathname, method, headers: { Authorization: `Bearer ${token}` } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        });
        req.on('error', reject);
        req.end(body);
      });
    for (const name of hostileStrings()) {
      const status = await send(`/api/upload?name=${encodeURIComponent(name.replace(/[\ud800-\udfff]/g, '\ufffd'))}`, 'POST', 'payload');
      assert.ok(status === 200 || status === 400, `${summary(name)} → ${status}`);
    }
    for (const p of ['/api/exports/..%2f..%2fsentinel%2fvictim.txt', '/api/exports/%2fetc%2fpasswd', '/api/exports/x-%00', '/../../sentinel/victim.txt', '/%2e%2e/%2e%2e/sentinel/victim.txt']) {
      const status = await send(p, 'GET');
      assert.ok(status === 400 || status === 404, `${p} → ${status}`);
    }
    const stored = await readdir(path.join(workspace, '.uploads'));
    assert.ok(stored.length > 0 && stored.every((n) => /^u-[0-9a-f]{32}(\.[a-z0-9]{1,10})?$/.test(n)), stored.join(', '));
    await hostAnswers();
  });

  test('nothing outside the workspace was created or changed (sentinel beside it, HOME, TMPDIR)', async () => {
    const now = await takeSnapshots();
    assert.deepEqual(now.outside, before_.outside);
    assert.deepEqual(now.home, before_.home);
    assert.deepEqual(now.tmp, before_.tmp);
    assert.equal(await readFile(path.join(sentinel, 'victim.txt'), 'utf8'), 'do not touch\n');
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
  });
});
