/**
 * The embedding explorer's picture, drawn on a 2-D canvas without a chart library: tens of thousands of points in
 * one pass per frame. Points are rasterised in software into one ImageData (point-raster.ts) and put on the canvas
 * at once; axes, lines, rings and labels are drawn over them with the canvas API. Positions, depths and draw order
 * live in typed arrays reused frame to frame, so a frame allocates nothing per point. 2-D: wheel zooms around the cursor, drag pans. 3-D: drag orbits, wheel zooms,
 * shift-drag pans; perspective projection, drawn back to front, far points smaller and paler.
 */
import { frequencyRamp, rampStartOn, viridis } from './colormap.ts';
import { placeLabels } from './label-placement.ts';
import { PointRaster } from './point-raster.ts';
import { LIGHT, blend, rgba } from './scatter-theme.ts';
import type { Rgb, SceneTheme } from './scatter-theme.ts';

/** Colour levels of the frequency ramp. */
export const LEVELS = 32;
/** Depth shades in 3-D: the farthest points are blended this far toward the background. */
const SHADES = 6;
const FAR_FADE = 0.6;
/** Point radius in CSS pixels (3-D: at the centre of the scene). */
const RADIUS = 2.6;
/** Highlighted points (a word list, labelled words) are this much bigger. */
const HIGHLIGHT_SCALE = 1.5;
/** Camera distance in scene radii (3-D). */
const DISTANCE = 4;
const LABEL_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif';
const MARK_FONT = `600 ${LABEL_FONT}`;
/** Height of a label's box (CSS px) for the placement. */
const LABEL_HEIGHT = 14;
const TWEEN_MS = 700;

export interface SceneData {
  words: string[];
  /** Row-major [n, dims] */
  coords: ArrayLike<number>;
  dims: 2 | 3;
  /** Colour level per point: an index into `palette` (0..LEVELS-1 on the frequency ramp). [n] */
  levels: Uint8Array;
  /** RGB per level; absent: the frequency ramp (viridis, LEVELS levels). */
  palette?: [number, number, number][];
  /** Rows drawn on top of the rest and labelled right after the marked words (a user's word list). */
  highlight?: number[];
  /** Axis names ("PC1 · 25 %"), or null to draw unnamed axes. */
  axes: string[] | null;
}

/** Points to emphasise. Indices into the data, -1 for none. */
export interface Marks {
  selected: number;
  neighbors: number[];
  found: number;
  /** Analogy words (a, b, c, answer) with their role shown in the label. */
  analogy: { index: number; role: string }[];
  hovered: number;
}

export const noMarks: Marks = { selected: -1, neighbors: [], found: -1, analogy: [], hovered: -1 };

export class ScatterScene {
  n = 0;
  dims: 2 | 3 = 2;
  words: string[] = [];
  private axes: string[] | null = null;
  /** Normalised positions (centred, 98th-percentile radius = 1), z = 0 in 2-D. [n, 3] */
  private target: Float32Array = new Float32Array(0);
  /** Where a refresh animates from, or null. [n, 3] */
  private from: Float32Array | null = null;
  private tweenStart = 0;
  /** Positions drawn this frame. [n, 3] */
  private pos: Float32Array = new Float32Array(0);
  private levels: Uint8Array = new Uint8Array(0);
  private highlight: number[] = [];
  private highlighted: Uint8Array = new Uint8Array(0);

  // Camera. pan in CSS px; zoom multiplies the fitted scale; yaw/pitch in radians (3-D).
  zoom = 1;
  panX = 0;
  panY = 0;
  yaw = -0.6;
  pitch = 0.35;

  private width = 1;
  private height = 1;
  private dpr = 1;

