/**
 * The window comes back where the user left it: its normal (un-maximised) bounds and whether it was maximised are
 * kept in `window-state.json` in the app's user-data folder. A saved position is only reused when the window would
 * still be reachable — a monitor may have been unplugged since — otherwise the window opens centred, at most the size
 * of the screen. Pure functions (tested without Electron) and a small tracker that saves after moves and resizes settle.
 */
import { readFileSync } from 'node:fs';
import { writeJsonAtomic } from '../engine/workspace/atomic.ts';

export interface WindowState {
  /** Absent: let the OS centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_WINDOW_SIZE = { width: 900, height: 600 };
/** How much of the title bar must lie on a screen for a saved position to be reused (it is what the user drags). */
const GRIP = { width: 120, height: 32 };

/** A saved state read back, or null when the file is missing, damaged or from a future format. */
export function parseWindowState(text: string): WindowState | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  if (!finite(v.width) || !finite(v.height) || v.width <= 0 || v.height <= 0) return null;
  const state: WindowState = { width: Math.round(v.width), height: Math.round(v.height), maximized: v.maximized === true };
  if (finite(v.x) && finite(v.y)) Object.assign(state, { x: Math.round(v.x), y: Math.round(v.y) });
  return state;
}

/**
 * The state to open with on the screens there are now (their work areas): the size clamped between the minimum and
 * the largest screen, the position kept only when the top of the window is on a screen.
 */
export function fitToScreens(saved: WindowState | null, screens: Area[]): WindowState {
  const state = saved ?? DEFAULT_WINDOW_STATE;
  const largest = screens.reduce((a, s) => ({ width: Math.max(a.width, s.width), height: Math.max(a.height, s.height) }), { width: 0, height: 0 });
  const clamp = (n: number, min: number, max: number) => Math.max(min, max > 0 ? Math.min(n, max) : n);
  const width = clamp(state.width, MIN_WINDOW_SIZE.width, largest.width);
  const height = clamp(state.height, MIN_WINDOW_SIZE.height, largest.height);
  const fitted: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return fitted;
  const grip: Area = { x: state.x, y: state.y, width: Math.min(GRIP.width, width), height: GRIP.height };
  const reachable = screens.some((s) => overlap(grip, s) >= grip.width * grip.height * 0.5);
  return reachable ? { ...fitted, x: state.x, y: state.y } : fitted;
}

function overlap(a: Area, b: Area): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function readWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(readFileSync(file, 'utf8'));
  } catch {
    return null; // first launch
  }
}

/** The parts of a BrowserWindow the tracker uses (a fake in tests). */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Area;
  isMaximized(): boolean;
  isMinimized(): boolean;
}

/**
 * Save the window's state after it stops moving or resizing for `settleMs`, and at once when it closes. A
 * minimised window keeps the state it had before (its bounds then say nothing about where the user wants it).
 */
export function trackWindowState(window: TrackedWindow, file: string, settleMs = 500): { flush(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last: WindowState | null = null;
  const snapshot = (): WindowState | null => {
    if (window.isMinimized()) return last;
    const b = window.getNormalBounds();
    return { x: b.x, y: b.y, width: b.width, height: b.height, maximized: window.isMaximized() };
  };
  const save = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const state = snapshot();
    if (!state) return;
    last = state;
    await writeJsonAtomic(file, state).catch(() => undefined); // a read-only profile only loses the position
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void save(), settleMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, later);
  window.on('close', () => void save());
  return { flush: save };
}
