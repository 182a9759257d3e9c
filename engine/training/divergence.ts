/**
 * Training that has diverged must stop, not finish: a NaN or infinite loss, gradient or weight turns every later
 * step and every saved file into NaN, and a "completed" run that prints NaN neighbours or predictions tells the
 * user nothing. The checks reuse values training already reads (the step's loss and gradient norm, word2vec's
 * running loss); the weights themselves are scanned only before a checkpoint or the final vectors are written,
 * so a good checkpoint is never overwritten with NaN. No tfjs here: word2vec's trainer uses it too.
 */
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';

/** How a number that should be finite went wrong, in words: "NaN", "infinite". */
export const describeNonFinite = (x: number) => (Number.isNaN(x) ? 'NaN' : userText('infinite'));

/**
 * The error a diverged run fails with. `where`: "at step 12 (epoch 1)"; `what`: "the loss became NaN";
 * `suggestions`: what to try, most likely first, as one phrase ("a lower learning rate (now 0.01); …");
 * `kept`: what was saved (the last finite checkpoint, or nothing), a sentence. Each a userText. One template for the
 * whole message: a first sentence of its own would match it all, its `{what}` swallowing the sentences after it.
 */
export function divergedError(where: string, what: string, suggestions: string, kept: string): StudioError {
  return new StudioError('DivergedError', userText('Training diverged {where}: {what}. {kept} Try {suggestions}.', { where, what, kept, suggestions }));
}

/** The first non-finite value of a Float32Array (e.g. word2vec's vectors), as its index, or -1. */
export function firstNonFinite(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}
