import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LIGHT, parseColour, sceneTheme } from '../../../../renderer/src/components/explorer/scatter-theme.ts';
import { buildPalette, labelColour } from '../../../../renderer/src/components/explorer/scatter-scene.ts';

/** app.css's --scatter-* values in the light :root block and in the dark media block. */
function cssThemes(): { light: Map<string, string>; dark: Map<string, string> } {
  const css = readFileSync(new URL('../../../../renderer/src/app.css', import.meta.url), 'utf8');
  const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');
  const vars = (text: string) => new Map([...text.matchAll(/(--scatter-[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()] as const));
  return { light: vars(css.slice(0, darkStart)), dark: vars(css.slice(darkStart)) };
}
const luminance = ([r, g, b]: number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

test('colours parse from hex and rgb(); anything else is null', () => {
  assert.deepEqual(parseColour(' #fbfcfd '), [251, 252, 253]);
  assert.deepEqual(parseColour('#fff'), [255, 255, 255]);
  assert.deepEqual(parseColour('rgb(24, 27, 33)'), [24, 27, 33]);
  assert.deepEqual(parseColour('rgb(24 27 33 / 0.5)'), [24, 27, 33]);
  assert.equal(parseColour(''), null);
  assert.equal(parseColour('var(--x)'), null);
});

test('a page without the variables draws in the light colours', () => {
  assert.deepEqual(sceneTheme(() => ''), LIGHT);
});

test("app.css's light theme is the light colours the canvas always had", () => {
  const { light } = cssThemes();
  assert.deepEqual(sceneTheme((name) => light.get(name) ?? ''), LIGHT);
});

test("app.css's dark theme: a dark background, light ink, every colour set", () => {
  const { light, dark } = cssThemes();
  assert.deepEqual([...dark.keys()].sort(), [...light.keys()].sort());
  const theme = sceneTheme((name) => dark.get(name) ?? '');
  assert.ok(luminance(theme.background) < 40, `background ${theme.background}`);
  assert.ok(luminance(theme.ink) > 200, `ink ${theme.ink}`);
  for (const key of ['accent', 'accentText', 'found', 'analogy', 'analogyText'] as const) assert.notEqual(theme[key], LIGHT[key], key);
});

test('far points fade toward the background of the theme; label text moves toward its ink', () => {
  const colour: [number, number, number] = [200, 100, 0];
  const dark = buildPalette([colour], [0, 0, 0]);
  const light = buildPalette([colour], [255, 255, 255]);
  // Shade 0 (nearest) is the colour itself; the farthest is 60 % of the way to the background.
  assert.deepEqual([...dark.slice(0, 3)], colour);
  assert.deepEqual([...dark.slice(-3)].map(Math.round), [80, 40, 0]);
  assert.deepEqual([...light.slice(-3)].map(Math.round), [233, 193, 153]);
  assert.equal(labelColour(colour, { ...LIGHT, ink: [0, 0, 0] }), 'rgb(140 70 0)');
  assert.equal(labelColour(colour, { ...LIGHT, ink: [255, 255, 255] }), 'rgb(217 147 77)');
});

test('on a dark canvas the frequency ramp starts where its colours keep 3:1 against the background', async () => {
  const { frequencyRamp, rampStartOn, DARK_RAMP_START } = await import('../../../../renderer/src/components/explorer/colormap.ts');
  const luminance = (rgb: readonly number[]) => {
    const [r, g, b] = rgb.map((u) => (u / 255 <= 0.03928 ? u / 255 / 12.92 : ((u / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: readonly number[], b: readonly number[]) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const darkBackground: [number, number, number] = [24, 27, 33];
  assert.equal(rampStartOn(LIGHT.background), 0);
  assert.equal(rampStartOn(darkBackground), DARK_RAMP_START);
  const ramp = frequencyRamp(32, rampStartOn(darkBackground));
  for (const colour of ramp) assert.ok(contrast(colour, darkBackground) >= 2.95, `${colour}: ${contrast(colour, darkBackground).toFixed(2)}:1`);
  // The whole ramp on a light canvas, as before: viridis from its first colour to its last.
  assert.deepEqual(frequencyRamp(32)[0], [68, 1, 84]);
  assert.deepEqual(frequencyRamp(32).at(-1), [253, 231, 37]);
});
