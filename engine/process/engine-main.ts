/**
 * Entry of the engine process. The desktop app starts it as an Electron utilityProcess (messages on
 * `process.parentPort`), the web host with child_process.fork (messages on `process.send`). Either way a native
 * crash in here (tfjs-node) kills only this process; the host reports it and starts a new one.
 */
import { engineMethods } from '../../contract/methods.ts';
import { answerCall, serveRpc } from '../../contract/dispatch.ts';
import { isWireMessage } from '../../contract/protocol.ts';
import type { MessagePortLike, WireMessage } from '../../contract/protocol.ts';
import type { JobEvent } from '../../contract/jobs.ts';
import { parseBackendName } from '../backend/select-backend.ts';
import { createEngine } from '../engine.ts';
import { defaultWorkspaceDir } from '../workspace/workspace.ts';

interface ElectronParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  off(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function parentPort(): MessagePortLike {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      send: (message) => electronPort.postMessage(message),
      onMessage: (listener) => {
        const handler = (e: { data: unknown }) => isWireMessage(e.data) && listener(e.data);
        electronPort.on('message', handler);
        return () => electronPort.off('message', handler);
      },
    };
  }
  if (!process.send) throw new Error('engine-main must be started by a host (fork or utilityProcess)');
  // The host going away must not leave an orphaned engine training in the background.
  process.on('disconnect', () => process.exit(0));
  return {
    send: (message) => process.send?.(message),
    onMessage: (listener) => {
      const handler = (data: unknown) => isWireMessage(data) && listener(data as WireMessage);
      process.on('message', handler);
      return () => process.off('message', handler);
    },
  };
}

/** A line per job start and end on stdout: the host keeps the engine's last lines for the crash banner. */
function logJob(event: JobEvent): void {
  if (event.type === 'started') console.log(`[engine] job ${event.job.jobId} started: ${event.job.title}${event.job.runId ? ` (run ${event.job.runId})` : ''}`);
  else if (event.type === 'failed') console.log(`[engine] job ${event.jobId} failed: ${event.error.message}`);
  else if (event.type !== 'progress') console.log(`[engine] job ${event.jobId} ${event.type}`);
}

async function main(): Promise<void> {
  const port = parentPort();
  // The host may call before the engine has opened its workspace: keep those calls and answer them once ready.
  const early: WireMessage[] = [];
  const stopBuffering = port.onMessage((message) => early.push(message));
  const engine = await createEngine({
    workspaceDir: process.env.NLP_STUDIO_WORKSPACE || defaultWorkspaceDir(),
    backend: parseBackendName(process.env.NLP_STUDIO_BACKEND),
    emit: (event, payload) => {
      if (event === 'job') logJob(payload as JobEvent);
      port.send({ type: 'event', event, payload });
    },
  });
  stopBuffering();
  serveRpc(engineMethods, engine.handlers, port);
  for (const message of early) answerCall(engineMethods, engine.handlers, port, message);
  engine.backend().then(
    (backend) => {
      console.log(`[engine] ready: pid ${process.pid}, backend ${backend.chosen} (${backend.device})`);
      port.send({ type: 'event', event: 'engine', payload: { type: 'ready', backend } });
    },
    (error: unknown) => console.error('[engine] no tensor backend:', error),
  );
}

process.on('uncaughtException', (error) => {
  console.error('[engine] fatal:', error);
  process.exit(70);
});
main().catch((error: unknown) => {
  console.error('[engine] failed to start:', error);
  process.exit(70);
});
