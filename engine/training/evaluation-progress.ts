/**
 * What a training job says while it validates or tests: evaluating ~10 k held-out sentences can take a while, and
 * without this the progress line stays on the last step. One update per evaluated batch (the job manager throttles
 * them), with the job's fraction kept where training left it.
 */
import { formatCount } from '../format.ts';
import type { JobContext } from '../jobs/job-manager.ts';

export class EvaluationProgress {
  private fraction = 0;
  /** The job, passing every update through and remembering the fraction it was last at. */
  readonly tracked: JobContext;

  constructor(private readonly job: JobContext) {
    this.tracked = {
      ...job,
      progress: (update) => {
        if (update.fraction !== undefined) this.fraction = update.fraction;
        job.progress(update);
      },
    };
  }

  /** The `onProgress` a family's `evaluate` calls with examples done of all. */
  of(purpose: 'validation' | 'test'): (done: number, total: number) => void {
    const what = purpose === 'validation' ? 'Validating' : 'Testing';
    return (done, total) => this.job.progress({ fraction: this.fraction, etaSeconds: null, message: `${what}: ${formatCount(done)} of ${formatCount(total)} held-out examples` });
  }
}
