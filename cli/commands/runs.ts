/**
 * `nlp-studio runs [--json]`: the workspace's runs, newest first — status (running, paused, interrupted,
 * completed, cancelled, failed), the live process training each (from its lock, any program sharing the
 * workspace), and where its last checkpoint stands (what `resume` would continue from).
 */
import { StudioError } from '../../contract/errors.ts';
import type { RunInfo } from '../../contract/runs.ts';
import { lastCheckpointState } from '../../engine/training/train-loop.ts';
import { parse } from '../args.ts';
import { openSession } from '../engine-session.ts';
import { printJson } from '../output.ts';

interface RunRow {
  id: string;
  name: string;
  model: string;
  status: RunInfo['status'];
  owner: { pid: number; host: string; hostname: string; command: string; purpose: string; startedAt: string; description: string } | null;
  /** The last checkpoint: completed epochs and optimiser steps; null when the run has none (not resumable). */
  checkpoint: { epoch: number; step: number } | null;
  createdAt: string;
  finishedAt: string | null;
}

export async function runRuns(argv: string[]): Promise<void> {
  const { values: v, positionals } = parse(argv, {});
  if (positionals.length > 0) throw new StudioError('ValidationError', 'Usage: nlp-studio runs [--json] [--workspace DIR]');
  // Opening the workspace also marks runs whose training process died as interrupted (or failed): true statuses.
  const session = await openSession(v);
  const rows: RunRow[] = [];
  for (const run of await session.engine.runs.list()) {
    const state = await lastCheckpointState(session.engine.runDir(run.id)).catch(() => null);
    rows.push({
      id: run.id,
      name: run.name,
      model: run.spec.model,
      status: run.status,
      owner: run.owner ?? null,
      checkpoint: state ? { epoch: state.epoch, step: state.step } : null,
      createdAt: run.createdAt,
      finishedAt: run.finishedAt,
    });
  }
  if (v.json) return printJson({ workspace: session.workspaceDir, runs: rows });
  if (rows.length === 0) return console.log(`No runs in ${session.workspaceDir}`);
  const table = [['ID', 'NAME', 'MODEL', 'STATUS', 'CHECKPOINT', 'CREATED', 'OWNER']].concat(
    rows.map((r) => [
      r.id,
      r.name.length > 32 ? `${r.name.slice(0, 31)}…` : r.name,
      r.model,
      r.status,
      r.checkpoint ? `epoch ${r.checkpoint.epoch} · step ${r.checkpoint.step}` : '—',
      r.createdAt.slice(0, 16).replace('T', ' '),
      r.owner ? `${r.owner.command} (pid ${r.owner.pid})` : '',
    ]),
  );
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => [...row[c]].length)));
  for (const row of table) console.log(row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd());
}
