/**
 * Exact match: the share of hypotheses equal to their first reference, both trimmed — the strictest measure of a
 * translation, meaningful for short or formulaic outputs (and for toy tasks such as copying or reversing).
 */
import { checkReferenceStreams } from './reference-streams.ts';

/** Share (0–1) of `hyps[i]` equal to `refs[0][i]` after trimming; `refs` in the streams layout of corpusBleu. */
export function exactMatch(hyps: readonly string[], refs: readonly (readonly string[])[]): number {
  checkReferenceStreams('exact match', hyps, refs);
  let matches = 0;
  for (let i = 0; i < hyps.length; i++) if (hyps[i].trim() === refs[0][i].trim()) matches++;
  return matches / hyps.length;
}
