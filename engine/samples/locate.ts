/**
 * Where the sample files are. The same code runs from source (tsx: engine/samples/), from the bundles
 * (dist/engine/engine-main.cjs, dist/cli/index.cjs, where scripts/build.mjs makes import.meta.url the bundle's
 * own) and from the packaged app (app.asar.unpacked/dist/engine/, with resources/samples/ unpacked beside dist/ by
 * electron-builder.yml): at different depths, so we walk up from here to the first `resources/samples/`.
 * `NLP_STUDIO_SAMPLES` names the folder outright.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';

/** The file every samples folder holds: the credits and terms the guide repeats. */
const MARKER = 'README.md';
const MAX_LEVELS = 6;

export function samplesDir(env: NodeJS.ProcessEnv = process.env, from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  if (env.NLP_STUDIO_SAMPLES) return env.NLP_STUDIO_SAMPLES;
  let dir = from;
  for (let i = 0; i < MAX_LEVELS; i++) {
    const candidate = path.join(dir, 'resources', 'samples');
    if (existsSync(path.join(candidate, MARKER))) return candidate;
    dir = path.dirname(dir);
  }
  throw new StudioError('NotFoundError', userText('The sample files were not found (no resources/samples/ above {folder}); set NLP_STUDIO_SAMPLES to their folder', { folder: from }));
}
