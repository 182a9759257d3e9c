/**
 * What a training run records about its own cost, for `diagnostics.json` in the run folder and the benchmarks:
 * live tensors and resident memory every MEMORY_EVERY steps (both must stay flat: a leak shows as a slope), and,
 * when asked (NLP_STUDIO_PROFILE_STEP=N), the kernels of step N by total time — where a step's time goes.
 */
import * as tf from '@tensorflow/tfjs';

export const MEMORY_EVERY = 100;

export interface MemorySample {
  step: number;
  tensors: number;
  rssBytes: number;
}

export interface KernelTime {
  kernel: string;
  calls: number;
  ms: number;
}

export interface Diagnostics {
  backend: string;
  memory: MemorySample[];
  /** Step profiled, and its kernels, slowest first. */
  profile: { step: number; wallMs: number; kernels: KernelTime[] } | null;
}

export function memorySample(step: number): MemorySample {
  return { step, tensors: tf.memory().numTensors, rssBytes: process.memoryUsage().rss };
}

/** Runs `step` under tf.profile and sums its kernels' times by kernel name. */
export async function profileStep(step: () => void): Promise<{ wallMs: number; kernels: KernelTime[] }> {
  const start = performance.now();
  const info = await tf.profile(step);
  const wallMs = performance.now() - start;
  const byName = new Map<string, KernelTime>();
  for (const k of info.kernels) {
    if (k.name.endsWith('__op')) continue; // an op's own record around its kernel: counted once, as the kernel
    const row = byName.get(k.name) ?? { kernel: k.name, calls: 0, ms: 0 };
    row.calls++;
    row.ms += Number(await k.kernelTimeMs);
    byName.set(k.name, row);
  }
  return { wallMs, kernels: [...byName.values()].sort((a, b) => b.ms - a.ms) };
}

export function profileStepFromEnv(): number | null {
  const n = Number(process.env.NLP_STUDIO_PROFILE_STEP);
  return Number.isInteger(n) && n >= 1 ? n : null;
}
