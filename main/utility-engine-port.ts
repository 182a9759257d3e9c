/**
 * The engine in an Electron `utilityProcess`, seen as the `EngineProcess` the StudioBackend drives: a
 * MessagePortLike over `postMessage`/`message`, `kill`, and an exit notification. Electron is only a type here
 * (the fork function is passed in), so this file runs in tests under plain Node.
 */
import type { ForkOptions } from 'electron';
import { isWireMessage } from '../contract/protocol.ts';
import type { MessagePortLike, WireMessage } from '../contract/protocol.ts';
import type { EngineProcess, SpawnEngine } from '../engine/host/engine-process.ts';
import { LogTail, captureOutput } from '../engine/host/log-tail.ts';

/** The part of Electron's `UtilityProcess` used here. */
export interface UtilityProcessLike {
  postMessage(message: unknown): void;
  on(event: string, listener: (...args: any[]) => void): unknown;
  kill(): boolean;
  /** With `stdio: 'pipe'`: the engine's output, kept for the crash banner and passed on to ours. */
  stdout?: NodeJS.ReadableStream | null;
  stderr?: NodeJS.ReadableStream | null;
  pid?: number | undefined;
}

export type ForkUtility = (modulePath: string, args: string[], options: ForkOptions) => UtilityProcessLike;

/** What arrives on the parent side: the message itself (not a MessageEvent). Anything not WireMessage-shaped is dropped. */
export function toWireMessage(data: unknown): WireMessage | null {
  return isWireMessage(data) ? data : null;
}

/**
 * Adapt a forked utility process. Messages sent before it has spawned are held and flushed on `spawn`; after it
 * has exited they are dropped (the engine connection fails the waiting calls and starts a new engine).
 */
export function adaptUtilityProcess(child: UtilityProcessLike, log: (line: string) => void = (line) => console.warn(line)): EngineProcess {
  let spawned = false;
  let exited = false;
  let exitCode: number | null = null;
  const held: WireMessage[] = [];
  const listeners = new Set<(message: WireMessage) => void>();
  const exitListeners = new Set<(code: number | null, signal: string | null) => void>();

  child.on('spawn', () => {
    spawned = true;
    for (const message of held.splice(0)) child.postMessage(message);
  });
  child.on('message', (data: unknown) => {
    const message = toWireMessage(data);
    if (message) listeners.forEach((listener) => listener(message));
    else log(`[engine] ignored a message that is not a WireMessage: ${String(JSON.stringify(data)).slice(0, 200)}`);
  });
  child.on('error', (type: string, location: string) => log(`[engine] ${type} at ${location}`));
  child.on('exit', (code: number) => {
    exited = true;
    exitCode = code;
    held.length = 0;
    // utilityProcess reports no signal: a kill shows up as a non-zero code.
    exitListeners.forEach((listener) => listener(code, null));
  });

  const port: MessagePortLike = {
    send(message) {
      if (exited) return;
      if (!spawned) held.push(message);
      else child.postMessage(message);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    port,
    kill() {
      if (!exited) child.kill();
    },
    onExit(listener) {
      if (exited) queueMicrotask(() => listener(exitCode, null));
      else exitListeners.add(listener);
    },
  };
}

/** `…/app.asar/dist/engine/x.cjs` → `…/app.asar.unpacked/dist/engine/x.cjs`: a utilityProcess cannot start from inside an asar. */
export function unpackedPath(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/**
 * The `spawnEngine` for `createStudioBackend` under Electron: each call forks a fresh engine (the backend calls it
 * again after a crash). `fork` is `(p, a, o) => utilityProcess.fork(p, a, o)`.
 */
export function utilityEngineSpawner(options: {
  fork: ForkUtility;
  /** dist/engine/engine-main.cjs; made unpacked here. */
  enginePath: string;
  workspaceDir: string;
  backend?: string;
  log?: (line: string) => void;
}): SpawnEngine {
  return () => {
    const child = options.fork(unpackedPath(options.enginePath), [], {
      serviceName: 'NLP Studio engine',
      // Piped, not inherited: the host keeps the last lines for the crash banner (and still prints them).
      stdio: 'pipe',
      env: {
        ...process.env,
        NLP_STUDIO_WORKSPACE: options.workspaceDir,
        NLP_STUDIO_BACKEND: options.backend ?? process.env.NLP_STUDIO_BACKEND ?? '',
      },
    });
    const tail = new LogTail();
    captureOutput(child.stdout, tail, process.stdout);
    captureOutput(child.stderr, tail, process.stderr);
    return { ...adaptUtilityProcess(child, options.log), logTail: () => tail.lines(), ...(child.pid !== undefined ? { pid: child.pid } : {}) };
  };
}
