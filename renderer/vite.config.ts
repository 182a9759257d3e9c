// Vite config of the renderer: builds renderer/index.html into dist/renderer with relative asset URLs, so the same
// files load from file:// in Electron and from / in the web host. Nothing is inlined (CSP `script-src 'self'`).
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';

const root = import.meta.dirname;

/**
 * The shipped CJK fallback font (@fontsource/noto-sans-sc, imported by src/main.ts) keeps only its numbered
 * unicode-range slices (the CJK glyphs), each as woff2. Its latin, latin-ext, cyrillic and vietnamese faces are
 * dropped (the system font stack draws those), and so are the woff fallbacks, which Chromium never fetches: both
 * would only add megabytes to dist/renderer. Runs before Vite's CSS plugin, so only the kept files are emitted.
 * The font's licence (OFL-1.1, resources/fonts/) ships beside the font files, as the licence asks.
 */
export function cjkFontSlices(): Plugin {
  let used = false;
  return {
    name: 'nlp-studio:cjk-font-slices',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource[\\/]noto-sans-sc[\\/]\d+\.css$/.test(id)) return null;
      used = true;
      const faces = code.split(/(?=\/\* noto-sans-sc-)/).filter((face) => /^\/\* noto-sans-sc-\[\d+\]-/.test(face));
      if (faces.length === 0) throw new Error(`${id}: no numbered unicode-range slices (did @fontsource/noto-sans-sc change its layout?)`);
      return { code: faces.map((face) => face.replace(/,\s*url\([^)]*\.woff\) format\('woff'\)/, '')).join(''), map: null };
    },
    generateBundle() {
      if (!used) return;
      const licence = readFileSync(`${root}/../resources/fonts/NotoSansSC-OFL.txt`);
      this.emitFile({ type: 'asset', fileName: 'assets/noto-sans-sc-OFL.txt', source: licence });
    },
  };
}

export default defineConfig({
  root,
  base: './',
  // `public/studio-bridge.js` is an empty placeholder: the Electron preload defines `window.studio`, the web host
  // serves its own studio-bridge.js at that path.
  publicDir: `${root}/public`,
  plugins: [cjkFontSlices(), svelte()],
  build: {
    outDir: `${root}/../dist/renderer`,
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // No data: URIs and no inline modulepreload polyfill; Chromium preloads modules natively.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    cssCodeSplit: true,
    // Only index.html: `dev.html` and `dev/` (the mock studio) never reach the production build.
    rolldownOptions: { input: `${root}/index.html` },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
