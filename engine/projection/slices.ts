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

