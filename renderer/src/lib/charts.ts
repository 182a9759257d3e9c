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

// The app's font stack (app.css --font), ending with the shipped CJK fallback "Noto Sans SC".
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif, "Noto Sans SC"';
Chart.defaults.font.size = 12;
Chart.defaults.color = '#5b6472';
Chart.defaults.borderColor = '#e6e9ee';
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
