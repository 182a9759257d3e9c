/**
 * Viridis (van der Walt & Smith, matplotlib 2.0): a perceptually uniform ramp that stays readable in greyscale
 * and for the common colour-vision deficiencies. Eleven stops of matplotlib's table, linearly interpolated.
 */
const STOPS: [number, number, number][] = [
  [68, 1, 84], [72, 36, 117], [65, 68, 135], [53, 95, 141], [42, 120, 142], [33, 145, 140],
  [34, 168, 132], [68, 190, 112], [122, 209, 81], [189, 223, 38], [253, 231, 37],
];

/** The colour at t ∈ [0, 1]. */
export function viridis(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [STOPS[i], STOPS[i + 1]];
  return [0, 1, 2].map((c) => Math.round(a[c] + (b[c] - a[c]) * f)) as [number, number, number];
}

/** A CSS gradient of the ramp between t0 and t1, for the legend. */
export function viridisGradient(t0 = 0, t1 = 1): string {
  const steps = Array.from({ length: 9 }, (_, i) => {
    const [r, g, b] = viridis(t0 + ((t1 - t0) * i) / 8);
    return `rgb(${r} ${g} ${b}) ${(i / 8) * 100}%`;
  });
  return `linear-gradient(to right, ${steps.join(', ')})`;
}

/**
 * Where the frequency ramp starts on a dark background: viridis's dark purple end all but vanishes on it (1.1:1), and
 * from 0.35 on every colour keeps about 3:1 against the dark theme's canvas (WCAG's contrast for graphics).
 */
export const DARK_RAMP_START = 0.35;

/** Whether a background is dark (relative luminance below a half): the ramp then starts at DARK_RAMP_START. */
export function rampStartOn([r, g, b]: [number, number, number]): number {
  const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  return luminance < 0.5 ? DARK_RAMP_START : 0;
}

/** `levels` colours of the frequency ramp, from `start` to viridis's end. */
export function frequencyRamp(levels: number, start = 0): [number, number, number][] {
  return Array.from({ length: levels }, (_, level) => viridis(start + ((1 - start) * level) / (levels - 1)));
}
