import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_WINDOW_STATE, fitToScreens, parseWindowState, readWindowState, trackWindowState } from '../../main/window-state.ts';
import type { Area } from '../../main/window-state.ts';

const laptop: Area = { x: 0, y: 0, width: 1440, height: 876 };
const external: Area = { x: 1440, y: 0, width: 2560, height: 1415 };

test('a saved state is read back; a damaged or foreign file is ignored', () => {
  assert.deepEqual(parseWindowState('{"x":10,"y":20,"width":1000.4,"height":700,"maximized":true}'), { x: 10, y: 20, width: 1000, height: 700, maximized: true });
  assert.deepEqual(parseWindowState('{"width":1000,"height":700}'), { width: 1000, height: 700, maximized: false });
  for (const bad of ['', '{', 'null', '[]', '{"width":-5,"height":700}', '{"width":"1000","height":700}', '{"width":1e400,"height":700}']) assert.equal(parseWindowState(bad), null, bad);
});

test('the window reopens where it was when that place is still on a screen', () => {
  const saved = { x: 1600, y: 100, width: 1400, height: 900, maximized: false };
  assert.deepEqual(fitToScreens(saved, [laptop, external]), saved);
  // The external monitor is gone: same size (clamped to the laptop), but centred by the OS.
  assert.deepEqual(fitToScreens(saved, [laptop]), { width: 1400, height: 876, maximized: false });
  // Dragged so that only the bottom of the window is on screen: the title bar is not reachable, so no position.
  assert.deepEqual(fitToScreens({ x: 100, y: -500, width: 1000, height: 700, maximized: false }, [laptop]), { width: 1000, height: 700, maximized: false });
  // Half the title bar's grip on screen is enough.
  assert.equal(fitToScreens({ x: 1380, y: 10, width: 1000, height: 700, maximized: false }, [laptop]).x, 1380);
});

test('first launch, and sizes below the minimum, open at sensible sizes', () => {
  assert.deepEqual(fitToScreens(null, [external]), DEFAULT_WINDOW_STATE);
  assert.deepEqual(fitToScreens({ width: 200, height: 100, maximized: true }, [laptop]), { width: 900, height: 600, maximized: true });
  assert.deepEqual(fitToScreens(null, []), DEFAULT_WINDOW_STATE); // no screen information: keep the default
});

class FakeWindow extends EventEmitter {
  bounds: Area = { x: 50, y: 60, width: 1100, height: 700 };
  maximized = false;
  minimized = false;
  getNormalBounds = () => this.bounds;
  isMaximized = () => this.maximized;
  isMinimized = () => this.minimized;
}

test('moves and resizes are saved once they settle, and at once on close; a minimised window keeps its last state', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'window-state-'));
  try {
    const file = path.join(dir, 'window-state.json');
    const window = new FakeWindow();
    const tracker = trackWindowState(window, file, 20);
    window.emit('move');
    window.bounds = { x: 70, y: 80, width: 1200, height: 750 };
    window.emit('resize');
    assert.equal(readWindowState(file), null, 'nothing written before the moves settle');
    for (let waited = 0; readWindowState(file) === null && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(readWindowState(file), { x: 70, y: 80, width: 1200, height: 750, maximized: false });
    window.maximized = true;
    window.emit('maximize');
    await tracker.flush();
    assert.equal(readWindowState(file)?.maximized, true);
    window.minimized = true;
    window.bounds = { x: -32000, y: -32000, width: 160, height: 28 }; // what Windows reports for a minimised window
    window.emit('close');
    await tracker.flush();
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { x: 70, y: 80, width: 1200, height: 750, maximized: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
