/**
 * `nlp-studio serve [--port N] [--host H] [--max-upload SIZE] [--debug]`: the same renderer in a browser, for remote
 * GPU boxes and for the browser e2e. The engine runs in a forked process, as it does under Electron in a
 * utilityProcess.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { StudioError } from '../../contract/errors.ts';
import { createStudioBackend } from '../../engine/host/studio-backend-impl.ts';
import { forkEngine } from '../../engine/host/engine-process.ts';
import { defaultWorkspaceDir } from '../../engine/workspace/workspace.ts';
import { debugFromEnv } from '../../contract/redact-error.ts';
import { formatBytes, parseByteSize } from '../../server/byte-size.ts';
import { DEFAULT_MAX_UPLOAD } from '../../server/uploads.ts';
import { startWebHost } from '../../server/web-host.ts';
import { intFlag, parse } from '../args.ts';
import { printJson } from '../output.ts';

/** dist/ — beside the bundled CLI (dist/cli), or ../dist from the TypeScript source (cli/commands). */
function distDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, '..'), path.join(here, '..', '..', 'dist')];
  const found = candidates.find((d) => existsSync(path.join(d, 'renderer', 'index.html')));
  if (!found) throw new StudioError('NotFoundError', 'The renderer is not built: run `npm run build` first');
  return found;
}

/**
 * The upload limit and debug mode from flags, else the environment: `--max-upload` / NLP_STUDIO_MAX_UPLOAD
 * (`500m`, `2g`; default 4 GiB), `--debug` / NLP_STUDIO_DEBUG=1 (errors to the browser keep stacks and paths).
 */
export function serveLimits(values: { 'max-upload'?: string | boolean; debug?: string | boolean }, env: Record<string, string | undefined>): { maxUploadBytes: number; debug: boolean } {
  const flag = values['max-upload'];
  const fromEnv = env.NLP_STUDIO_MAX_UPLOAD;
  let maxUploadBytes = DEFAULT_MAX_UPLOAD;
  if (typeof flag === 'string') maxUploadBytes = parseByteSize(flag, '--max-upload');
  else if (fromEnv !== undefined && fromEnv !== '') maxUploadBytes = parseByteSize(fromEnv, 'NLP_STUDIO_MAX_UPLOAD');
  return { maxUploadBytes, debug: values.debug === true || debugFromEnv(env) };
}

export async function runServe(argv: string[]): Promise<void> {
  const { values } = parse(argv, { port: { type: 'string' }, host: { type: 'string' }, 'max-upload': { type: 'string' }, debug: { type: 'boolean', default: false } });
  const { maxUploadBytes, debug } = serveLimits(values, process.env);
  const workspaceDir = path.resolve(typeof values.workspace === 'string' ? values.workspace : defaultWorkspaceDir());
  const dist = distDir();
  const backend = await createStudioBackend({
    workspaceDir,
    spawnEngine: () => forkEngine({ workspaceDir, ...(typeof values.backend === 'string' ? { backend: values.backend } : {}) }),
  });
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  const web = await startWebHost({
    backend,
    port: intFlag(values.port, 'port', { min: 0, max: 65535 }) ?? 8765,
    host,
    rendererDir: path.join(dist, 'renderer'),
    bridgeFile: path.join(dist, 'web', 'studio-bridge.js'),
    uploads: { maxBytes: maxUploadBytes },
    debug,
  });
  if (values.json) printJson({ url: web.url, port: web.port, workspace: workspaceDir, maxUploadBytes, debug });
  else {
    console.log(`NLP Studio is serving the workspace ${workspaceDir}`);
    if (host !== '127.0.0.1' && host !== 'localhost') console.log(`Warning: listening on ${host}; anyone who can reach it and has the token can use this machine's files.`);
    console.log(`Uploads up to ${formatBytes(maxUploadBytes)} (--max-upload).${debug ? ' Debug: errors sent to the browser keep their stack traces and server paths.' : ''}`);
    console.log(`Open this URL (it carries the access token):\n\n    ${web.url}\n`);
    console.log('Press Ctrl-C to stop.');
  }
  const stop = async () => {
    await web.close();
    await backend.dispose();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
