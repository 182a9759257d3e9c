/** Starting the engine process under plain Node (web host, tests). Electron uses main/utility-engine-port.ts. */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isWireMessage } from '../../contract/protocol.ts';
import type { MessagePortLike } from '../../contract/protocol.ts';
import { LogTail, captureOutput } from './log-tail.ts';

/** A running engine, whatever started it. */
export interface EngineProcess {
  port: MessagePortLike;
  kill(): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** The last lines it printed (stdout and stderr), oldest first; for the crash banner. Absent where not captured. */
  logTail?(): string[];
  /** Its process id, where the host knows it. */
  pid?: number;
}
export type SpawnEngine = () => EngineProcess;

/** The built engine (dist/engine/engine-main.cjs) beside a bundle, else the TypeScript source run through tsx. */
export function engineEntry(): { file: string; execArgv: string[] } {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const built = path.join(here, '..', 'engine', 'engine-main.cjs');
  if (existsSync(built)) return { file: built, execArgv: [] };
  return { file: path.join(here, '..', 'process', 'engine-main.ts'), execArgv: ['--import', 'tsx'] };
}

export function forkEngine(options: { workspaceDir: string; backend?: string }): EngineProcess {
  const entry = engineEntry();
  const child = fork(entry.file, [], {
    execArgv: entry.execArgv,
    env: { ...process.env, NLP_STUDIO_WORKSPACE: options.workspaceDir, NLP_STUDIO_BACKEND: options.backend ?? process.env.NLP_STUDIO_BACKEND ?? '' },
    // Piped, not inherited, so that the host keeps the tail for the crash banner; still echoed to the host's own.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const tail = new LogTail();
  captureOutput(child.stdout, tail, process.stdout);
  captureOutput(child.stderr, tail, process.stderr);
  return {
    port: {
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => {
        const handler = (data: unknown) => isWireMessage(data) && listener(data);
        child.on('message', handler);
        return () => child.off('message', handler);
      },
    },
    kill: () => child.kill('SIGKILL'),
    // 'close', not 'exit': it comes after the output pipes have drained, so the tail holds the engine's last words.
    onExit: (listener) => child.once('close', (code, signal) => listener(code, signal)),
    logTail: () => tail.lines(),
    ...(child.pid !== undefined ? { pid: child.pid } : {}),
  };
}
