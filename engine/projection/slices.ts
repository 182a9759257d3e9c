/**
 * Long projection loops run on the engine's main thread, so they give the event loop a turn every few tens of
 * milliseconds: the engine keeps answering other calls (and training keeps reporting) while a layout is computed.
 */

/** How long a loop computes before it yields. */
export const SLICE_MS = 30;

export class Slicer {
  private until = performance.now() + SLICE_MS;

  /** Call often inside a loop: yields to the event loop once the current slice is used up. */
  async tick(): Promise<void> {
    if (performance.now() < this.until) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.until = performance.now() + SLICE_MS;
  }
}

/** A small seeded generator (mulberry32): the same seed gives the same layout on every machine. Values in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
