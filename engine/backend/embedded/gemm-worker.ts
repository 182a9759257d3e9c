/**
 * A GEMM worker thread (see gemm.ts): instantiates the kernel on the shared memory, then sleeps in Atomics.wait
 * until the main thread publishes a product, takes strips of it until none is left, and signals done. Bundled to dist/engine/gemm-worker.cjs.
 */
import { parentPort } from 'node:worker_threads';
import type { TilesFn } from './gemm-kernel.ts';
import { CTRL, type GemmWorkerInit } from './gemm-protocol.ts';
import { readPart, runStrips } from './gemm-part.ts';

parentPort!.once('message', ({ module, memory, ctrl, counter }: GemmWorkerInit) => {
  const tiles = new WebAssembly.Instance(module, { env: { mem: memory } }).exports.tiles as TilesFn;
  let seen = 0;
  let heap = new Float32Array(memory.buffer);
  Atomics.store(ctrl, CTRL.ready, 1);
  for (;;) {
    Atomics.wait(ctrl, CTRL.seq, seen);
    seen = Atomics.load(ctrl, CTRL.seq);
    if (seen < 0) return; // shut down
    if (heap.length * 4 !== memory.buffer.byteLength) heap = new Float32Array(memory.buffer); // grown since
    try {
      runStrips(tiles, readPart(ctrl, CTRL.part), counter, heap);
    } catch (error) {
      // Say so instead of dying: the main thread is blocked waiting for this part and would wait forever.
      console.error('[engine] a matrix-multiply worker thread failed:', error);
      Atomics.store(ctrl, CTRL.failed, seen);
    }
    Atomics.store(ctrl, CTRL.done, seen);
    Atomics.notify(ctrl, CTRL.done);
  }
});
