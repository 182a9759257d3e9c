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

Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif';
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

export { Chart };
