/** An engine context on a fresh workspace in a temporary folder, for the projection tests (cpu backend, no events). */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EngineContext } from '../../../engine/engine.ts';
import { JobManager } from '../../../engine/jobs/job-manager.ts';
import { LiveSnapshots } from '../../../engine/projection/live-snapshots.ts';
import { RunStore } from '../../../engine/runs/run-store.ts';
import { Workspace } from '../../../engine/workspace/workspace.ts';

export async function projectionTestContext(prefix: string): Promise<{ ctx: EngineContext; dir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const ws = await Workspace.open(path.join(dir, 'ws'));
  const ctx: EngineContext = {
    ws,
    jobs: new JobManager(() => {}),
    runs: new RunStore(ws),
    backend: async () => ({ chosen: 'cpu', package: '@tensorflow/tfjs-backend-cpu', device: 'CPU (test)', attempts: [] }),
    snapshots: new LiveSnapshots(),
  };
  return { ctx, dir };
}
