/** `file.identify`: what a dropped or picked file is (corpus, exported model, word vectors), to import it as that. */
import type { EngineMethods, Handlers } from '../../contract/methods.ts';
import { identifyFile } from '../files/identify.ts';

export function fileHandlers(): Pick<Handlers<EngineMethods>, 'file.identify'> {
  return {
    'file.identify': async ({ path, displayName }) => identifyFile(path, displayName),
  };
}
