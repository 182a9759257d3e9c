/**
 * The colours the explorer's canvas draws with, taken from the page's theme (app.css --scatter-*: light or dark,
 * from the OS). A canvas does not follow CSS by itself: the scene is given a theme and redrawn when the scheme
 * changes (ScatterCanvas.svelte). Kept apart from the scene so the choice is testable without a DOM.
 */
export type Rgb = [number, number, number];

export interface SceneTheme {
  /** The canvas's fill; far points in 3-D fade toward it, labels get a halo of it. */
  background: Rgb;
  /** Axes, plain labels, the selected point and the hover box: the text colour. */
  ink: Rgb;
  /** The selected word's ring and the lines to its neighbours. */
  accent: string;
  /** Neighbour labels: the accent readable as text on the background. */
  accentText: string;
  found: string;
  analogy: string;
  /** Analogy labels: the analogy colour readable as text on the background. */
  analogyText: string;
}

/** The light theme's colours, also what a page without the variables (a test, an old stylesheet) gets. */
export const LIGHT: SceneTheme = {
  background: [251, 252, 253],
  ink: [28, 35, 48],
  accent: '#4263eb',
  accentText: '#2f45b5',
  found: '#c2255c',
  analogy: '#e8590c',
  analogyText: '#c2410c',
};

/** '#rgb', '#rrggbb' or 'rgb(r, g, b)' / 'rgb(r g b)' as [r, g, b]; null for anything else. */
export function parseColour(text: string): Rgb | null {
  const s = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(s);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    return [0, 2, 4].map((k) => parseInt(h.slice(k, k + 2), 16)) as Rgb;
  }
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/.exec(s);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : null;
}

/**
 * The theme from the page's custom properties, read through `read` (a getComputedStyle lookup in the app); each
 * colour missing or unreadable falls back to the light theme's.
 */
export function sceneTheme(read: (name: string) => string): SceneTheme {
  const rgb = (name: string, fallback: Rgb) => parseColour(read(name)) ?? fallback;
  const css = (name: string, fallback: string) => (parseColour(read(name)) ? read(name).trim() : fallback);
  return {
    background: rgb('--scatter-bg', LIGHT.background),
    ink: rgb('--scatter-ink', LIGHT.ink),
    accent: css('--scatter-accent', LIGHT.accent),
    accentText: css('--scatter-accent-text', LIGHT.accentText),
    found: css('--scatter-found', LIGHT.found),
    analogy: css('--scatter-analogy', LIGHT.analogy),
    analogyText: css('--scatter-analogy-text', LIGHT.analogyText),
  };
}

/** A colour as CSS at an opacity. */
export const rgba = ([r, g, b]: Rgb, alpha = 1) => `rgba(${r}, ${g}, ${b}, ${alpha})`;

/** `colour` moved `share` of the way toward `to` (far points toward the background, label text toward the ink). */
export const blend = (colour: Rgb, to: Rgb, share: number): Rgb => colour.map((v, c) => v + (to[c] - v) * share) as Rgb;
