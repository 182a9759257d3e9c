/**
 * A run is a folder `runs/<id>/`: `run.json` (config, status and final figures, rewritten atomically) and
 * `metrics.jsonl` (one MetricPoint a line, appended while training), plus the model files.
 */
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import { MetricPoint, RunInfo, migrateSpec } from '../../contract/runs.ts';
import { RunReport } from '../../contract/models.ts';
import type { RunSpec, RunStatus, RunSummary } from '../../contract/runs.ts';
import type { BackendName } from '../../contract/backend.ts';
import type { ErrorData } from '../../contract/errors.ts';
import { appendFileChecked, writeFileAtomic, writeJsonAtomic } from '../workspace/atomic.ts';
import { newId } from '../workspace/workspace.ts';
import type { Workspace } from '../workspace/workspace.ts';

/** Holds the pid of the process training the run, while it runs. */
const OWNER_FILE = '.owner';

export class RunStore {
  /** Runs whose folder is outside the workspace (CLI `--out DIR`), for the life of this process. */
  private readonly outside = new Map<string, string>();

  constructor(private readonly ws: Workspace) {}

  dir(id: string): string {
    return this.outside.get(id) ?? this.ws.runDir(id);
  }

  async create(init: { name?: string; corpusId: string | null; corpusName: string; spec: RunSpec; backend: BackendName | null; outDir?: string }): Promise<RunInfo> {
    const id = newId('r');
    if (init.outDir) this.outside.set(id, path.resolve(init.outDir));
    const run: RunInfo = {
      id,
      name: init.name ?? `${init.spec.model} · ${init.corpusName}`,
      corpusId: init.corpusId,
      corpusName: init.corpusName,
      status: 'running',
      createdAt: new Date().toISOString(),
      finishedAt: null,
      backend: init.backend,
      spec: init.spec,
      summary: null,
      error: null,
      tags: [],
    };
    await writeJsonAtomic(path.join(this.dir(id), 'run.json'), run);
    await writeFileAtomic(path.join(this.dir(id), OWNER_FILE), String(process.pid));
    return run;
  }

  /** Append one point to the run's history. A crash can only lose or tear the last line, which reading skips. */
  async appendMetric(id: string, point: MetricPoint): Promise<void> {
    await appendFileChecked(path.join(this.dir(id), 'metrics.jsonl'), JSON.stringify(point) + '\n');
  }

  async finish(id: string, outcome: { status: Exclude<RunStatus, 'running'>; summary?: RunSummary; error?: ErrorData }): Promise<RunInfo> {
    const run = await this.get(id);
    const done: RunInfo = { ...run, status: outcome.status, finishedAt: new Date().toISOString(), summary: outcome.summary ?? run.summary, error: outcome.error ?? null };
    // essential: on a full disk the workspace's reserve is freed so that a run can still be marked failed.
    await writeJsonAtomic(path.join(this.dir(id), 'run.json'), done, { essential: true });
    await rm(path.join(this.dir(id), OWNER_FILE), { force: true });
    return done;
  }

  async get(id: string): Promise<RunInfo> {
    let text: string;
    try {
      text = await readFile(path.join(this.dir(id), 'run.json'), 'utf8');
    } catch {
      throw new StudioError('NotFoundError', `Run ${id} does not exist`);
    }
    const raw = JSON.parse(text) as { spec?: unknown };
    // Runs made before the family seam stored a flat config: read them in today's shape.
    return RunInfo.parse({ ...raw, spec: migrateSpec(raw.spec) });
  }

