/**
 * The CLI runs the engine in-process (no second process to manage in scripts) through the same handlers the
 * engine process serves, and waits for jobs by following their events.
 */
import { StudioError } from '../contract/errors.ts';
import type { JobEvent, JobResult } from '../contract/jobs.ts';
import type { BackendName } from '../contract/backend.ts';
import { createEngine } from '../engine/engine.ts';
import type { Engine } from '../engine/engine.ts';
import { parseBackendName } from '../engine/backend/select-backend.ts';
import { defaultWorkspaceDir } from '../engine/workspace/workspace.ts';
import { ProgressLine } from './output.ts';

export interface Session {
  engine: Engine;
  workspaceDir: string;
  /** Start a job and wait for its end, drawing its progress; Ctrl-C cancels it cleanly. */
  runJob(start: () => Promise<{ jobId: string }>, options?: { quiet?: boolean }): Promise<JobResult>;
}

export async function openSession(flags: { workspace?: string | boolean; backend?: string | boolean }): Promise<Session> {
  const workspaceDir = typeof flags.workspace === 'string' ? flags.workspace : defaultWorkspaceDir();
  const backend: BackendName | undefined = parseBackendName(typeof flags.backend === 'string' ? flags.backend : process.env.NLP_STUDIO_BACKEND);
  const listeners = new Set<(e: JobEvent) => void>();
  const engine = await createEngine({
    workspaceDir,
    ...(backend ? { backend } : {}),
    emit: (event, payload) => {
      if (event === 'job') listeners.forEach((l) => l(payload as JobEvent));
    },
  });

  async function runJob(start: () => Promise<{ jobId: string }>, options: { quiet?: boolean } = {}): Promise<JobResult> {
    const buffered: JobEvent[] = [];
    let onEvent: (e: JobEvent) => void = (e) => buffered.push(e);
    const listener = (e: JobEvent) => onEvent(e);
    listeners.add(listener);
    const progress = new ProgressLine();
    let jobId = '';
    const cancel = () => {
      process.stderr.write('\nCancelling…\n');
      if (jobId) engine.jobs.cancel(jobId);
    };
    process.once('SIGINT', cancel);
    try {
      jobId = (await start()).jobId;
      return await new Promise<JobResult>((resolve, reject) => {
        onEvent = (e) => {
          if (e.type === 'started' || ('jobId' in e && e.jobId !== jobId)) return;
          if (e.type === 'progress' && !options.quiet) progress.update(e.fraction, e.message, e.etaSeconds);
          else if (e.type === 'done') resolve(e.result);
          else if (e.type === 'failed') reject(StudioError.fromData(e.error));
          else if (e.type === 'cancelled') reject(new StudioError('CancelledError', 'Cancelled'));
        };
        buffered.splice(0).forEach(onEvent);
      });
    } finally {
      progress.done();
      listeners.delete(listener);
      process.off('SIGINT', cancel);
    }
  }

  return { engine, workspaceDir, runJob };
}
