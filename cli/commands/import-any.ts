/**
 * `nlp-studio import FILE`: a file is imported as what it is (engine/files/identify.ts) — an exported model zip as
 * a run (as `import-model`), a word-vectors file as a run (as `import-vectors`), anything else as a corpus (the
 * corpus import, with all its flags). A file that is none of them (binary data, a zip that is not a model) says so.
 */
import { statSync } from 'node:fs';
import { importable, identifyFile } from '../../engine/files/identify.ts';
import { runImport } from './import.ts';
import { runImportVectors } from './import-vectors.ts';
import { runImportModel } from './neural.ts';

export async function runImportAny(argv: string[]): Promise<void> {
  // Only a single file given is looked at: several files, folders and flags' values go to the corpus import as before.
  const files = argv.filter((a, i) => !a.startsWith('-') && !(i > 0 && argv[i - 1].startsWith('--') && !argv[i - 1].includes('=') && takesValue(argv[i - 1])) && isFile(a));
  if (files.length === 1) {
    const kind = importable(await identifyFile(files[0]));
    if (kind === 'model-zip') return runImportModel(argv);
    if (kind === 'vectors') return runImportVectors(argv);
  }
  return runImport(argv);
}

const BOOLEAN_FLAGS = new Set(['--json', '--no-lowercase', '--swap', '--quiet', '--help']);
const takesValue = (flag: string) => !BOOLEAN_FLAGS.has(flag);

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
