/**
 * A run is a folder `runs/<id>/`: `run.json` (config, status and final figures, rewritten atomically) and
 * `metrics.jsonl` (one MetricPoint a line, appended while training), plus the model files.
 *
 * While a process trains a run (or deletes it) it holds the run's lock, `runs/<id>/.lock` (engine/workspace/
 * lock.ts): taken before run.json says `running`, released after it says anything else. So a run marked
 * `running` without a live lock was left by a process that died, and another process refuses to delete or
 * resume a run whose lock is live, naming the owner.
 */
import { userText } from '../../contract/user-text.ts';
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import { MetricPoint, RunInfo, migrateSpec } from '../../contract/runs.ts';
import { RunReport } from '../../contract/models.ts';
import type { RunOwner, RunResume, RunSpec, RunStatus, RunSummary } from '../../contract/runs.ts';
import type { BackendName } from '../../contract/backend.ts';
import type { ErrorData } from '../../contract/errors.ts';
import { appendFileChecked, writeFileAtomic, writeJsonAtomic } from '../workspace/atomic.ts';
import { newId } from '../workspace/workspace.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { describeLock, liveOwner, tryLock, type HeldLock, type LockOwner } from '../workspace/lock.ts';

/** The run's lock while a process trains or deletes it. */
const LOCK_FILE = '.lock';
/** Before lock.ts: the pid of the process training the run. Removed when such a run finishes. */
const LEGACY_OWNER_FILE = '.owner';

/** What the lock's owner is doing, for the run a caller wanted: "being trained by nlp-studio train (pid …)". */
const toRunOwner = (o: LockOwner): RunOwner => ({ pid: o.pid, hostname: o.hostname, host: o.host, command: o.command, purpose: o.purpose, startedAt: o.startedAt, description: describeLock(o) });

