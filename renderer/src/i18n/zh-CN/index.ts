/**
 * The Simplified Chinese catalogue: English text → its translation, one file per part of the UI (so several people
 * can translate at once). A key may appear in only one file; test/renderer/i18n/coverage.test.ts checks that
 * every `t`/`msg` string in the renderer has an entry and that no entry is left over.
 */
import { common } from './common.ts';

export const zhCN: Record<string, string> = { ...common };
