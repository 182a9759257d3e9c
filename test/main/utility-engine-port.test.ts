import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ForkOptions } from 'electron';
import type { WireMessage } from '../../contract/protocol.ts';
import { adaptUtilityProcess, toWireMessage, unpackedPath, utilityEngineSpawner } from '../../main/utility-engine-port.ts';

/** Stands in for Electron's UtilityProcess: an emitter with postMessage and kill. */
class FakeUtility extends EventEmitter {
  posted: unknown[] = [];
  killed = 0;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.killed++;
    return true;
  }
}

const call: WireMessage = { type: 'call', id: 1, method: 'app.info', input: {} };

test('messages wait for spawn, then flow both ways; non-wire messages are dropped', () => {
  const child = new FakeUtility();
  const logs: string[] = [];
  const engine = adaptUtilityProcess(child, (l) => logs.push(l));
  const got: WireMessage[] = [];
  engine.port.onMessage((m) => got.push(m));
  engine.port.send(call);
  assert.deepEqual(child.posted, []);
  child.emit('spawn');
  assert.deepEqual(child.posted, [call]);
  engine.port.send({ ...call, id: 2 });
  assert.equal(child.posted.length, 2);
  child.emit('message', { type: 'result', id: 1, output: { version: '1' } });
  child.emit('message', { hello: 'world' });
  child.emit('message', 'text');
  assert.deepEqual(got, [{ type: 'result', id: 1, output: { version: '1' } }]);
  assert.equal(logs.length, 2);
});

test('exit is reported once with (code, null); sends and kill after exit are no-ops; late onExit still hears it', async () => {
  const child = new FakeUtility();
  const engine = adaptUtilityProcess(child, () => {});
  const exits: [number | null, string | null][] = [];
  engine.onExit((code, signal) => exits.push([code, signal]));
  child.emit('spawn');
  engine.kill();
  assert.equal(child.killed, 1);
  child.emit('exit', 137);
  assert.deepEqual(exits, [[137, null]]);
  engine.port.send(call);
  assert.deepEqual(child.posted, []);
  engine.kill();
  assert.equal(child.killed, 1);
  const late = await new Promise<number | null>((resolve) => engine.onExit((code) => resolve(code)));
  assert.equal(late, 137);
});

test('an engine that exits before spawning drops what it held', () => {
  const child = new FakeUtility();
  const engine = adaptUtilityProcess(child, () => {});
  engine.port.send(call);
  child.emit('exit', 1);
  child.emit('spawn');
  assert.deepEqual(child.posted, []);
});

test('toWireMessage accepts only the four message types', () => {
  assert.deepEqual(toWireMessage(call), call);
  assert.equal(toWireMessage({ type: 'other' }), null);
  assert.equal(toWireMessage(null), null);
});

test('the engine starts from the unpacked copy of the asar, with the workspace in its environment', () => {
  assert.equal(unpackedPath('/opt/NLP Studio/resources/app.asar/dist/engine/engine-main.cjs'), '/opt/NLP Studio/resources/app.asar.unpacked/dist/engine/engine-main.cjs');
  assert.equal(unpackedPath('C:\\Apps\\NLP\\resources\\app.asar\\dist\\engine\\engine-main.cjs'), 'C:\\Apps\\NLP\\resources\\app.asar.unpacked\\dist\\engine\\engine-main.cjs');
  assert.equal(unpackedPath('/work/main/dist/engine/engine-main.cjs'), '/work/main/dist/engine/engine-main.cjs');
  const forks: { modulePath: string; options: ForkOptions }[] = [];
  const spawn = utilityEngineSpawner({
    fork: (modulePath, _args, options) => {
      forks.push({ modulePath, options });
      return new FakeUtility();
    },
    enginePath: '/x/resources/app.asar/dist/engine/engine-main.cjs',
    workspaceDir: '/data/ws',
    backend: 'cpu',
  });
  spawn();
  spawn(); // a restart forks a fresh process
  assert.equal(forks.length, 2);
  assert.equal(forks[0]!.modulePath, '/x/resources/app.asar.unpacked/dist/engine/engine-main.cjs');
  const env = forks[0]!.options.env as Record<string, string | undefined>;
  assert.equal(env.NLP_STUDIO_WORKSPACE, '/data/ws');
  assert.equal(env.NLP_STUDIO_BACKEND, 'cpu');
  assert.equal(forks[0]!.options.serviceName, 'NLP Studio engine');
});

test("the desktop engine's output is piped: its last lines are kept for the crash banner", () => {
  const child = Object.assign(new FakeUtility(), { stdout: new PassThrough(), stderr: new PassThrough(), pid: 4321 });
  let options: ForkOptions | null = null;
  const spawn = utilityEngineSpawner({
    fork: (_path, _args, o) => ((options = o), child),
    enginePath: '/x/dist/engine/engine-main.cjs',
    workspaceDir: '/data/ws',
  });
  const engine = spawn();
  assert.equal(options!.stdio, 'pipe');
  child.stdout.write('[engine] ready\n');
  child.stderr.write('[engine] fatal: out of memory\n');
  assert.deepEqual(engine.logTail?.(), ['[engine] ready', '[engine] fatal: out of memory']);
  assert.equal(engine.pid, 4321);
});
