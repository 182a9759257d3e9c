import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overlaps, placeLabels, SPOTS } from '../../../../renderer/src/components/explorer/label-placement.ts';
import type { LabelCandidate, PlacedLabel } from '../../../../renderer/src/components/explorer/label-placement.ts';

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function crowd(n: number, seed: number, width = 800, height = 500): LabelCandidate[] {
  const r = random(seed);
  return Array.from({ length: n }, (_, id) => ({ id, x: r() * width, y: r() * height, width: 20 + r() * 60, height: 14 }));
}

function assertNoOverlap(placed: PlacedLabel[]): void {
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      assert.ok(!overlaps(placed[i], placed[j]), `labels ${placed[i].id} and ${placed[j].id} overlap`);
    }
  }
}

test('no two placed labels overlap, in crowds of every density', () => {
  for (const [n, seed] of [[10, 1], [200, 2], [2000, 3], [5000, 4]]) {
    const placed = placeLabels(crowd(n, seed), { width: 800, height: 500 });
    assert.ok(placed.length > 0);
    assertNoOverlap(placed);
    for (const p of placed) {
      assert.ok(p.left >= 0 && p.top >= 0 && p.left + p.width <= 800 && p.top + p.height <= 500, 'inside the view');
    }
  }
});

test('a dense crowd hides labels instead of stacking them, and uses the other spots before giving up', () => {
  const candidates = crowd(3000, 5);
  const placed = placeLabels(candidates, { width: 800, height: 500 });
  assert.ok(placed.length < candidates.length / 2, `${placed.length} placed of ${candidates.length}`);
  assert.ok(placed.some((p) => p.spot > 0), 'some labels moved off the first spot');
});

test('the selected word is always labelled, first, even in a crowd and at the edge of the view', () => {
  for (const seed of [6, 7, 8]) {
    const others = crowd(1500, seed);
    const selected: LabelCandidate = { id: 9999, x: 795, y: 2, width: 90, height: 14, forced: true };
    const placed = placeLabels([selected, ...others], { width: 800, height: 500 });
    assert.equal(placed[0].id, 9999);
    assertNoOverlap(placed);
  }
});

test('priority order wins: of two points in the same spot, the earlier candidate keeps its label', () => {
  const a = { id: 1, x: 100, y: 100, width: 50, height: 14 };
  const b = { id: 2, x: 101, y: 100, width: 50, height: 14 };
  const [first] = placeLabels([a, b], { width: 800, height: 500 });
  assert.equal(first.id, 1);
  assert.equal(first.spot, 0, 'right of the point when free');
  const again = placeLabels([b, a], { width: 800, height: 500 });
  assert.equal(again[0].id, 2);
  // The second one moved to another spot (left of the point) rather than vanish.
  assert.equal(again.length, 2);
  assert.notEqual(again[1].spot, 0);
});

test('a label whose every spot collides is hidden', () => {
  // A wall of earlier labels all around point 99.
  const wall: LabelCandidate[] = [];
  let id = 0;
  for (let x = 0; x < 400; x += 42) for (let y = 0; y < 300; y += 15) wall.push({ id: id++, x, y, width: 40, height: 14 });
  const placedWall = placeLabels(wall, { width: 400, height: 300 });
  const target = { id: 99, x: 200, y: 150, width: 40, height: 14 };
  for (const spot of SPOTS) {
    const [left, top] = spot(target.x, target.y, target.width, target.height);
    assert.ok(placedWall.some((p) => overlaps(p, { id: -1, left, top, width: 40, height: 14, spot: 0 })), 'every spot is taken');
  }
  const placed = placeLabels([...wall, target], { width: 400, height: 300 });
  assert.ok(!placed.some((p) => p.id === 99));
});

test('the budget caps the labels; points outside the view get none', () => {
  assert.equal(placeLabels(crowd(500, 9), { width: 800, height: 500, budget: 25 }).length, 25);
  assert.equal(placeLabels([{ id: 1, x: -30, y: 10, width: 20, height: 14 }], { width: 800, height: 500 }).length, 0);
});

test('cheap: 10 000 candidates are placed in well under a frame budget', () => {
  const candidates = crowd(10_000, 10, 1200, 700);
  placeLabels(candidates, { width: 1200, height: 700, budget: 140 }); // warm-up
  const started = performance.now();
  for (let k = 0; k < 5; k++) placeLabels(candidates, { width: 1200, height: 700, budget: 140 });
  const ms = (performance.now() - started) / 5;
  assert.ok(ms < 30, `${ms.toFixed(1)} ms per placement`);
});
