// The CLI as scripts run it: a separate process (the TypeScript entry through tsx; dist/cli/index.cjs bundles the
// same code), its exit code, its output, and the JSON object of its last stdout line when --json was given.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const entry = path.resolve(import.meta.dirname, '../../cli/index.ts');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json: any;
}

/** `env` adds to the environment (e.g. NLP_STUDIO_BACKEND). */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', entry, ...args], { timeout: 120_000, env: { ...process.env, ...env } });
    const last = stdout.trim().split('\n').at(-1) ?? '';
    return { code: 0, stdout, stderr, json: last.startsWith('{') ? JSON.parse(last) : null };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, json: null };
  }
}
