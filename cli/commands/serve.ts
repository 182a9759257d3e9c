/**
 * `nlp-studio serve [--port N] [--host H]`: the same renderer in a browser, for remote GPU boxes and for the
 * browser e2e. The engine runs in a forked process, as it does under Electron in a utilityProcess.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { StudioError } from '../../contract/errors.ts';
import { createStudioBackend } from '../../engine/host/studio-backend-impl.ts';
import { forkEngine } from '../../engine/host/engine-process.ts';
import { defaultWorkspaceDir } from '../../engine/workspace/workspace.ts';
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

export async function runServe(argv: string[]): Promise<void> {
  const { values } = parse(argv, { port: { type: 'string' }, host: { type: 'string' } });
  const workspaceDir = path.resolve(typeof values.workspace === 'string' ? values.workspace : defaultWorkspaceDir());
  const dist = distDir();
  const backend = await createStudioBackend({
    workspaceDir,
    spawnEngine: () => forkEngine({ workspaceDir, ...(typeof values.backend === 'string' ? { backend: values.backend } : {}) }),
  });
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  const web = await startWebHost({
    backend,
    port: intFlag(values.port, 'port') ?? 8765,
    host,
    rendererDir: path.join(dist, 'renderer'),
    bridgeFile: path.join(dist, 'web', 'studio-bridge.js'),
  });
  if (values.json) printJson({ url: web.url, port: web.port, workspace: workspaceDir });
  else {
    console.log(`NLP Studio is serving the workspace ${workspaceDir}`);
    if (host !== '127.0.0.1' && host !== 'localhost') console.log(`Warning: listening on ${host}; anyone who can reach it and has the token can use this machine's files.`);
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
