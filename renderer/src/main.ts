import './app.css';
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
