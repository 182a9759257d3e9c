/**
 * `app.diagnostics`: what the engine process costs right now — resident memory, heap, live tensors, open handles —
 * so a soak test (bench/soak.mjs) or a curious user can see whether anything grows over hours of training.
 */
import type { EngineMethods, Handlers } from '../../contract/methods.ts';

type AppHandlers = Pick<Handlers<EngineMethods>, 'app.diagnostics'>;

/** tfjs keeps its engine on the global object; read it there so asking does not load tfjs (the CLI's word2vec never does). */
function liveTensors(): number | null {
  const engine = (globalThis as { _tfengine?: { memory(): { numTensors: number } } })._tfengine;
  return engine ? engine.memory().numTensors : null;
}

export function appHandlers(): AppHandlers {
  return {
    'app.diagnostics': async () => {
      const memory = process.memoryUsage();
      return {
        pid: process.pid,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        tensors: liveTensors(),
        handles: process.getActiveResourcesInfo().length,
        uptimeSeconds: process.uptime(),
      };
    },
  };
}
