/** `word2vec.evaluate` / `nlp-studio evaluate-vectors`: analogy accuracy and word-similarity ρ of a set of vectors. */
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import type { Evaluation } from '../../contract/word2vec.ts';
import type { KeyedVectors } from '../models/word2vec/keyed-vectors.ts';
import { evaluateAnalogies, readAnalogies } from './analogies.ts';
import type { AnalogyOptions } from './analogies.ts';
import { evaluateWordPairs, readWordPairs } from './similarity.ts';
import type { EvaluationFile } from './read-text.ts';

export interface EvaluateRequest {
  analogies?: EvaluationFile;
  similarity?: EvaluationFile;
}

/** Both files are read and checked before the (slow) analogy scoring starts, so a bad file fails at once. */
export async function evaluateVectors(kv: KeyedVectors, request: EvaluateRequest, options: AnalogyOptions = {}): Promise<Evaluation> {
  if (!request.analogies && !request.similarity) {
    throw new StudioError('ValidationError', userText('Give an analogy file, a word-similarity file, or both'));
  }
  const analogySet = request.analogies ? await readAnalogies(request.analogies) : null;
  const pairSet = request.similarity ? await readWordPairs(request.similarity) : null;
  const similarity = pairSet ? evaluateWordPairs(kv, pairSet, options) : null;
  const analogies = analogySet ? await evaluateAnalogies(kv, analogySet, options) : null;
  return { analogies, similarity };
}
