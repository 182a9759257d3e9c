/** Events pushed from the engine (through the host) to every connected window. */
import { z } from './zod.ts';
import { BackendReport } from './backend.ts';
import { ErrorData } from './errors.ts';
import { JobEvent, JobSummary } from './jobs.ts';
import { PickedFile } from './methods.ts';

export const EngineEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), backend: BackendReport }),
  /**
   * The engine process died. Running jobs are reported failed; the host restarts it when `restarting`. `jobs`: the
   * jobs that were running in it (a training job's run is marked resumable or failed when the next engine starts);
   * `log`: the last lines the engine printed (stdout and stderr), oldest first — what it said before it died.
   */
  z.object({ type: z.literal('crashed'), error: ErrorData, restarting: z.boolean(), jobs: z.array(JobSummary), log: z.array(z.string()) }),
]);
export type EngineEvent = z.infer<typeof EngineEvent>;

/** Files the user picked from the application menu (File › Add files…), for the Corpora view to preview. */
export const FilesEvent = z.discriminatedUnion('type', [z.object({ type: z.literal('picked'), files: z.array(PickedFile) })]);
export type FilesEvent = z.infer<typeof FilesEvent>;

/**
 * The desktop shell asks the window to show a view: the Go menu (⌘/Ctrl+1…4), or a click on a "training finished"
 * notification (the run). The web host never sends it.
 */
export const NavigateEvent = z.object({ view: z.enum(['corpora', 'train', 'runs', 'explore']), param: z.string().max(200).nullable() });
export type NavigateEvent = z.infer<typeof NavigateEvent>;

export const studioEvents = {
  job: JobEvent,
  engine: EngineEvent,
  files: FilesEvent,
  navigate: NavigateEvent,
} as const;
export type StudioEvents = typeof studioEvents;
export type EventName = keyof StudioEvents;
export type EventPayload<E extends EventName> = z.infer<StudioEvents[E]>;
export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;