  async metrics(id: string): Promise<MetricPoint[]> {
    const text = await readFile(path.join(this.dir(id), 'metrics.jsonl'), 'utf8').catch(() => '');
    const points: MetricPoint[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        points.push(MetricPoint.parse(JSON.parse(line)));
      } catch {
        // A torn last line after a crash: skip it rather than lose the whole history.
      }
    }
    return points;
  }

  /** The run's report (confusion matrix, samples, test metrics), written by neural trainers; null if none. */
  async report(id: string): Promise<RunReport | null> {
    const text = await readFile(path.join(this.dir(id), 'report.json'), 'utf8').catch(() => null);
    return text === null ? null : RunReport.parse(JSON.parse(text));
  }

  async writeReport(id: string, report: RunReport): Promise<void> {
    await writeJsonAtomic(path.join(this.dir(id), 'report.json'), report);
  }

  /** The backend a run actually trained on (it may differ from the selected one, e.g. wasm → cpu). */
  async setBackend(id: string, backend: BackendName): Promise<RunInfo> {
    const updated: RunInfo = { ...(await this.get(id)), backend };
    await writeJsonAtomic(path.join(this.dir(id), 'run.json'), updated);
    return updated;
  }

  /** A paused or interrupted run trains again (resume): `running`, owned by this process; `corpus`: trained on now. */
  async reopen(id: string, corpus?: { id: string; name: string }): Promise<RunInfo> {
    const updated: RunInfo = { ...(await this.get(id)), status: 'running', finishedAt: null, error: null, ...(corpus ? { corpusId: corpus.id, corpusName: corpus.name } : {}) };
    await writeJsonAtomic(path.join(this.dir(id), 'run.json'), updated);
    await writeFileAtomic(path.join(this.dir(id), OWNER_FILE), String(process.pid));
    return updated;
  }

  /** Remember a run folder outside the workspace (the CLI's --out DIR, or `resume --model DIR`). */
  adopt(id: string, dir: string): void {
    this.outside.set(id, path.resolve(dir));
  }

  /** Rename or re-tag a run. */
  async update(id: string, changes: { name?: string; tags?: string[] }): Promise<RunInfo> {
    const run = await this.get(id);
    const updated: RunInfo = { ...run, ...(changes.name !== undefined ? { name: changes.name } : {}), ...(changes.tags !== undefined ? { tags: changes.tags } : {}) };
    await writeJsonAtomic(path.join(this.dir(id), 'run.json'), updated);
    return updated;
  }

  /** Newest first. A run folder with a missing or corrupt run.json is skipped, not fatal. */
  async list(): Promise<RunInfo[]> {
    const names = await readdir(this.ws.runsDir).catch(() => [] as string[]);
    const runs = await Promise.all(names.filter((n) => n.startsWith('r-')).map((n) => this.get(n).catch(() => null)));
    return runs.filter((r): r is RunInfo => r !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async delete(id: string): Promise<void> {
    await this.get(id);
    await rm(this.dir(id), { recursive: true, force: true });
  }

  /**
   * Runs still marked `running` when the engine starts were interrupted (crash, kill, power loss). One with a
   * checkpoint (`checkpoints/last.json`) becomes `paused`, resumable; the others are marked failed so the UI does
   * not wait for them forever.
   */
  async markInterrupted(): Promise<void> {
    for (const run of await this.list()) await this.markInterruptedRun(run);
  }

  /** One run (also one outside the workspace, e.g. `resume --model DIR`): see markInterrupted. */
  async markInterruptedRun(run: RunInfo): Promise<RunInfo> {
    // Another process (the CLI beside the desktop app) may be training in the same workspace right now.
    if (run.status !== 'running' || (await this.ownerAlive(run.id))) return run;
    const resumable = await stat(path.join(this.dir(run.id), 'checkpoints', 'last.json')).then(() => true, () => false);
    if (resumable) return this.finish(run.id, { status: 'paused' });
    return this.finish(run.id, { status: 'failed', error: { name: 'InternalError', message: 'Interrupted: the engine stopped before the run finished' } });
  }

  private async ownerAlive(id: string): Promise<boolean> {
    const pid = Number(await readFile(path.join(this.dir(id), OWNER_FILE), 'utf8').catch(() => ''));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}
