/**
 * What a training job says while it validates or tests: evaluating ~10 k held-out sentences can take a while, and
 * without this the progress line stays on the last step. The pass is its own phase (`evaluating`), entered as it
 * starts; then one update per evaluated batch with its count (the job manager throttles them), the job's fraction
 * kept where training left it. The pass's last count is marked `keep`: the throttle would otherwise drop it whenever
 * it comes soon after the previous one, leaving "16 of 24" as the pass's last word.
 */
import type { EvaluationCount } from '../../contract/jobs.ts';
import { userText } from '../../contract/user-text.ts';
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

  /**
   * Call as a pass starts (the argument of a family's `evaluate`): enters the `evaluating` phase at once (a first
   * batch can take a while), and returns the `onProgress` that `evaluate` calls with examples done of all.
   */
  of(purpose: EvaluationCount['purpose']): (done: number, total: number) => void {
    const validating = purpose === 'validation';
    const started = validating ? userText('Validating held-out examples…') : userText('Testing held-out examples…');
    // `keep`: a test pass right after the last validation is no phase change, yet it must be told it started.
    this.job.progress({ fraction: this.fraction, etaSeconds: null, message: started, phase: 'evaluating', keep: true });
    return (done, total) =>
      this.job.progress({
        fraction: this.fraction,
        etaSeconds: null,
        message: validating
          ? userText('Validating: {done} of {total} held-out examples', { done: formatCount(done), total: formatCount(total) })
          : userText('Testing: {done} of {total} held-out examples', { done: formatCount(done), total: formatCount(total) }),
        phase: 'evaluating',
        evaluation: { purpose, done, total },
        keep: done >= total,
      });
  }
}
