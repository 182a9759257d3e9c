/**
 * C = op(A) · op(B) in float32, where op transposes or not: the matrix product every dense layer, recurrent cell
 * and their gradients come down to. Both operands are packed into shared WebAssembly memory (the panel layout of
 * gemm-kernel.ts, zero-padded to whole tiles and to whole unrolled k steps); the main thread and the worker threads
 * then take strips of C along its longer side (gemm-part.ts), each packing its strips' panels of the operand C is
 * split along before computing them with the SIMD kernel; the main thread packs the other operand up front and
 * copies C out at the end.
 *
 * Blocking: k in blocks of KC (a B panel of KC × NR floats = 8 KB stays in L1), A in groups of MC_PANELS panels
 * (MC_PANELS · MR × KC floats = 256 KB stays in L2). Products too small to repay waking a thread (~10–50 µs) run
 * on the main thread alone. */
import { userText } from '../../../contract/user-text.ts';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../worker-threads.ts';
import { gemmModuleBytes, KC, MR, NR, type TilesFn } from './gemm-kernel.ts';
import { aLayout, bLayout, packPanels, paddedK, runPart, runStrips, writePart, type Part } from './gemm-part.ts';
import { CTRL, type GemmWorkerInit } from './gemm-protocol.ts';

const MC_PANELS = 64;
/** Multiply-adds below which a product stays on one thread. */
const PARALLEL_MIN = 1 << 18;
/** Strips per thread: enough for a thread slowed by another process to be made up for by the others. */
const STRIPS_PER_THREAD = 4;
const PAGE = 65536;
const MAX_BYTES = 65536 * PAGE - PAGE;
/** Floats at the start of the heap kept for packed weight matrices (cachedB): 32 MB. */
const CACHE_FLOATS = 8 << 20;
/**
 * How long the main thread, its own strips done, waits for a worker's before deciding it is gone. A worker that
 * was killed cannot say so, and the main thread, blocked in Atomics.wait, cannot hear its exit event; a live worker
 * has at most one strip left (a few ms to a few seconds), so a minute means it is dead or stuck.
 */
const STALL_MS = 60_000;

interface PoolWorker {
  worker: Worker;
  ctrl: Int32Array;
  seq: number;
  /** Why it stopped, once its exit or error event has been heard. */
  stopped: string | null;
}

export interface MatMulArgs {
  a: ArrayLike<number>;
  b: ArrayLike<number>;
  /** C is m × n; the shared dimension is k. */
  m: number;
  n: number;
  k: number;
  /** A is stored k × m (and read transposed) instead of m × k. */
  transposeA: boolean;
  /** B is stored n × k instead of k × n. */
  transposeB: boolean;
  /**
   * Set when B's values cannot change while this object lives (a tfjs variable's data id: tfjs replaces a
   * variable's data when it changes, never writes into it): its packing is kept and reused.
   */
  bKey?: object;
}

export class Gemm {
  private readonly memory: WebAssembly.Memory;
  private readonly tiles: TilesFn;
  private readonly workers: PoolWorker[] = [];
  private readonly stallMs: number;
  private readonly module: WebAssembly.Module;
  private readonly counter = new Int32Array(new SharedArrayBuffer(4));
  private heap: Float32Array;
  private packCache = new WeakMap<object, Map<string, number>>();
  private cacheUsed = 16;

  /** `threads`: threads that compute (this one included). */
  constructor(readonly threads: number = defaultThreads(), options: { stallMs?: number } = {}) {
    this.stallMs = options.stallMs ?? STALL_MS;
    this.memory = new WebAssembly.Memory({ initial: 16, maximum: 65536, shared: true });
    this.module = new WebAssembly.Module(gemmModuleBytes());
    this.tiles = new WebAssembly.Instance(this.module, { env: { mem: this.memory } }).exports.tiles as TilesFn;
    this.heap = new Float32Array(this.memory.buffer);
    for (let t = 1; t < threads; t++) this.workers.push(this.spawn());
  }

