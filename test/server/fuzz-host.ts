/**
 * A real web host for the fuzz test, as its own process: the real backend and a forked engine on the workspace in
 * NLP_STUDIO_WORKSPACE. Prints one JSON line {port, token} when listening. Not a test itself.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createStudioBackend } from '../../engine/host/studio-backend-impl.ts';
import { forkEngine } from '../../engine/host/engine-process.ts';
import { startWebHost } from '../../server/web-host.ts';

const workspaceDir = process.env.NLP_STUDIO_WORKSPACE!;
const rendererDir = path.join(process.env.FUZZ_RENDERER_DIR!);
await mkdir(rendererDir, { recursive: true });
await writeFile(path.join(rendererDir, 'index.html'), '<html><head></head><body></body></html>');
const backend = await createStudioBackend({ workspaceDir, spawnEngine: () => forkEngine({ workspaceDir, backend: 'cpu' }) });
const host = await startWebHost({ backend, rendererDir, bridgeFile: path.join(rendererDir, 'index.html'), uploads: { maxBytes: 8 * 2 ** 20 } });
process.stdout.write(`${JSON.stringify({ port: host.port, token: host.token })}\n`);
process.on('SIGTERM', () => {
  void host.close().then(() => backend.dispose()).then(() => process.exit(0));
});
