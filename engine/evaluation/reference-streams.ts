/**
 * sacreBLEU's layout for references: a list of reference *streams*, each a full translation of the corpus,
 * aligned line by line with the hypotheses (`refs[k][i]` is the k-th reference of hypothesis i). sacreBLEU zips
 * the streams and silently drops the tail of the longer ones; here a stream of another length is an error, as a
 * misaligned test set otherwise scores quietly wrong.
 */
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';

/** Throws a ValidationError unless there is at least one hypothesis and one stream, all of the same length. */
export function checkReferenceStreams(metric: string, hyps: readonly string[], refs: readonly (readonly string[])[]): void {
  if (hyps.length === 0) throw new StudioError('ValidationError', userText('{metric}: there are no hypotheses to score', { metric }));
  if (refs.length === 0) throw new StudioError('ValidationError', userText('{metric}: there are no reference streams', { metric }));
  refs.forEach((stream, k) => {
    if (!Array.isArray(stream)) {
      throw new StudioError('ValidationError', userText('{metric}: reference stream {stream} is not a list of sentences (refs is a list of streams, each aligned with the hypotheses)', { metric, stream: k + 1 }));
    }
    if (stream.length !== hyps.length) {
      throw new StudioError('ValidationError', userText('{metric}: reference stream {stream} has {sentences} sentences but there are {hypotheses} hypotheses', { metric, stream: k + 1, sentences: stream.length, hypotheses: hyps.length }));
    }
  });
}