  private spawn(): PoolWorker {
    const ctrl = new Int32Array(new SharedArrayBuffer(CTRL.length * 4));
    const worker = startWorker('gemm-worker.cjs', new URL('./gemm-worker.ts', import.meta.url));
    worker.postMessage({ module: this.module, memory: this.memory, ctrl, counter: this.counter } satisfies GemmWorkerInit);
    worker.unref(); // an idle pool must not keep the process alive
    const entry: PoolWorker = { worker, ctrl, seq: 0, stopped: null };
    worker.once('error', (error) => (entry.stopped ??= error.message));
    worker.once('exit', (code) => (entry.stopped ??= userText('exit code {code}', { code })));
    return entry;
  }

  /** Put a new worker in place of one that is gone (or stuck: it is terminated), so later products have their threads. */
  private replace(index: number): void {
    void this.workers[index].worker.terminate();
    this.workers[index] = this.spawn();
  }

  /**
   * Whether a product's packed operands, C and the raw copy fit in one WebAssembly memory (4 GiB at most; a 32-bit
   * address space): a 50,000-word softmax layer over 2,000 positions does, much bigger ones may not.
   */
  fits(m: number, n: number, k: number): boolean {
    const mp = Math.ceil(m / MR) * MR, np = Math.ceil(n / NR) * NR, kp = Math.ceil(k / KC) * KC;
    return (CACHE_FLOATS + mp * kp + np * kp + mp * np + Math.max(m, n) * k) * 4 < MAX_BYTES;
  }

  /** C (m × n, row-major) as a new Float32Array. */
  matMul({ a, b, m, n, k, transposeA, transposeB, bKey }: MatMulArgs): Float32Array {
    // A worker that died since the last product (its exit event has been heard): fail this product — it belongs to
    // the job that was running when the thread died — and start a new worker for the ones after it.
    const dead = this.workers.findIndex((w) => w.stopped !== null);
    if (dead >= 0) {
      const why = this.workers[dead].stopped;
      this.replace(dead);
      throw new Error(userText('A matrix-multiply worker thread stopped unexpectedly ({why}); it has been restarted. Start the training again.', { why: String(why) }));
    }
    if (m === 0 || n === 0) return new Float32Array(m * n);
    if (k === 0) return new Float32Array(m * n);
    const mPanels = Math.ceil(m / MR);
    const nPanels = Math.ceil(n / NR);
    const blocks = Math.ceil(k / KC);
    const kPadded = (blocks - 1) * KC + paddedK(k - (blocks - 1) * KC);
    // Float offsets in the heap: [cached packed Bs | packed A | packed B | C], each 16-byte aligned (all sizes are
    // multiples of 4).
    const bSize = nPanels * NR * kPadded;
    const cached = bKey ? this.cachedB(bKey, n, k, transposeB, bSize) : null;
    const aOff = CACHE_FLOATS;
    const bOff = cached ? cached.offset : aOff + mPanels * MR * kPadded;
    const cOff = aOff + mPanels * MR * kPadded + (cached ? 0 : bSize);
    const ldc = nPanels * NR;
    const parallel = m * n * k >= PARALLEL_MIN && this.workers.length > 0;
    // In parallel, the operand C is split along is packed by the threads, each the panels of its strips, from a
    // raw copy in the heap (after C); the other one here, before they start.
    const alongN = nPanels * NR >= mPanels * MR || mPanels < this.threads;
    const splitB = parallel && alongN && !cached;
    const splitA = parallel && !alongN;
    const rawOff = cOff + mPanels * MR * ldc;
    const split = splitA ? { src: a, ...aLayout(m, k, transposeA) } : splitB ? { src: b, ...bLayout(n, k, transposeB) } : null;
    this.reserve((rawOff + (split ? split.src.length : 0)) * 4);
    if (!splitA) packPanels(this.heap, aOff, a, 0, m, k, aLayout(m, k, transposeA), 0, mPanels, mPanels, MR);
    if (!splitB && !cached?.packed) packPanels(this.heap, bOff, b, 0, n, k, bLayout(n, k, transposeB), 0, nPanels, nPanels, NR);
    if (split) this.heap.set(split.src as Float32Array, rawOff);

    const whole: Part = {
      ap: aOff * 4, bp: bOff * 4, cp: cOff * 4, ldc: ldc * 4, K: k, KC,
      aBlock: mPanels * MR * KC * 4, bBlock: nPanels * NR * KC * 4,
      ip0: 0, ip1: mPanels, jp0: 0, jp1: nPanels, mcp: MC_PANELS, strips: 1, alongN: alongN ? 1 : 0,
      raw: split ? rawOff : 0, lines: splitA ? m : n, lineStride: split?.lineStride ?? 0, kStride: split?.kStride ?? 0,
    };
    if (!parallel) runPart(this.tiles, whole);
    else {
      const count = alongN ? nPanels : mPanels;
      const job: Part = { ...whole, strips: Math.min(count, this.threads * STRIPS_PER_THREAD) };
      Atomics.store(this.counter, 0, 0);
      // Only workers that have started take part: one still loading (just started, or replaced) is not waited for.
      const helping = this.workers.flatMap((w, i) => (Atomics.load(w.ctrl, CTRL.ready) === 1 ? [i] : []));
      helping.forEach((i) => this.post(i, job));
      runStrips(this.tiles, job, this.counter, this.heap);
      // Wait for every worker, even after one failed: none may still be writing into the heap when this returns.
      const failures = helping.map((i) => this.wait(i)).filter((failure) => failure !== null);
      if (failures.length > 0) throw new Error(failures[0]);
    }

    if (ldc === n) return this.heap.slice(cOff, cOff + m * n);
    const c = new Float32Array(m * n);
    for (let i = 0; i < m; i++) c.set(this.heap.subarray(cOff + i * ldc, cOff + i * ldc + n), i * n);
    return c;
  }

