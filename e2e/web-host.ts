// Starts `nlp-studio serve` (the built CLI) on a random port with a fresh workspace, as a user would, and hands the
// tokenised URL to the tests.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface WebHost {
  url: string;
  workspace: string;
  close(): Promise<void>;
}

export const repoRoot = path.resolve(import.meta.dirname, '..');

export async function startWebHost(): Promise<WebHost> {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'nlp-studio-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(repoRoot, 'dist/cli/index.cjs'), 'serve', '--port', '0', '--json', '--workspace', workspace], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL in 30 s: ${out}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return {
    url,
    workspace,
    close: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await rm(workspace, { recursive: true, force: true });
    },
  };
}
