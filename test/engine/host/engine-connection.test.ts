// The host side of the engine link, with a fake engine process over an in-memory port pair: crashes fail waiting
// calls and running jobs, tell every window, and start a new engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPortPair } from '../../../contract/protocol.ts';
import type { MessagePortLike } from '../../../contract/protocol.ts';
import { EngineConnection } from '../../../engine/host/engine-connection.ts';
import { EngineEvent } from '../../../contract/events.ts';
import type { EngineProcess } from '../../../engine/host/engine-process.ts';

interface FakeEngine extends EngineProcess {
  inside: MessagePortLike;
  crash(): void;
}

function fakeSpawner() {
  const spawned: FakeEngine[] = [];
  const spawn = (): FakeEngine => {
    const [outside, inside] = createPortPair();
    let exit: (code: number | null, signal: string | null) => void = () => {};
    const engine: FakeEngine = {
      port: outside,
      inside,
      kill: () => queueMicrotask(() => exit(null, 'SIGKILL')),
      onExit: (l) => (exit = l),
      crash: () => exit(134, null),
      logTail: () => [`engine ${spawned.length} starting`, 'Error: out of memory'],
    };
    // Answer every call after a while, unless the engine dies first.
    inside.onMessage((m) => m.type === 'call' && setTimeout(() => inside.send({ type: 'result', id: m.id, output: { method: m.method } }), 30));
    spawned.push(engine);
    return engine;
  };
  return { spawn, spawned };
}

test('calls are answered; a crash fails pending calls and running jobs, reports it, and restarts', async () => {
  const { spawn, spawned } = fakeSpawner();
  const connection = new EngineConnection(spawn);
  const events: { event: string; payload: any }[] = [];
  connection.onEvent((event, payload) => events.push({ event, payload }));
  assert.deepEqual(await connection.call('corpus.list', {}), { method: 'corpus.list' });

  spawned[0].inside.send({ type: 'event', event: 'job', payload: { type: 'started', job: { jobId: 'j-test-0001', kind: 'train', title: 't', startedAt: '', runId: 'r-test', fraction: 0 } } });
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(connection.isRunning('j-test-0001'), true);

  const pending = connection.call('runs.list', {});
  spawned[0].crash();
  await assert.rejects(pending, { name: 'EngineCrashedError' });
  const failed = events.find((e) => e.event === 'job' && e.payload.type === 'failed');
  assert.equal(failed?.payload.jobId, 'j-test-0001');
  const crashed = events.find((e) => e.event === 'engine');
  assert.deepEqual([crashed?.payload.type, crashed?.payload.restarting], ['crashed', true]);
  // The windows learn which job (and run) was lost and what the engine printed last.
  assert.deepEqual(crashed?.payload.jobs.map((j: any) => [j.jobId, j.runId]), [['j-test-0001', 'r-test']]);
  assert.deepEqual(crashed?.payload.log, ['engine 1 starting', 'Error: out of memory']);
  assert.equal(EngineEvent.safeParse(crashed?.payload).success, true, 'the crash event fits the contract');
  assert.equal(spawned.length, 2, 'a new engine was started');
  assert.deepEqual(await connection.call('runs.list', {}), { method: 'runs.list' });
  await connection.dispose();
});

test('a hard cancel kills the engine and reports the job cancelled, not failed', async () => {
  const { spawn, spawned } = fakeSpawner();
  const connection = new EngineConnection(spawn);
  const events: any[] = [];
  connection.onEvent((event, payload) => event === 'job' && events.push(payload));
  spawned[0].inside.send({ type: 'event', event: 'job', payload: { type: 'started', job: { jobId: 'j-test-0002', kind: 'train', title: 't', startedAt: '', runId: null, fraction: 0 } } });
  await new Promise((r) => setTimeout(r, 5));
  const engineEvents: any[] = [];
  connection.onEvent((event, payload) => event === 'engine' && engineEvents.push(payload));
  connection.killForCancel('j-test-0002');
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(events.at(-1), { type: 'cancelled', jobId: 'j-test-0002' });
  assert.deepEqual(engineEvents, [], 'a deliberate restart is not a crash to show');
  assert.equal(spawned.length, 2, 'a new engine was started');
  assert.deepEqual(await connection.call('runs.list', {}), { method: 'runs.list' });
  await connection.dispose();
});