  /** Stops the worker threads (the pool is unusable afterwards). */
  dispose(): void {
    for (const { worker, ctrl } of this.workers) {
      Atomics.store(ctrl, CTRL.seq, -1);
      Atomics.notify(ctrl, CTRL.seq);
      void worker.terminate();
    }
    this.workers.length = 0;
  }

  /**
   * A recurrent layer multiplies the same weight matrix at every time step (and its transpose at every step
   * back): pack it once per training step instead of once per time step. Only for a B whose `bKey` says its
   * values are fixed, and small Bs (large ones are not reused within a step); when the area is full it starts over.
   */
  private cachedB(b: object, n: number, k: number, transposed: boolean, size: number): { offset: number; packed: boolean } | null {
    if (size > CACHE_FLOATS / 4) return null;
    const key = `${n}x${k}${transposed ? 'T' : ''}`;
    const entry = this.packCache.get(b)?.get(key);
    if (entry !== undefined) return { offset: entry, packed: true };
    if (this.cacheUsed + size > CACHE_FLOATS) {
      this.packCache = new WeakMap();
      this.cacheUsed = 16;
    }
    const offset = this.cacheUsed;
    this.cacheUsed += size;
    const forArray = this.packCache.get(b) ?? new Map<string, number>();
    forArray.set(key, offset);
    this.packCache.set(b, forArray);
    this.reserve(this.cacheUsed * 4);
    return { offset, packed: false };
  }

  private reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE));
    if (this.heap.buffer.byteLength !== this.memory.buffer.byteLength) this.heap = new Float32Array(this.memory.buffer);
  }

  private post(index: number, part: Part): void {
    const w = this.workers[index];
    writePart(w.ctrl, CTRL.part, part);
    Atomics.store(w.ctrl, CTRL.seq, ++w.seq);
    Atomics.notify(w.ctrl, CTRL.seq);
  }

  /** Waits for worker `index` to finish the current part; returns why it could not, or null. */
  private wait(index: number): string | null {
    const w = this.workers[index];
    const deadline = Date.now() + this.stallMs;
    for (let done = Atomics.load(w.ctrl, CTRL.done); done !== w.seq; done = Atomics.load(w.ctrl, CTRL.done)) {
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(w.ctrl, CTRL.done, done, left) === 'timed-out') {
        this.replace(index);
        return `A matrix-multiply worker thread did not finish its part within ${Math.round(this.stallMs / 1000)} s (it stopped or is stuck); it has been restarted. Start the training again.`;
      }
    }
    if (Atomics.load(w.ctrl, CTRL.failed) === w.seq) return 'A matrix-multiply worker thread failed (its error is in the engine log); start the training again.';
    return null;
  }
}

export function defaultThreads(): number {
  const forced = Number(process.env.NLP_STUDIO_THREADS);
  if (Number.isInteger(forced) && forced >= 1) return forced;
  return Math.max(1, Math.min(availableParallelism(), 8));
}

