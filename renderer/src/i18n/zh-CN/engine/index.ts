/**
 * The Simplified Chinese catalogue of the engine's text: each `userText` template in engine/, contract/, server/ and main/ → its
 * translation, one file per part of the engine (so several people can translate at once). Kept apart from the UI's
 * catalogue because the UI matches incoming English against these templates (../../engine-text.ts), and fewer
 * templates match faster. test/renderer/i18n/engine-coverage.test.ts checks that every template has an entry with
 * the same placeholders, that none is left over, and and that no key is here twice (the UI's catalogue is
 * another namespace: the same English may stand in both).
 */
import { contract } from './contract.ts';
import { data } from './data.ts';
import { jobs } from './jobs.ts';
import { results } from './results.ts';
import { server } from './server.ts';
import { training } from './training.ts';

export const engineParts: Record<string, Record<string, string>> = { contract, data, training, jobs, results, server };

export const zhCNEngine: Record<string, string> = Object.assign({}, ...Object.values(engineParts));
