/**
 * How a model's words were normalised when its corpus was imported, so a word typed later is looked up the same
 * way: Unicode NFC (composed accents: "é" typed as e + U+0301 finds "é"), then lower-casing when the model's
 * vocabulary is lower-cased. Pure (no Node, no DOM): the engine's tokeniser and lookups and the renderer's search
 * share this one definition, so the CLI, the engine and the UI agree on what "King" means to a model.
 */

/** What a model records (neural runs: their meta's `lowercase`) or what its vocabulary shows (word vectors). */
export interface WordNormalization {
  /** Lower-case what is looked up: the corpus was lower-cased at import. */
  lowercase: boolean;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** NFC, then lower-case if asked. NFC is a no-op on ASCII; skipping it there saves an ICU call per line on English corpora. */
export function normalizeText(text: string, lowercase: boolean): string {
  const composed = NON_ASCII.test(text) ? text.normalize('NFC') : text;
  // toLowerCase (not toLocaleLowerCase) so a Turkish system locale does not change the result.
  return lowercase ? composed.toLowerCase() : composed;
}

/** A function from what a user typed to the form the model's vocabulary holds. */
export function wordNormalizer(normalization: WordNormalization): (word: string) => string {
  return (word) => normalizeText(word, normalization.lowercase);
}

/**
 * Word vectors record no options (imported files never do): a vocabulary with no entry that lower-casing changes
 * came from lower-cased text, or from text without cased letters, where lower-casing a query cannot lose a match.
 * Either way looking up lower-cased is right. One cased entry ("King", "NASA") makes it a cased model.
 */
export function normalizationOfVocabulary(words: Iterable<string>): WordNormalization {
  for (const w of words) if (w !== w.toLowerCase()) return { lowercase: false };
  return { lowercase: true };
}