  // Per-frame buffers (CSS px), reused.
  private sx: Float32Array = new Float32Array(0);
  private sy: Float32Array = new Float32Array(0);
  /** Camera-space depth: larger is nearer (3-D); 0 in 2-D. */
  private sz: Float32Array = new Float32Array(0);
  /** Perspective size factor (1 in 2-D). */
  private sk: Float32Array = new Float32Array(0);
  private order: Uint32Array = new Uint32Array(0);
  private bins = new Uint32Array(257);
  private readonly raster = new PointRaster();
  /** RGB per depth shade and colour level. [SHADES, levels, 3] */
  private palette = buildPalette(RAMP, LIGHT.background);
  private paletteOf: [number, number, number][] = RAMP;
  /** The frequency ramp for the theme's background, and where on viridis it starts (colormap.ts). */
  private ramp: [number, number, number][] = RAMP;
  private rampStart = 0;
  /** Whether the data brought its own palette (labels, a word list) rather than using the frequency ramp. */
  private ownPalette = false;
  /** The page's colours (scatter-theme.ts): light until the canvas reads the page's. */
  private theme: SceneTheme = LIGHT;
  private paletteLevels = LEVELS;
  /** The labels drawn in the last frame (CSS px boxes), for tests and checks. */
  labels: { word: string; left: number; top: number; width: number; height: number }[] = [];
  private readonly widths = new Map<string, number>();
  /** Milliseconds the last draw took. */
  frameMs = 0;

  setData(data: SceneData, animate: boolean): void {
    const n = data.words.length;
    const sameWords = animate && n === this.n && data.dims === this.dims && n > 0 && data.words[0] === this.words[0] && data.words[n - 1] === this.words[n - 1];
    const target = normalise(data.coords, n, data.dims);
    if (sameWords) {
      this.from = this.pos.slice();
      this.tweenStart = performance.now();
    } else {
      this.from = null;
      if (data.dims !== this.dims) this.resetCamera();
    }
    this.n = n;
    this.dims = data.dims;
    this.words = data.words;
    this.axes = data.axes;
    this.target = target;
    this.levels = data.levels;
    this.highlight = data.highlight ?? [];
    this.highlighted = new Uint8Array(n);
    for (const row of this.highlight) this.highlighted[row] = 1;
    this.ownPalette = data.palette !== undefined;
    const colours = data.palette ?? this.ramp;
    if (colours !== this.paletteOf) {
      this.paletteOf = colours;
      this.paletteLevels = colours.length;
      this.palette = buildPalette(colours, this.theme.background);
    }
    if (this.pos.length !== target.length) this.pos = new Float32Array(target.length);
    if (!this.from) this.pos.set(target);
    if (this.sx.length !== n) {
      this.sx = new Float32Array(n);
      this.sy = new Float32Array(n);
      this.sz = new Float32Array(n);
      this.sk = new Float32Array(n);
      this.order = new Uint32Array(n);
    }
  }

  /** Draw with these colours from the next frame on (the OS switched between light and dark). */
  setTheme(theme: SceneTheme): void {
    this.theme = theme;
    this.rampStart = rampStartOn(theme.background);
    this.ramp = this.rampStart === 0 ? RAMP : frequencyRamp(LEVELS, this.rampStart);
    if (!this.ownPalette) {
      this.paletteOf = this.ramp;
      this.paletteLevels = LEVELS;
    }
    this.palette = buildPalette(this.paletteOf, theme.background);
  }

  resetCamera(): void {
    this.zoom = 1;
    this.panX = 0;
    this.panY = 0;
    this.yaw = -0.6;
    this.pitch = 0.35;
  }

  resize(width: number, height: number, dpr: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.dpr = dpr;
  }

  get animating(): boolean {
    return this.from !== null;
  }

  /** Pixels per scene unit at zoom 1: the 98 % radius fills 45 % of the shorter side. */
  private get fit(): number {
    return 0.45 * Math.min(this.width, this.height);
  }

  zoomAt(x: number, y: number, factor: number): void {
    const next = Math.min(200, Math.max(0.2, this.zoom * factor));
    const f = next / this.zoom;
    // Keep the scene point under the cursor where it is (in 3-D: approximately, for points near the centre plane).
    const cx = this.width / 2;
    const cy = this.height / 2;
    this.panX = x - cx - (x - cx - this.panX) * f;
    this.panY = y - cy - (y - cy - this.panY) * f;
    this.zoom = next;
  }

  panBy(dx: number, dy: number): void {
    this.panX += dx;
    this.panY += dy;
  }

  rotateBy(dx: number, dy: number): void {
    this.yaw += dx * 0.008;
    this.pitch = Math.min(Math.PI / 2, Math.max(-Math.PI / 2, this.pitch + dy * 0.008));
  }

