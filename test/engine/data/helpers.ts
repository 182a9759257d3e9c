/** Shared by the data tests: a throw-away workspace, files written into it, and error assertions. */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { ImportOptions, type ImportOptionsInput } from '../../../contract/corpus.ts';
import { StudioError, type ErrorName } from '../../../contract/errors.ts';
import { Workspace } from '../../../engine/workspace/workspace.ts';

export const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'corpora');

const roots: string[] = [];
after(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

/** A fresh folder holding a workspace (`ws/`) and room for input files beside it. */
export async function tempWorkspace(): Promise<{ ws: Workspace; dir: string; file: (name: string, content: string | Uint8Array) => Promise<string> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nlp-data-test-'));
  roots.push(dir);
  const ws = await Workspace.open(path.join(dir, 'ws'));
  const file = async (name: string, content: string | Uint8Array) => {
    const target = path.join(dir, name);
    await writeFile(target, content);
    return target;
  };
  return { ws, dir, file };
}

export const options = (input: ImportOptionsInput = {}) => ImportOptions.parse(input);

export const noControl = () => ({ signal: new AbortController().signal, onProgress: () => {} });

/** Everything under corpora/, recursively, so "nothing changed" can be asserted. */
export async function corporaListing(ws: Workspace): Promise<string[]> {
  return (await readdir(ws.corporaDir, { recursive: true })).map(String).sort();
}

export async function assertStudioError(
  promise: Promise<unknown>,
  expected: { name: ErrorName; file?: string; line?: number; message?: RegExp },
): Promise<StudioError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof StudioError, `expected a StudioError, got ${String(caught)}`);
  assert.equal(caught.name, expected.name, caught.message);
  if ('file' in expected) assert.equal(caught.file, expected.file);
  if ('line' in expected) assert.equal(caught.line, expected.line);
  if (expected.message) assert.match(caught.message, expected.message);
  return caught;
}