test('a hard cancel while another job runs: that other job is reported lost, the cancelled one is not', async () => {
  const { spawn, spawned } = fakeSpawner();
  const connection = new EngineConnection(spawn);
  const crashes: any[] = [];
  connection.onEvent((event, payload) => event === 'engine' && crashes.push(payload));
  for (const jobId of ['j-test-0005', 'j-test-0006']) {
    spawned[0].inside.send({ type: 'event', event: 'job', payload: { type: 'started', job: { jobId, kind: 'train', title: jobId, startedAt: '', runId: null, fraction: 0 } } });
  }
  await new Promise((r) => setTimeout(r, 5));
  connection.killForCancel('j-test-0005');
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(crashes.map((c) => c.jobs.map((j: any) => j.jobId)), [['j-test-0006']]);
  await connection.dispose();
});

test('an engine that keeps crashing is not restarted forever', async () => {
  const { spawn, spawned } = fakeSpawner();
  const connection = new EngineConnection(spawn);
  const crashes: any[] = [];
  connection.onEvent((event, payload) => event === 'engine' && crashes.push(payload));
  for (let i = 0; i < 8; i++) spawned.at(-1)!.crash();
  assert.equal(crashes.at(-1).restarting, false);
  assert.equal(spawned.length, 6, 'the first engine plus five restarts');
  assert.deepEqual(crashes.at(-1).jobs, [], 'no job was running');
  await connection.dispose();
});

test('a job that ended before the crash is not reported as lost', async () => {
  const { spawn, spawned } = fakeSpawner();
  const connection = new EngineConnection(spawn);
  const crashes: any[] = [];
  connection.onEvent((event, payload) => event === 'engine' && crashes.push(payload));
  const job = (jobId: string) => ({ jobId, kind: 'train', title: jobId, startedAt: '', runId: null, fraction: 0 });
  spawned[0].inside.send({ type: 'event', event: 'job', payload: { type: 'started', job: job('j-test-0003') } });
  spawned[0].inside.send({ type: 'event', event: 'job', payload: { type: 'started', job: job('j-test-0004') } });
  spawned[0].inside.send({ type: 'event', event: 'job', payload: { type: 'cancelled', jobId: 'j-test-0003' } });
  await new Promise((r) => setTimeout(r, 5));
  spawned[0].crash();
  assert.deepEqual(crashes[0].jobs.map((j: any) => j.jobId), ['j-test-0004']);
  await connection.dispose();
});

test('a projection layout running at a crash is failed but not listed as lost work (nothing of a run was at stake)', async () => {
  const { spawn, spawned } = fakeSpawner();
  const connection = new EngineConnection(spawn);
  const events: { event: string; payload: any }[] = [];
  connection.onEvent((event, payload) => events.push({ event, payload }));
  const started = (jobId: string, kind: string) => spawned[0].inside.send({ type: 'event', event: 'job', payload: { type: 'started', job: { jobId, kind, title: 't', startedAt: '', runId: 'r-test', fraction: 0 } } });
  started('j-test-0005', 'projection');
  started('j-test-0006', 'train');
  await new Promise((r) => setTimeout(r, 5));
  spawned[0].crash();
  const failed = events.filter((e) => e.event === 'job' && e.payload.type === 'failed').map((e) => e.payload.jobId);
  assert.deepEqual(failed.sort(), ['j-test-0005', 'j-test-0006']);
  const crashed = events.find((e) => e.event === 'engine');
  assert.deepEqual(crashed?.payload.jobs.map((j: any) => j.jobId), ['j-test-0006']);
  await connection.dispose();
});