  /** Bring point i to the centre of the view, zoomed in to at least `zoom`. */
  centreOn(i: number, zoom = 3): void {
    if (i < 0 || i >= this.n) return;
    this.zoom = Math.max(this.zoom, zoom);
    this.panX = 0;
    this.panY = 0;
    const [x, y] = this.screenOf(i, this.target);
    this.panX = this.width / 2 - x;
    this.panY = this.height / 2 - y;
  }

  /** The on-screen point nearest (x, y) within `radius` CSS px (the nearest to the eye among close ones), or -1. */
  pick(x: number, y: number, radius = 8): number {
    let best = -1;
    let bestScore = Infinity;
    const r2 = radius * radius;
    for (let i = 0; i < this.n; i++) {
      const dx = this.sx[i] - x;
      const dy = this.sy[i] - y;
      const d2 = dx * dx + dy * dy;
      if (d2 > r2 || this.sk[i] <= 0) continue;
      const score = d2 - this.sz[i] * 4; // in 3-D, prefer what is in front
      if (score < bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  private screenOf(i: number, pos: Float32Array): [number, number, number, number] {
    const s = this.fit * this.zoom;
    const cx = this.width / 2 + this.panX;
    const cy = this.height / 2 + this.panY;
    const x = pos[i * 3];
    const y = pos[i * 3 + 1];
    if (this.dims === 2) return [cx + x * s, cy - y * s, 0, 1];
    const z = pos[i * 3 + 2];
    const [cyaw, syaw, cp, sp] = [Math.cos(this.yaw), Math.sin(this.yaw), Math.cos(this.pitch), Math.sin(this.pitch)];
    const x1 = cyaw * x + syaw * z;
    const z1 = -syaw * x + cyaw * z;
    const y2 = cp * y - sp * z1;
    const z2 = sp * y + cp * z1;
    const depth = DISTANCE - z2;
    if (depth < 0.2) return [0, 0, z2, 0];
    const k = DISTANCE / depth;
    return [cx + x1 * s * k, cy - y2 * s * k, z2, k];
  }

  /** Project every point into the frame buffers and fill `order` (the draw order). */
  private project(): void {
    const n = this.n;
    const s = this.fit * this.zoom;
    const cx = this.width / 2 + this.panX;
    const cy = this.height / 2 + this.panY;
    const pos = this.pos;
    if (this.dims === 2) {
      // Rare words first, so the frequent ones end up on top; highlighted words after all the others.
      let o = 0;
      for (let i = n - 1; i >= 0; i--) if (!this.highlighted[i]) this.order[o++] = i;
      for (let i = n - 1; i >= 0; i--) if (this.highlighted[i]) this.order[o++] = i;
      for (let i = 0; i < n; i++) {
        this.sx[i] = cx + pos[i * 3] * s;
        this.sy[i] = cy - pos[i * 3 + 1] * s;
        this.sz[i] = 0;
        this.sk[i] = 1;
      }
      return;
    }
    const [cyaw, syaw, cp, sp] = [Math.cos(this.yaw), Math.sin(this.yaw), Math.cos(this.pitch), Math.sin(this.pitch)];
    let zmin = Infinity;
    let zmax = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = pos[i * 3];
      const y = pos[i * 3 + 1];
      const z = pos[i * 3 + 2];
      const x1 = cyaw * x + syaw * z;
      const z1 = -syaw * x + cyaw * z;
      const y2 = cp * y - sp * z1;
      const z2 = sp * y + cp * z1;
      const depth = DISTANCE - z2;
      const k = depth < 0.2 ? 0 : DISTANCE / depth; // behind the camera: not drawn
      this.sx[i] = cx + x1 * s * k;
      this.sy[i] = cy - y2 * s * k;
      this.sz[i] = z2;
      this.sk[i] = k;
      if (z2 < zmin) zmin = z2;
      if (z2 > zmax) zmax = z2;
    }
    // Back to front by a counting sort on 256 depth bins: O(n), no comparator calls.
    const bins = this.bins;
    bins.fill(0);
    const scale = zmax > zmin ? 255 / (zmax - zmin) : 0;
    for (let i = 0; i < n; i++) bins[((this.sz[i] - zmin) * scale) | 0]++;
    for (let b = 0, sum = 0; b < 257; b++) {
      const c = bins[b];
      bins[b] = sum;
      sum += c;
    }
    for (let i = n - 1; i >= 0; i--) this.order[bins[((this.sz[i] - zmin) * scale) | 0]++] = i;
  }

  /** Draw a frame. Returns true while a refresh animation is still running (call again next frame). */
  draw(ctx: CanvasRenderingContext2D, marks: Marks, options: { legend?: string[] } = {}): boolean {
    const started = performance.now();
    this.step(started);
    const dpr = this.dpr;
    const W = ctx.canvas.width;
    const H = ctx.canvas.height;
    this.project();

    // Points, in device pixels. Dimmed while something is emphasised.
    const emphasis = marks.selected >= 0 || marks.found >= 0 || marks.analogy.length > 0;
    const alpha = emphasis ? 0.3 : 0.88;
    const raster = this.raster;
    raster.resize(W, H, dpr);
    const [bgR, bgG, bgB] = this.theme.background;
    raster.clear(bgR, bgG, bgB);
    const radius = RADIUS * dpr;
    const margin = radius * 3;
    const palette = this.palette;
    for (let o = 0; o < this.n; o++) {
      const i = this.order[o];
      const k = this.sk[i];
      if (k <= 0) continue;
      const x = this.sx[i] * dpr;
      const y = this.sy[i] * dpr;
      if (x < -margin || y < -margin || x > W + margin || y > H + margin) continue;
      // 3-D: nearer (z2 → +1) is bigger and full colour; farther is smaller and paler.
      const shade = this.dims === 2 ? 0 : Math.min(SHADES - 1, Math.max(0, Math.round(((1 - this.sz[i]) / 2) * (SHADES - 1))));
      const c = (shade * this.paletteLevels + Math.min(this.levels[i], this.paletteLevels - 1)) * 3;
      const r = (this.highlighted[i] ? radius * HIGHLIGHT_SCALE : radius) * (this.dims === 2 ? 1 : Math.min(1.8, k));
      raster.disc(x, y, r, palette[c], palette[c + 1], palette[c + 2], alpha);
    }
    raster.present(ctx);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.drawAxes(ctx);

    this.drawMarks(ctx, marks);
    this.drawLabels(ctx, marks);
    if (options.legend) this.drawLegend(ctx, options.legend);
    this.frameMs = performance.now() - started;
    return this.animating;
  }

  /** Advance the refresh animation (ease-out) into `pos`. */
  private step(now: number): void {
    if (!this.from) return;
    const t = Math.min(1, (now - this.tweenStart) / TWEEN_MS);
    const e = 1 - (1 - t) ** 3;
    const { from, target, pos } = this;
    for (let i = 0; i < pos.length; i++) pos[i] = from[i] + (target[i] - from[i]) * e;
    if (t >= 1) this.from = null;
  }

  /** Faint axes through the centre of the data, named (PC1 · 25 %): full-width lines in 2-D, a tripod in 3-D. */
  private drawAxes(ctx: CanvasRenderingContext2D): void {
    const s = this.fit * this.zoom * 1.15;
    const cx = this.width / 2 + this.panX;
    const cy = this.height / 2 + this.panY;
    ctx.lineWidth = 1;
    ctx.strokeStyle = rgba(this.theme.ink, 0.13);
    ctx.fillStyle = rgba(this.theme.ink, 0.5);
    ctx.font = LABEL_FONT;
    ctx.textBaseline = 'alphabetic';
    const name = (axis: number) => this.axes?.[axis] ?? ['x', 'y', 'z'][axis];
    const label = (text: string, x: number, y: number) => {
      const w = ctx.measureText(text).width;
      ctx.fillText(text, Math.min(this.width - w - 6, Math.max(6, x)), Math.min(this.height - 6, Math.max(14, y)));
    };
    if (this.dims === 2) {
      ctx.beginPath();
      ctx.moveTo(0, cy);
      ctx.lineTo(this.width, cy);
      ctx.moveTo(cx, 0);
      ctx.lineTo(cx, this.height);
      ctx.stroke();
      label(name(0), this.width, cy - 6);
      label(name(1), cx + 6, 14);
      return;
    }
    [[1, 0, 0], [0, 1, 0], [0, 0, 1]].forEach((end, axis) => {
      const [x0, y0] = this.axisPoint(end.map((v) => -v) as [number, number, number], s, cx, cy);
      const [x1, y1] = this.axisPoint(end as [number, number, number], s, cx, cy);
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
      label(name(axis), x1 + 4, y1 - 4);
    });
  }

  private axisPoint([x, y, z]: [number, number, number], s: number, cx: number, cy: number): [number, number] {
    if (this.dims === 2) return [cx + x * s, cy - y * s];
    const [cyaw, syaw, cp, sp] = [Math.cos(this.yaw), Math.sin(this.yaw), Math.cos(this.pitch), Math.sin(this.pitch)];
    const x1 = cyaw * x + syaw * z;
    const z1 = -syaw * x + cyaw * z;
    const y2 = cp * y - sp * z1;
    const z2 = sp * y + cp * z1;
    const k = DISTANCE / Math.max(0.2, DISTANCE - z2 * 1.15);
    return [cx + x1 * s * k, cy - y2 * s * k];
  }

  private drawMarks(ctx: CanvasRenderingContext2D, marks: Marks): void {
    const { selected } = marks;
    const { accent, found, analogy } = this.theme;
    const ink = rgba(this.theme.ink);
    if (selected >= 0 && this.sk[selected] > 0) {
      ctx.lineWidth = 1.4;
      ctx.globalAlpha = 0.65;
      ctx.strokeStyle = accent;
      ctx.beginPath();
      for (const j of marks.neighbors) {
        if (j < 0 || this.sk[j] <= 0) continue;
        ctx.moveTo(this.sx[selected], this.sy[selected]);
        ctx.lineTo(this.sx[j], this.sy[j]);
      }
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    const ring = (i: number, radius: number, colour: string, width = 2) => {
      if (i < 0 || i >= this.n || this.sk[i] <= 0) return;
      ctx.beginPath();
      ctx.arc(this.sx[i], this.sy[i], radius, 0, Math.PI * 2);
      ctx.lineWidth = width;
      ctx.strokeStyle = colour;
      ctx.stroke();
    };
    const dot = (i: number, colour: string) => {
      if (i < 0 || i >= this.n || this.sk[i] <= 0) return;
      ctx.beginPath();
      ctx.arc(this.sx[i], this.sy[i], RADIUS + 0.8, 0, Math.PI * 2);
      ctx.fillStyle = colour;
      ctx.fill();
    };
    for (const j of marks.neighbors) {
      dot(j, accent);
      ring(j, 5, rgba(this.theme.background, 0.9), 1.5);
    }
    for (const { index } of marks.analogy) {
      dot(index, analogy);
      ring(index, 7, analogy);
    }
    dot(marks.found, found);
    ring(marks.found, 10, found, 2.5);
    dot(selected, ink);
    ring(selected, 8, accent, 2.5);
    ring(marks.hovered, 6, ink, 1.5);
  }

  /**
   * Labels without overlap (label-placement.ts): the selected and found words always, then the other marked words,
   * the highlighted ones, and the most frequent words on screen, each at the first free spot around its point, up
   * to a budget that grows with the area. Recomputed every frame, so zooming and panning re-place them.
   */
  private drawLabels(ctx: CanvasRenderingContext2D, marks: Marks): void {
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    const style = new Map<number, { text: string; font: string; colour: string }>();
    const word = (i: number) => this.words[i] ?? '';
    const emphasis = marks.selected >= 0 || marks.found >= 0 || marks.analogy.length > 0;
    const theme = this.theme;
    const plain = rgba(theme.ink, emphasis || this.highlight.length > 0 ? 0.45 : 0.85);
    const width = (text: string, font: string) => {
      const key = font === LABEL_FONT ? text : `b:${text}`;
      let w = this.widths.get(key);
      if (w === undefined) {
        ctx.font = font;
        this.widths.set(key, (w = ctx.measureText(text).width));
      }
      return w;
    };
    const drawable = (i: number) => i >= 0 && i < this.n && this.sk[i] > 0 && !style.has(i);
    const candidate = (i: number, text: string, font: string, colour: string, forced = false) => {
      style.set(i, { text, font, colour });
      return { id: i, x: this.sx[i], y: this.sy[i], width: width(text, font), height: LABEL_HEIGHT, forced };
    };
    const self = this;
    // Lazily, in priority order: the placement stops asking once its budget is spent.
    function* candidates() {
      if (drawable(marks.selected)) yield candidate(marks.selected, word(marks.selected), MARK_FONT, rgba(theme.ink), true);
      if (drawable(marks.found)) yield candidate(marks.found, word(marks.found), MARK_FONT, theme.found, true);
      for (const { index, role } of marks.analogy) if (drawable(index)) yield candidate(index, `${role}: ${word(index)}`, MARK_FONT, theme.analogyText);
      for (const j of marks.neighbors) if (drawable(j)) yield candidate(j, word(j), MARK_FONT, theme.accentText);
      for (const j of self.highlight) if (drawable(j)) yield candidate(j, word(j), MARK_FONT, self.darkColour(j));
      for (let i = 0, tried = 0; i < self.n && tried < 4000; i++) {
        if (!drawable(i) || self.sx[i] < 0 || self.sx[i] > self.width || self.sy[i] < 0 || self.sy[i] > self.height) continue;
        if (self.dims === 3 && self.sz[i] < -0.35) continue; // far side: likely hidden behind nearer points
        tried++;
        yield candidate(i, word(i), LABEL_FONT, plain);
      }
    }
    const marked = 2 + marks.analogy.length + marks.neighbors.length + this.highlight.length;
    const budget = Math.round(Math.min(140, Math.max(12, (this.width * this.height) / 9000))) + marked;
    const placed = placeLabels(candidates(), { width: this.width, height: this.height, budget });
    this.labels = placed.map((p) => ({ word: word(p.id), left: p.left, top: p.top, width: p.width, height: p.height }));
    for (const p of placed) {
      const { text, font, colour } = style.get(p.id)!;
      const x = p.left;
      const y = p.top + p.height / 2;
      ctx.font = font;
      ctx.lineWidth = 3;
      ctx.strokeStyle = rgba(theme.background, 0.92);
      ctx.strokeText(text, x, y);
      ctx.fillStyle = colour;
      ctx.fillText(text, x, y);
    }

    // The hovered word last, on top of everything, in a box.
    const h = marks.hovered;
    if (h >= 0 && h < this.n && this.sk[h] > 0) {
      ctx.font = MARK_FONT;
      const text = this.words[h];
      const w = ctx.measureText(text).width;
      const x = Math.min(this.width - w - 12, this.sx[h] + 10);
      const y = Math.max(14, this.sy[h] - 16);
      ctx.fillStyle = rgba(theme.ink, 0.92);
      ctx.beginPath();
      ctx.roundRect(x - 6, y - 11, w + 12, 22, 5);
      ctx.fill();
      ctx.fillStyle = rgba(theme.background);
      ctx.fillText(text, x, y);
    }
  }

  /** The point's colour moved toward the ink, readable as text on the background (highlighted words' labels). */
  private darkColour(i: number): string {
    const c = Math.min(this.levels[i], this.paletteLevels - 1) * 3;
    return labelColour([this.palette[c], this.palette[c + 1], this.palette[c + 2]], this.theme);
  }

  /** For the PNG export: the colour ramp and its meaning in the bottom-left corner. */
  private drawLegend(ctx: CanvasRenderingContext2D, lines: string[]): void {
    const x = 12;
    const y = this.height - 46;
    if (lines.length < 3) {
      // A mode without a ramp (labels, a word list): its one line of meaning.
      ctx.font = LABEL_FONT;
      const w = Math.max(...lines.map((l) => ctx.measureText(l).width));
      ctx.fillStyle = rgba(this.theme.background, 0.85);
      ctx.fillRect(x - 6, y + 10 - lines.length * 16, w + 12, lines.length * 16 + 8);
      ctx.fillStyle = rgba(this.theme.ink);
      ctx.textBaseline = 'top';
      lines.forEach((line, k) => ctx.fillText(line, x, y + 14 - (lines.length - k) * 16));
      return;
    }
    ctx.fillStyle = rgba(this.theme.background, 0.85);
    ctx.fillRect(x - 6, y - 18, 236, 56);
    const start = this.rampStart;
    for (let k = 0; k < 200; k++) {
      const [r, g, b] = viridis(start + ((1 - start) * k) / 199);
      ctx.fillStyle = `rgb(${r} ${g} ${b})`;
      ctx.fillRect(x + k, y, 1.5, 10);
    }
    ctx.fillStyle = rgba(this.theme.ink);
    ctx.font = LABEL_FONT;
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(lines[0] ?? '', x, y - 5);
    ctx.textBaseline = 'top';
    ctx.fillText(lines[1] ?? '', x, y + 14);
    const right = lines[2] ?? '';
    ctx.fillText(right, x + 200 - ctx.measureText(right).width, y + 14);
  }
}

/**
 * Centre the coordinates on their mean and scale them so 98 % of the points lie within radius 1: a few outliers
 * do not squash the rest into the middle, and the camera does not depend on the method's units (PCA's are those
 * of unit vectors, UMAP's arbitrary). Returns [n, 3], z = 0 in 2-D.
 */
export function normalise(coords: ArrayLike<number>, n: number, dims: 2 | 3): Float32Array {
  const out = new Float32Array(n * 3);
  if (n === 0) return out;
  const mean = [0, 0, 0];
  for (let i = 0; i < n; i++) for (let j = 0; j < dims; j++) mean[j] += coords[i * dims + j] / n;
  const radii = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let j = 0; j < dims; j++) r += (coords[i * dims + j] - mean[j]) ** 2;
    radii[i] = Math.sqrt(r);
  }
  const sorted = radii.slice().sort();
  const radius = sorted[Math.min(n - 1, Math.floor(n * 0.98))] || 1;
  for (let i = 0; i < n; i++) for (let j = 0; j < dims; j++) out[i * 3 + j] = (coords[i * dims + j] - mean[j]) / radius;
  return out;
}

/**
 * Colour levels from corpus counts: log frequency mapped onto the ramp. Imported vectors often carry no counts
 * (all 0); their files list the most frequent words first, so the rank stands in (log rank, reversed).
 */
export function frequencyLevels(counts: ArrayLike<number>): { levels: Uint8Array; min: number; max: number; byRank: boolean } {
  const n = counts.length;
  const levels = new Uint8Array(n);
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < n; i++) {
    if (counts[i] > 0) min = Math.min(min, counts[i]);
    max = Math.max(max, counts[i]);
  }
  const byRank = max <= 0;
  if (byRank) {
    const span = Math.log(Math.max(2, n));
    for (let i = 0; i < n; i++) levels[i] = Math.round((1 - Math.log(i + 1) / span) * (LEVELS - 1));
    return { levels, min: n, max: 1, byRank };
  }
  const lo = Math.log(min);
  const span = Math.log(max) - lo || 1;
  for (let i = 0; i < n; i++) levels[i] = counts[i] > 0 ? Math.round(((Math.log(counts[i]) - lo) / span) * (LEVELS - 1)) : 0;
  return { levels, min, max, byRank };
}

/** The frequency ramp on a light background: LEVELS colours of viridis (a dark one starts further up, colormap.ts). */
const RAMP: [number, number, number][] = frequencyRamp(LEVELS);

/** A point's colour as label text: 30 % of the way to the ink (darker on light, lighter on dark). */
export function labelColour(rgb: Rgb, theme: SceneTheme): string {
  const [r, g, b] = blend(rgb, theme.ink, 0.3).map(Math.round);
  return `rgb(${r} ${g} ${b})`;
}

/** Each level's colour per depth shade: shade s is blended (s / (SHADES − 1)) · FAR_FADE toward the background. */
export function buildPalette(colours: [number, number, number][], background: Rgb): Float32Array {
  const levels = colours.length;
  const palette = new Float32Array(SHADES * levels * 3);
  for (let shade = 0; shade < SHADES; shade++) {
    const fade = (shade / (SHADES - 1)) * FAR_FADE;
    for (let level = 0; level < levels; level++) {
      const rgb = colours[level];
      for (let c = 0; c < 3; c++) palette[(shade * levels + level) * 3 + c] = rgb[c] + (background[c] - rgb[c]) * fade;
    }
  }
  return palette;
}
