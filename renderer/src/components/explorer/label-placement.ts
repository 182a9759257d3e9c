/**
 * Greedy label placement for the explorer (the Embedding Projector's approach): labels come in priority order
 * (the selected word, its neighbours, then the most frequent words), and each takes the first of several
 * candidate spots around its point whose box overlaps no label placed before it; a label with no free spot is
 * hidden. Collisions are checked against a spatial hash of the placed boxes, so a frame with thousands of
 * candidates stays at a few hundred box tests. Pure: no canvas, no DOM (text widths come measured).
 */

export interface LabelCandidate {
  /** The caller's id (the point's row). */
  id: number;
  /** The point, in CSS px. */
  x: number;
  y: number;
  /** The text's box, in CSS px. */
  width: number;
  height: number;
  /** Always labelled (the selected word): placed at its first free spot, else at its first spot regardless. */
  forced?: boolean;
}

export interface PlacedLabel {
  id: number;
  /** Top-left corner of the box, in CSS px. */
  left: number;
  top: number;
  width: number;
  height: number;
  /** Which candidate spot was taken (index into SPOTS). */
  spot: number;
}

/** Gap between a point and its label, in CSS px. */
const GAP = 6;
/** Side of a spatial-hash cell, in CSS px: about a short word's width. */
const CELL = 48;

/**
 * The candidate spots, best first: right of the point (reads naturally), left, above, below, then the four
 * diagonals. Each maps (point, box size) to the box's top-left corner.
 */
export const SPOTS: ((x: number, y: number, w: number, h: number) => [number, number])[] = [
  (x, y, w, h) => [x + GAP, y - h / 2],
  (x, y, w, h) => [x - GAP - w, y - h / 2],
  (x, y, w, h) => [x - w / 2, y - GAP - h],
  (x, y, w, h) => [x - w / 2, y + GAP],
  (x, y, w, h) => [x + GAP / 2, y - GAP / 2 - h],
  (x, y, w, h) => [x + GAP / 2, y + GAP / 2],
  (x, y, w, h) => [x - GAP / 2 - w, y - GAP / 2 - h],
  (x, y, w, h) => [x - GAP / 2 - w, y + GAP / 2],
];

export interface PlacementOptions {
  /** The visible area, in CSS px: a label must lie inside it (forced ones are not held to it). */
  width: number;
  height: number;
  /** Stop after this many labels (forced ones included). */
  budget?: number;
}

/**
 * Place `candidates` (highest priority first). Returns the placed boxes, in placement order. No two returned boxes
 * overlap, except that forced labels are placed even when every spot collides with an earlier forced one.
 */
export function placeLabels(candidates: Iterable<LabelCandidate>, options: PlacementOptions): PlacedLabel[] {
  const { width, height, budget = Infinity } = options;
  const cols = Math.max(1, Math.ceil(width / CELL));
  const rows = Math.max(1, Math.ceil(height / CELL));
  /** Per cell, the placed boxes touching it. Boxes outside the view (forced) land in the edge cells. */
  const cells: PlacedLabel[][] = Array.from({ length: cols * rows }, () => []);
  const placed: PlacedLabel[] = [];
  const span = (left: number, top: number, w: number, h: number) => ({
    c0: clamp(Math.floor(left / CELL), cols),
    c1: clamp(Math.floor((left + w) / CELL), cols),
    r0: clamp(Math.floor(top / CELL), rows),
    r1: clamp(Math.floor((top + h) / CELL), rows),
  });
  const collides = (left: number, top: number, w: number, h: number): boolean => {
    const { c0, c1, r0, r1 } = span(left, top, w, h);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        for (const b of cells[r * cols + c]) {
          if (left < b.left + b.width && b.left < left + w && top < b.top + b.height && b.top < top + h) return true;
        }
      }
    }
    return false;
  };
  const claim = (label: PlacedLabel) => {
    const { c0, c1, r0, r1 } = span(label.left, label.top, label.width, label.height);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) cells[r * cols + c].push(label);
    placed.push(label);
  };

  for (const cand of candidates) {
    if (placed.length >= budget) break;
    const { x, y, width: w, height: h } = cand;
    if (!cand.forced && (x < 0 || y < 0 || x > width || y > height)) continue;
    let chosen = -1;
    let at: [number, number] = [0, 0];
    for (let s = 0; s < SPOTS.length; s++) {
      const [left, top] = SPOTS[s](x, y, w, h);
      if (!cand.forced && (left < 0 || top < 0 || left + w > width || top + h > height)) continue;
      if (collides(left, top, w, h)) continue;
      chosen = s;
      at = [left, top];
      break;
    }
    if (chosen < 0 && cand.forced) {
      chosen = 0;
      at = SPOTS[0](x, y, w, h);
    }
    if (chosen >= 0) claim({ id: cand.id, left: at[0], top: at[1], width: w, height: h, spot: chosen });
  }
  return placed;
}

/** Do two boxes overlap (touching edges do not)? For tests and checks. */
export function overlaps(a: PlacedLabel, b: PlacedLabel): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

function clamp(cell: number, count: number): number {
  return Math.min(count - 1, Math.max(0, cell));
}
