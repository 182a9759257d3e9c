/**
 * The slice of tfjs-backend-cpu's MathBackendCPU that kernels use: a tensor's values are a plain typed array,
 * and a kernel returns a new array wrapped as a TensorInfo. (Its type is not exported by @tensorflow/tfjs.)
 */
import type * as tf from '@tensorflow/tfjs';

export interface CpuBackend {
  data: { get(id: object): { values: tf.TypedArray } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: tf.TypedArray): tf.TensorInfo;
  /** One more tensor shares this data (a kernel returning its input's data under another shape, as Reshape does). */
  incRef(dataId: object): void;
}

export const valuesOf = (backend: CpuBackend, t: tf.TensorInfo): tf.TypedArray => backend.data.get(t.dataId).values;
