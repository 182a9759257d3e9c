import './app.css';
// The CJK fallback font, shipped so Chinese never shows as empty boxes where the OS has no CJK font. Only the
// unicode-range slices whose glyphs a page shows are fetched (vite.config.ts keeps just the CJK slices, as woff2).
// 400 for text; 600 for the UI's 540–700 weights (the browser picks the nearest face).
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/600.css';
import { mount } from 'svelte';
import App from './App.svelte';
import NoBridge from './components/NoBridge.svelte';
import { AppState, appContext } from './state/AppState.svelte.ts';

const target = document.getElementById('app')!;

// `window.studio` is defined before this bundle runs: by the Electron preload, or by the web host's bridge script.
if (typeof window.studio === 'undefined') {
  mount(NoBridge, { target });
} else {
  const app = new AppState(window.studio);
  mount(App, { target, context: appContext(app) });
  void app.start();
}
