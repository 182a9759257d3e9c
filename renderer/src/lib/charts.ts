/** chart.js, registered once with only the pieces the renderer draws (bar and line charts), in the app's palette. */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Decimation,
  Legend,
  LinearScale,
  LogarithmicScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LogarithmicScale, LineController, LineElement, PointElement, Decimation, Legend, Tooltip);

Chart.defaults.font.size = 12;
// Axis text and grid lines in the theme's colours (app.css --chart-text, --chart-grid: light or dark, from the OS).
// When the OS switches theme, charts drawn from then on (every streaming update redraws) take the new colours.
const themeColour = (name: string, fallback: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
/**
 * Charts take the page's theme colours and font stack (app.css --font: the CJK font first in the Chinese UI).
 * Called before each chart is made, so one made after a language or theme switch draws with the new ones.
 */
export function applyTheme(): void {
  Chart.defaults.color = themeColour('--chart-text', '#5b6472');
  Chart.defaults.borderColor = themeColour('--chart-grid', '#e6e9ee');
  Chart.defaults.font.family = themeColour('--font', 'system-ui, sans-serif, "Noto Sans SC"');
}
applyTheme();
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', applyTheme);
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

export const palette = {
  primary: '#4263eb',
  primarySoft: 'rgba(66, 99, 235, 0.18)',
  secondary: '#e8590c',
  teal: '#0c8599',
  tealSoft: 'rgba(12, 133, 153, 0.55)',
};

/**
 * What every streaming line chart shares (loss, metrics, run comparison): points arrive pre-parsed as {x, y},
 * sorted by x, so chart.js can skip parsing and decimate with LTTB — that is what keeps 100k-point histories
 * smooth. Spread into `options`; `plugins` takes `lineLegend` and `lttb(samples)`.
 */
export const streamingLine = {
  parsing: false,
  normalized: true,
  spanGaps: true,
  elements: { point: { radius: 0, hoverRadius: 3 }, line: { tension: 0 } },
  interaction: { mode: 'nearest', axis: 'x', intersect: false },
} as const;

export const lttb = (samples: number) => ({ enabled: true, algorithm: 'lttb', samples }) as const;

export const lineLegend = { position: 'top', align: 'end', labels: { boxWidth: 14, boxHeight: 2 } } as const;

/**
 * Redraw `chart` whenever the page finishes loading fonts. A canvas draws its text once: labels drawn before the
 * shipped CJK font's slice arrived (their drawing is what asks for it) would otherwise stay empty boxes. Returns
 * the unsubscribe.
 */
export function redrawWhenFontsLoad(chart: Chart): () => void {
  const redraw = () => chart.update('none');
  document.fonts.addEventListener('loadingdone', redraw);
  return () => document.fonts.removeEventListener('loadingdone', redraw);
}

export { Chart };

/** A colour at a share of its opacity (`#4263eb` → `#4263eb40`): the raw curve drawn faint behind the smoothed one. */
export const faint = (hex: string, alpha = 0.35) => `${hex}${Math.round(alpha * 255).toString(16).padStart(2, '0')}`;

/**
 * The y axis of a line chart by what its curves measure: ratios (accuracy, F1) on 0–1 with percentage ticks and
 * scores (BLEU, chrF) on 0–100 unless `zoom` fits the axis to the data; loss-like curves on a log axis when `log`.
 */
export function valueAxis(o: { kind: 'fraction' | 'score' | 'number'; log: boolean; zoom: boolean; title: string; format: (v: number) => string }) {
  const range = o.zoom || o.log ? {} : o.kind === 'fraction' ? { min: 0, max: 1 } : o.kind === 'score' ? { min: 0, max: 100 } : {};
  return {
    type: o.log ? 'logarithmic' : 'linear',
    title: { display: true, text: o.title },
    ...range,
    ticks: { maxTicksLimit: 7, callback: (v: number | string) => (o.kind === 'fraction' ? `${Math.round(Number(v) * 1000) / 10}%` : o.format(Number(v))) },
  } as const;
}
