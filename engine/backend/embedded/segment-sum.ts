/**
 * A linear-time UnsortedSegmentSum, the gradient of `gather`, so of every embedding layer. tfjs-backend-cpu 4.22
 * computes it with one equal·multiply·sum pass per segment, O(segments × N), i.e. once per vocabulary word per
 * step — a tiny GRU tagger with 3,000 words spent ~17 s of its 17.2 s step there. This one adds each row into its
 * segment once (a scatter-add): O(N). Same results (float32 sums in row order).
 */
import type * as tf from '@tensorflow/tfjs';
import { type CpuBackend, valuesOf } from './cpu-backend.ts';

export function segmentSumKernel(backendName: string): tf.KernelConfig {
  return {
    kernelName: 'UnsortedSegmentSum',
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
      const numSegments = (attrs as { numSegments: number }).numSegments;
      const cpu = backend as unknown as CpuBackend;
      const values = valuesOf(cpu, x);
      const ids = valuesOf(cpu, segmentIds);
      const rows = ids.length;
      const width = x.shape.slice(segmentIds.shape.length).reduce((a, b) => a * b, 1);
      const out = x.dtype === 'int32' ? new Int32Array(numSegments * width) : new Float32Array(numSegments * width);
      for (let r = 0; r < rows; r++) {
        const s = ids[r];
        if (s < 0 || s >= numSegments) continue; // as TensorFlow: out-of-range ids are dropped
        const from = r * width;
        const to = s * width;
        for (let j = 0; j < width; j++) out[to + j] += values[from + j];
      }
      return cpu.makeTensorInfo([numSegments, ...x.shape.slice(segmentIds.shape.length)], x.dtype, out);
    },
  };
}
