/**
 * sacreBLEU's layout for references: a list of reference *streams*, each a full translation of the corpus,
 * aligned line by line with the hypotheses (`refs[k][i]` is the k-th reference of hypothesis i). sacreBLEU zips
 * the streams and silently drops the tail of the longer ones; here a stream of another length is an error, as a
 * misaligned test set otherwise scores quietly wrong.
 */
import { StudioError } from '../../contract/errors.ts';

/** Throws a ValidationError unless there is at least one hypothesis and one stream, all of the same length. */
export function checkReferenceStreams(metric: string, hyps: readonly string[], refs: readonly (readonly string[])[]): void {
  if (hyps.length === 0) throw new StudioError('ValidationError', `${metric}: there are no hypotheses to score`);
  if (refs.length === 0) throw new StudioError('ValidationError', `${metric}: there are no reference streams`);
  refs.forEach((stream, k) => {
    if (!Array.isArray(stream)) {
      throw new StudioError('ValidationError', `${metric}: reference stream ${k + 1} is not a list of sentences (refs is a list of streams, each aligned with the hypotheses)`);
    }
    if (stream.length !== hyps.length) {
      throw new StudioError('ValidationError', `${metric}: reference stream ${k + 1} has ${stream.length} sentences but there are ${hyps.length} hypotheses`);
    }
  });
}
