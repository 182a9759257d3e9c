/**
 * Guessing the languages of a translation corpus's sides from names: aligned files' extensions (`train.en`,
 * `europarl-v7.fr-en.fr`), header or field names (`en`, `English`), a file name ending in two codes
 * (`tatoeba-eng-fra.tsv`). Only names in this table count, so `notes.txt` or `old-new.tsv` guess nothing.
 */

/** ISO 639-1 and 639-3 codes (and English names) of the languages corpora most often come in. */
const LANGUAGES: [string, string, string][] = [
  ['ar', 'ara', 'arabic'], ['bg', 'bul', 'bulgarian'], ['bn', 'ben', 'bengali'], ['ca', 'cat', 'catalan'],
  ['cs', 'ces', 'czech'], ['cy', 'cym', 'welsh'], ['da', 'dan', 'danish'], ['de', 'deu', 'german'],
  ['el', 'ell', 'greek'], ['en', 'eng', 'english'], ['eo', 'epo', 'esperanto'], ['es', 'spa', 'spanish'],
  ['et', 'est', 'estonian'], ['eu', 'eus', 'basque'], ['fa', 'fas', 'persian'], ['fi', 'fin', 'finnish'],
  ['fr', 'fra', 'french'], ['ga', 'gle', 'irish'], ['gl', 'glg', 'galician'], ['he', 'heb', 'hebrew'],
  ['hi', 'hin', 'hindi'], ['hr', 'hrv', 'croatian'], ['hu', 'hun', 'hungarian'], ['hy', 'hye', 'armenian'],
  ['id', 'ind', 'indonesian'], ['is', 'isl', 'icelandic'], ['it', 'ita', 'italian'], ['ja', 'jpn', 'japanese'],
  ['ka', 'kat', 'georgian'], ['kk', 'kaz', 'kazakh'], ['ko', 'kor', 'korean'], ['la', 'lat', 'latin'],
  ['lt', 'lit', 'lithuanian'], ['lv', 'lav', 'latvian'], ['mk', 'mkd', 'macedonian'], ['ms', 'msa', 'malay'],
  ['mt', 'mlt', 'maltese'], ['nl', 'nld', 'dutch'], ['nb', 'nob', 'norwegian'], ['pl', 'pol', 'polish'],
  ['pt', 'por', 'portuguese'], ['ro', 'ron', 'romanian'], ['ru', 'rus', 'russian'], ['sk', 'slk', 'slovak'],
  ['sl', 'slv', 'slovenian'], ['sq', 'sqi', 'albanian'], ['sr', 'srp', 'serbian'], ['sv', 'swe', 'swedish'],
  ['sw', 'swa', 'swahili'], ['ta', 'tam', 'tamil'], ['th', 'tha', 'thai'], ['tl', 'tgl', 'tagalog'],
  ['tr', 'tur', 'turkish'], ['uk', 'ukr', 'ukrainian'], ['ur', 'urd', 'urdu'], ['vi', 'vie', 'vietnamese'],
  ['zh', 'zho', 'chinese'], ['zh', 'cmn', 'mandarin'], ['yue', 'yue', 'cantonese'], ['zh', 'chi', 'chinese'],
  ['fr', 'fre', 'french'], ['de', 'ger', 'german'], ['nl', 'dut', 'dutch'], ['el', 'gre', 'greek'],
];

const KNOWN = new Set(LANGUAGES.flatMap(([two, three, name]) => [two, three, name]));

/** `en`, `fra`, `English`, `zh-CN`, `pt_BR` → true; `txt`, `data`, `src` → false. */
export function isLanguageName(name: string): boolean {
  const lower = name.trim().toLowerCase();
  if (KNOWN.has(lower)) return true;
  const region = /^([a-z]{2,3})[-_][a-z0-9]{2,4}$/.exec(lower);
  return region !== null && KNOWN.has(region[1]);
}

/** The language an aligned file's extension names, with its stem: `train.en` → { stem: 'train', language: 'en' }. */
export function alignedSide(fileName: string): { stem: string; language: string } | null {
  const base = fileName.split('/').pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null;
  const language = base.slice(dot + 1);
  return isLanguageName(language) ? { stem: base.slice(0, dot), language } : null;
}

/**
 * Two aligned files' languages: both extensions name one and the stems agree (`train.en` + `train.fr`), or both
 * names without their extension are languages (`en.txt` + `fr.txt`, `english.txt` + `french.txt`).
 */
export function alignedLanguages(source: string, target: string): [string, string] | null {
  const a = alignedSide(source);
  const b = alignedSide(target);
  if (a && b && a.stem === b.stem && a.language !== b.language) return [a.language, b.language];
  const stem = (name: string) => (name.split('/').pop() ?? name).replace(/\.[^.]*$/, '');
  const [s, t] = [stem(source), stem(target)];
  return s !== t && isLanguageName(s) && isLanguageName(t) ? [s, t] : null;
}

/** A pair file named after its two languages: `tatoeba-eng-fra.tsv` → ['eng', 'fra']; `fra-eng/fra.txt` → null. */
export function languagesInName(fileName: string): [string, string] | null {
  const base = (fileName.split('/').pop() ?? fileName).replace(/\.[^.]*$/, '');
  const parts = base.split(/[-_.\s]+/);
  if (parts.length < 2) return null;
  const [a, b] = parts.slice(-2);
  return a.toLowerCase() !== b.toLowerCase() && isLanguageName(a) && isLanguageName(b) ? [a, b] : null;
}

/** Two column or field names when both name languages: `en`, `fr` → ['en', 'fr']. */
export function languagesOfColumns(source: string | null, target: string | null): [string, string] | null {
  return source && target && isLanguageName(source) && isLanguageName(target) && source !== target ? [source, target] : null;
}
