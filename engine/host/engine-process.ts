/** Starting the engine process under plain Node (web host, tests). Electron uses main/utility-engine-port.ts. */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isWireMessage } from '../../contract/protocol.ts';
import type { MessagePortLike } from '../../contract/protocol.ts';

/** A running engine, whatever started it. */
export interface EngineProcess {
  port: MessagePortLike;
  kill(): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
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
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
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
    onExit: (listener) => child.once('exit', (code, signal) => listener(code, signal)),
  };
}
