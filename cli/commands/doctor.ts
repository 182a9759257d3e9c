/** `nlp-studio doctor [--json]`: what this machine gives NLP Studio — runtime, workspace, tensor backend and why. */
import os from 'node:os';
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { STUDIO_VERSION } from '../../engine/engine.ts';
import { parseBackendName, selectBackend } from '../../engine/backend/select-backend.ts';
import { defaultWorkspaceDir } from '../../engine/workspace/workspace.ts';
import { parse } from '../args.ts';
import { printJson } from '../output.ts';

/** Whether the Electron binary was installed (its own installer downloads it; npm alone does not). */
export function electronBinary(): { installed: boolean; detail: string } {
  try {
    const electronDir = path.dirname(createRequire(path.join(process.cwd(), 'noop.js')).resolve('electron/package.json'));
    const pathFile = path.join(electronDir, 'path.txt');
    if (!existsSync(pathFile)) return { installed: false, detail: 'the electron package is installed but its binary was never downloaded' };
    const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? { installed: true, detail: binary } : { installed: false, detail: `missing ${binary}` };
  } catch {
    return { installed: false, detail: 'the electron package is not installed (CLI-only install)' };
  }
}

export async function runDoctor(argv: string[]): Promise<void> {
  const { values } = parse(argv, {});
  const workspace = path.resolve(typeof values.workspace === 'string' ? values.workspace : defaultWorkspaceDir());
  const forced = parseBackendName(typeof values.backend === 'string' ? values.backend : process.env.NLP_STUDIO_BACKEND);
  const { report } = await selectBackend(forced);
  const electron = electronBinary();
  const info = {
    version: STUDIO_VERSION,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    workspace,
    backend: report,
    electron,
  };
  if (values.json) return printJson(info);
  console.log(`NLP Studio ${info.version} on Node ${info.node} (${info.platform}, ${info.cpus} cores, ${info.memoryGiB} GiB)`);
  console.log(`Workspace: ${workspace}`);
  console.log(`Tensor backend: ${report.chosen} — ${report.device}  [${report.package}]${report.forced ? ' (forced)' : ''}`);
  for (const a of report.attempts) console.log(`  ${a.ok ? '✓' : '✗'} ${a.backend.padEnd(15)} ${a.reason}`);
  console.log(`Electron binary: ${electron.installed ? `yes (${electron.detail})` : `no — ${electron.detail}; \`npm start\` opens the browser UI instead`}`);
}
