// Vite config of the renderer: builds renderer/index.html into dist/renderer with relative asset URLs, so the same
// files load from file:// in Electron and from / in the web host. Nothing is inlined (CSP `script-src 'self'`).
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = import.meta.dirname;

export default defineConfig({
  root,
  base: './',
  // `public/studio-bridge.js` is an empty placeholder: the Electron preload defines `window.studio`, the web host
  // serves its own studio-bridge.js at that path.
  publicDir: `${root}/public`,
  plugins: [svelte()],
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