export class RunStore {
  /** Runs whose folder is outside the workspace (CLI `--out DIR`), for the life of this process. */
  private readonly outside = new Map<string, string>();
  /** The runs this process holds the lock of (training, resuming, deleting, checking), by run id. */
  private readonly locks = new Map<string, HeldLock>();

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
    // The lock first: a run.json that says `running` always has its owner's lock beside it.
    await mkdir(this.dir(id), { recursive: true });
    await this.claim(id, 'training');
    try {
      await writeJsonAtomic(path.join(this.dir(id), 'run.json'), run);
    } catch (error) {
      await this.release(id);
      throw error;
    }
    return run;
  }

  /**
   * Take the run's lock for `purpose` ('training', 'deleting', 'checking'), or refuse naming the live process that
   * holds it — in this process or any other sharing the workspace. Atomic: of two callers, one wins.
   */
  async claim(id: string, purpose: string): Promise<void> {
    const mine = this.locks.get(id);
    if (mine) throw this.busy(id, mine.owner);
    let attempt;
    try {
      attempt = await tryLock(path.join(this.dir(id), LOCK_FILE), purpose);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('NotFoundError', userText('Run {id} does not exist', { id }));
      throw error;
    }
    if ('owner' in attempt) throw this.busy(id, attempt.owner);
    this.locks.set(id, attempt.held);
  }

  /** Let go of the run's lock, if this process holds it. */
  async release(id: string): Promise<void> {
    const lock = this.locks.get(id);
    this.locks.delete(id);
    await lock?.release();
  }

  /** Does this process hold the run's lock? */
  holds(id: string): boolean {
    return this.locks.has(id);
  }

  /** The live process holding the run's lock (this one included), or null. */
  async owner(id: string): Promise<RunOwner | null> {
    const mine = this.locks.get(id);
    const owner = mine?.owner ?? (await liveOwner(path.join(this.dir(id), LOCK_FILE)));
    return owner ? toRunOwner(owner) : null;
  }

  private busy(id: string, owner: LockOwner): StudioError {
    const params = { id, owner: describeLock(owner) };
    if (owner.purpose === 'deleting') return new StudioError('InUseError', userText('Run {id} is {owner}', params));
    if (owner.purpose === 'training') return new StudioError('InUseError', userText('Run {id} is {owner}: wait for it to finish, or pause or cancel it there', params));
    return new StudioError('InUseError', userText('Run {id} is {owner}: try again in a moment', params));
  }

  /** Append one point to the run's history. A crash can only lose or tear the last line, which reading skips. */
  async appendMetric(id: string, point: MetricPoint): Promise<void> {
    await appendFileChecked(path.join(this.dir(id), 'metrics.jsonl'), JSON.stringify(point) + '\n');
  }

  /** The run's final status; then its lock (if this process holds it) is released. */
  async finish(id: string, outcome: { status: Exclude<RunStatus, 'running'>; summary?: RunSummary; error?: ErrorData }): Promise<RunInfo> {
    try {
      const run = await this.read(id);
      const done: RunInfo = { ...run, status: outcome.status, finishedAt: new Date().toISOString(), summary: outcome.summary ?? run.summary, error: outcome.error ?? null };
      // essential: on a full disk the workspace's reserve is freed so that a run can still be marked failed.
      await writeJsonAtomic(path.join(this.dir(id), 'run.json'), done, { essential: true });
      await rm(path.join(this.dir(id), LEGACY_OWNER_FILE), { force: true });
      return done;
    } finally {
      await this.release(id);
    }
  }

  /**
   * The run as stored, with its live owner while it trains. A run still marked `running` whose owner died is
   * marked interrupted on the way (see markInterruptedRun), so every reader sees a true status.
   */
  async get(id: string): Promise<RunInfo> {
    const run = await this.read(id);
    if (run.status !== 'running') return run;
    const checked = this.locks.has(id) ? run : await this.markInterruptedRun(run);
    return checked.status === 'running' ? { ...checked, owner: await this.owner(id) } : checked;
  }

  /** run.json as written, without looking at owners. */
  private async read(id: string): Promise<RunInfo> {
    let text: string;
    try {
      text = await readFile(path.join(this.dir(id), 'run.json'), 'utf8');
    } catch {
      throw new StudioError('NotFoundError', userText('Run {id} does not exist', { id }));
    }
    const raw = JSON.parse(text) as { spec?: unknown };
    // Runs made before the family seam stored a flat config: read them in today's shape. `owner` is never stored.
    const { owner: _, ...run } = RunInfo.parse({ ...raw, spec: migrateSpec(raw.spec) });
    return run;
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
    const updated: RunInfo = { ...(await this.read(id)), backend };
    await writeJsonAtomic(path.join(this.dir(id), 'run.json'), updated);
    return updated;
  }

  /**
   * A paused, interrupted or diverged run trains again (resume): `running`; `corpus`: trained on now; `spec`: the
   * settings it trains with from now on; `resume`: the record of this resume, appended to the run's `resumes`. The
   * caller has claimed the run (claim(id, 'training')), so no other process can be resuming or deleting it.
   */
  async reopen(id: string, changes: { corpus?: { id: string; name: string }; spec?: RunSpec; resume?: RunResume } = {}): Promise<RunInfo> {
    if (!this.locks.has(id)) throw new StudioError('InternalError', userText('Run {id} must be claimed before it is reopened', { id }));
    const { corpus, spec, resume } = changes;
    const run = await this.read(id);
    const updated: RunInfo = {
      ...run,
      status: 'running',
      finishedAt: null,
      error: null,
      ...(corpus ? { corpusId: corpus.id, corpusName: corpus.name } : {}),
      ...(spec ? { spec } : {}),
      ...(resume ? { resumes: [...(run.resumes ?? []), resume] } : {}),
    };
    await writeJsonAtomic(path.join(this.dir(id), 'run.json'), updated);
    return updated;
  }

  /**
   * Before a resume from the checkpoint at `step`: cut a torn last line of metrics.jsonl (a crash mid-append) and
   * drop the points recorded after that step (trained again now), so the history never holds a step twice and new
   * points are not appended to half a line. Returns what was removed.
   */
  async prepareResume(id: string, step: number): Promise<{ torn: number; dropped: number }> {
    const file = path.join(this.dir(id), 'metrics.jsonl');
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) return { torn: 0, dropped: 0 };
    const kept: string[] = [];
    let torn = 0;
    let dropped = 0;
    for (const line of text.split('\n')) {
      if (!line) continue;
      let point: MetricPoint;
      try {
        point = MetricPoint.parse(JSON.parse(line));
      } catch {
        torn++;
        continue;
      }
      if (point.step > step) dropped++;
      else kept.push(line);
    }
    if (torn > 0 || dropped > 0 || (text.length > 0 && !text.endsWith('\n'))) await writeFileAtomic(file, kept.map((l) => `${l}\n`).join(''));
    return { torn, dropped };
  }

  /** Remember a run folder outside the workspace (the CLI's --out DIR, or `resume --model DIR`). */
  adopt(id: string, dir: string): void {
    this.outside.set(id, path.resolve(dir));
  }

  /** Rename or re-tag a run. */
  async update(id: string, changes: { name?: string; tags?: string[] }): Promise<RunInfo> {
    const run = await this.read(id);
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

  /**
   * Delete the run's folder — refused, naming the owner, while any live process trains it. The lock is taken for
   * the deletion, so a resume starting meanwhile is refused too; the folder is moved aside first (one rename), so
   * no reader sees half of it.
   */
  async delete(id: string): Promise<void> {
    await this.read(id);
    await this.claim(id, 'deleting');
    const dir = this.dir(id);
    try {
      const inWorkspace = !this.outside.has(id);
      const trash = path.join(path.dirname(dir), `.${id}.deleting`);
      if (inWorkspace) await rename(dir, trash);
      await rm(inWorkspace ? trash : dir, { recursive: true, force: true });
      this.outside.delete(id);
    } finally {
      await this.release(id); // the lock went with the folder; this forgets it
    }
  }

  /**
   * Runs still marked `running` whose owner is gone were interrupted (crash, kill, power loss). Checked when an
   * engine starts and whenever such a run is read.
   */
  async markInterrupted(): Promise<void> {
    for (const run of await this.list()) await this.markInterruptedRun(run);
  }

  /**
   * One run (also one outside the workspace, e.g. `resume --model DIR`). If it says `running` but no live process
   * holds its lock, its owner died: with a checkpoint (`checkpoints/last.json`) it becomes `interrupted`,
   * resumable; without one `failed`, so nobody waits for it forever. Taking the lock to do so means two processes
   * checking at once cannot both rewrite it, and one really training it is left alone.
   */
  async markInterruptedRun(run: RunInfo): Promise<RunInfo> {
    if (run.status !== 'running' || this.locks.has(run.id)) return run;
    try {
      await this.claim(run.id, 'checking');
    } catch (error) {
      if (error instanceof StudioError && error.name === 'InUseError') return run; // a live owner: still training
      throw error;
    }
    let now: RunInfo;
    try {
      now = await this.read(run.id);
    } catch (error) {
      await this.release(run.id);
      throw error;
    }
    if (now.status !== 'running') {
      await this.release(run.id); // it finished just before its owner exited
      return now;
    }
    const resumable = await stat(path.join(this.dir(run.id), 'checkpoints', 'last.json')).then(() => true, () => false);
    if (resumable) return this.finish(run.id, { status: 'interrupted', error: { name: 'InternalError', message: userText('Interrupted: the process training it stopped before the run finished. Resume continues from its last checkpoint.') } });
    return this.finish(run.id, { status: 'failed', error: { name: 'InternalError', message: userText('Interrupted: the process training it stopped before the run finished, and before its first checkpoint') } });
  }
}
