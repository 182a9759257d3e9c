/**
 * How the training curves are drawn, the same for every chart of the Train and Runs views and kept per browser
 * (localStorage): TensorBoard's smoothing, linear or log loss axes, ratios and scores on their full range or zoomed
 * to the data.
 */
const STORAGE_KEY = 'nlp-studio.charts';
export const MAX_SMOOTHING = 0.99;

export type YScale = 'linear' | 'log';

export class ChartSettings {
  /** The EMA weight, 0 (raw) … 0.99; TensorBoard's default 0.6. */
  smoothing = $state(0.6);
  /** Loss-like curves (loss, perplexity) on a linear or a log axis. */
  scale = $state<YScale>('linear');
  /** Ratios (accuracy, F1) and scores (BLEU, chrF) on an axis fitted to the data instead of 0–1 / 0–100. */
  zoom = $state(false);

  constructor(private readonly storage: Storage | null = browserStorage()) {
    const saved = this.read();
    if (typeof saved.smoothing === 'number' && saved.smoothing >= 0 && saved.smoothing <= MAX_SMOOTHING) this.smoothing = saved.smoothing;
    if (saved.scale === 'linear' || saved.scale === 'log') this.scale = saved.scale;
    if (typeof saved.zoom === 'boolean') this.zoom = saved.zoom;
  }

  setSmoothing(weight: number): void {
    this.smoothing = Math.min(MAX_SMOOTHING, Math.max(0, Math.round(weight * 100) / 100));
    this.save();
  }

  setScale(scale: YScale): void {
    this.scale = scale;
    this.save();
  }

  setZoom(zoom: boolean): void {
    this.zoom = zoom;
    this.save();
  }

  private read(): Record<string, unknown> {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(STORAGE_KEY) ?? '{}');
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {}; // a hand-edited or foreign value: the defaults
    }
  }

  private save(): void {
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify({ smoothing: this.smoothing, scale: this.scale, zoom: this.zoom }));
    } catch {
      // storage full or disabled (private mode): the settings last for this page
    }
  }
}

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // access denied (sandboxed origins)
  }
}

/** The one instance every chart reads. */
export const chartSettings = new ChartSettings();
