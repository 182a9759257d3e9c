/**
 * The Simplified Chinese catalogue: English text → its translation, one file per part of the UI (so several people
 * can translate at once). A key may appear in only one file; test/renderer/i18n/coverage.test.ts checks that
 * every `t`/`tn`/`msg` string in the renderer has an entry, that no entry is left over, and that no key is in two files.
 */
import { common } from './common.ts';
import { corpora } from './corpora.ts';
import { explore } from './explore.ts';
import { runs } from './runs.ts';
import { shell } from './shell.ts';
import { train } from './train.ts';

export const parts: Record<string, Record<string, string>> = { common, shell, corpora, train, runs, explore };

export const zhCN: Record<string, string> = Object.assign({}, ...Object.values(parts));
