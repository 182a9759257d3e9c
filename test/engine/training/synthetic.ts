/** A synthetic classification CSV for the neural-model tests (no side effects, so the CLI test can import it). */
import { seededRandom as rng } from '../../../engine/random.ts';

/** Rows "w w w … w": label `pos` when a positive cue word is present, `neg` when a negative one is. */
export function syntheticCsv(rows: number, seed = 3): string {
  const r = rng(seed);
  const filler = ['the', 'a', 'film', 'was', 'and', 'it', 'plot', 'actor', 'of', 'very', 'is', 'story'];
  const cues = { pos: ['great', 'superb', 'lovely'], neg: ['awful', 'boring', 'dull'] };
  const lines = ['text,label'];
  for (let i = 0; i < rows; i++) {
    const label = r() < 0.5 ? 'pos' : 'neg';
    const words = Array.from({ length: 3 + Math.floor(r() * 6) }, () => filler[Math.floor(r() * filler.length)]);
    words.splice(Math.floor(r() * words.length), 0, cues[label][Math.floor(r() * 3)]);
    lines.push(`${words.join(' ')},${label}`);
  }
  return lines.join('\n') + '\n';
}
