/**
 * The host's link to the engine process. Calls go through an RpcClient; events fan out to listeners. When the
 * engine dies, waiting calls fail with EngineCrashedError, its running jobs are reported failed, every window is
 * told — which jobs (and so which runs) were running and the last lines the engine printed — and a new engine is
 * started (unless it keeps crashing). The new engine marks the runs it finds still `running` resumable from their
 * last checkpoint (RunStore.markInterrupted), so the windows can offer to resume them.
 */
import { userText } from '../../contract/user-text.ts';
import { StudioError, errorToData } from '../../contract/errors.ts';
import { RpcClient } from '../../contract/client.ts';
import type { JobEvent, JobSummary } from '../../contract/jobs.ts';
import type { EngineEvent } from '../../contract/events.ts';
import type { EngineProcess, SpawnEngine } from './engine-process.ts';

type EventListener = (event: string, payload: unknown) => void;

/** More crashes than this within a minute and we stop restarting: something is wrong beyond one bad job. */
const MAX_RESTARTS_PER_MINUTE = 5;

export class EngineConnection {
  private process!: EngineProcess;
  private client!: RpcClient;
  private readonly listeners = new Set<EventListener>();
  /** The jobs running in the current engine, as they started: a crash reports them by name and run. */
  private readonly runningJobs = new Map<string, JobSummary>();
  /** Jobs whose engine we kill on purpose (a cancel that did not stop in time): reported cancelled, not failed. */
  private readonly killedJobs = new Set<string>();
  private readonly restarts: number[] = [];
  private disposed = false;

  constructor(private readonly spawn: SpawnEngine) {
    this.start();
  }

  call(method: string, input: unknown): Promise<unknown> {
    return this.client.call(method, input);
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  isRunning(jobId: string): boolean {
    return this.runningJobs.has(jobId);
  }

  /** Hard cancel: kill the engine (and with it every job in it); it is restarted at once. */
  killForCancel(jobId: string): void {
    this.killedJobs.add(jobId);
    this.process.kill();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.client.close(new StudioError('InternalError', userText('The engine was shut down')));
    this.process.kill();
  }

  private start(): void {
    const proc = this.spawn();
    const client = new RpcClient(proc.port);
    this.process = proc;
    this.client = client;
    client.on('job', (payload) => {
      this.track(payload as JobEvent);
      this.emit('job', payload);
    });
    client.on('engine', (payload) => this.emit('engine', payload));
    proc.onExit((code, signal) => this.crashed(client, code, signal));
  }

  private track(event: JobEvent): void {
    if (event.type === 'started') this.runningJobs.set(event.job.jobId, event.job);
    else if (event.type !== 'progress') this.runningJobs.delete(event.jobId);
  }

  private crashed(client: RpcClient, code: number | null, signal: string | null): void {
    if (this.disposed) return;
    const error = new StudioError('EngineCrashedError', userText('The engine process stopped unexpectedly ({why})', { why: signal ? userText('signal {signal}', { signal }) : userText('exit code {code}', { code: String(code) }) }));
    client.close(error);
    // The jobs lost to the crash: not those whose engine we killed ourselves to cancel them (reported cancelled),
    // nor projection layouts (nothing was saved or lost: asking again recomputes them; their calls fail anyway).
    const lost = [...this.runningJobs.values()].filter((job) => !this.killedJobs.has(job.jobId) && job.kind !== 'projection');
    const deliberate = this.killedJobs.size > 0 && lost.length === 0;
    for (const jobId of this.runningJobs.keys()) {
      this.emit('job', this.killedJobs.has(jobId) ? { type: 'cancelled', jobId } : { type: 'failed', jobId, error: errorToData(error) });
    }
    this.runningJobs.clear();
    this.killedJobs.clear();
    if (deliberate) {
      // A hard cancel, and nothing else was running: a restart, not a crash to tell the user about.
      this.start();
      return;
    }
    const now = Date.now();
    while (this.restarts.length > 0 && now - this.restarts[0] > 60_000) this.restarts.shift();
    const restarting = this.restarts.length < MAX_RESTARTS_PER_MINUTE;
    const crash: EngineEvent = { type: 'crashed', error: errorToData(error), restarting, jobs: lost, log: this.process.logTail?.() ?? [] };
    this.emit('engine', crash);
    if (restarting) {
      this.restarts.push(now);
      this.start();
    }
  }

  private emit(event: string, payload: unknown): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}
