/** Which tensor backend the engine runs on, and why the ones before it in the preference order were not used. */
import { z } from './zod.ts';

/**
 * Preference order: native GPU → native CPU → the embedded WebAssembly backend (tfjs's JS backend with WebAssembly
 * SIMD kernels, multi-threaded) → tfjs's pure-JS backend.
 */
export const BackendName = z.enum(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
export type BackendName = z.infer<typeof BackendName>;

export const BackendAttempt = z.object({
  backend: BackendName,
  ok: z.boolean(),
  /** Why it was skipped or failed; for the chosen backend, what it runs on. */
  reason: z.string(),
});
export type BackendAttempt = z.infer<typeof BackendAttempt>;

export const BackendReport = z.object({
  chosen: BackendName,
  /** The package that provides the chosen backend, e.g. `@tensorflow/tfjs-node@4.22.0`. */
  package: z.string(),
  /** The device actually used (e.g. "CPU (WebAssembly SIMD, 2 threads)", "GPU: NVIDIA …"), not what the package promises. */
  device: z.string(),
  /** Set when the user forced a backend (`--backend`, NLP_STUDIO_BACKEND or the settings). */
  forced: BackendName.optional(),
  attempts: z.array(BackendAttempt),
});
export type BackendReport = z.infer<typeof BackendReport>;
