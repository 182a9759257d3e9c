/**
 * The browser half of the web host, bundled as an IIFE (dist/web/studio-bridge.js) and loaded by a classic
 * <script> before the renderer's modules, so `window.studio` exists when the app starts — the same object the
 * Electron preload exposes, built from the same contract. Imports only from contract/ (and this folder).
 */
import type { SocketLike } from './socket-port.ts';
import { userText } from '../../contract/user-text.ts';
import { createWebStudio } from './studio-web.ts';

/** Take `?token=` out of the address bar (it stays in memory for the socket): the cookie now authenticates. */
function takeToken(): string | null {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token !== null) {
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  return token;
}

/** A hidden `<input type=file multiple>`; `cancel` resolves []. Must run inside the user's click (no await first). */
function chooseFiles(): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.style.display = 'none';
    const done = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done([...(input.files ?? [])]), { once: true });
    input.addEventListener('cancel', () => done([]), { once: true });
    document.body.append(input);
    input.click();
  });
}

function download(href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = ''; // the server's Content-Disposition names the file
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}

const token = takeToken();
let warned = false;
const studio = createWebStudio({
  baseUrl: '',
  socketUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`,
  token,
  createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
  fetch: (input, init) => fetch(input, init),
  chooseFiles,
  download,
  onStatus: (status, detail) => {
    if (status === 'open') warned = false;
    if (status === 'closed' && !warned) {
      warned = true; // once per outage, not once per retry
      console.warn(userText('NLP Studio: lost the connection to the server ({detail}); reconnecting…', { detail }));
    }
  },
});
window.studio = studio.api;
