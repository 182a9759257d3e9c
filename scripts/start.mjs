// `npm start` (after `npm run build`): the desktop app when the Electron binary is installed and can show a
// window; otherwise the same app in a browser through the web host (`nlp-studio serve`), saying why.
// Never requires the `electron` package: in Electron 45 that starts a download when the binary is missing.
//
// NLP_STUDIO_START_DRY_RUN=1 prints the decision as JSON and exits (used by the tests).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const passThrough = process.argv.slice(2);
const DEFAULT_PORT = 8765;

/** The Electron executable, found the way node_modules/electron/index.js finds it, minus the download. */
function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const file = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(file) ? file : null;
  }
  if (!relative) return null;
  const file = path.join(pkg, 'dist', relative);
  return existsSync(file) ? file : null;
}

/** Whether a GUI can be shown: Linux and the BSDs need an X or Wayland display; macOS and Windows always have one. */
function hasDisplay() {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function decide() {
  const electron = electronBinary();
  if (!electron) {
    return {
      mode: 'web',
      electron: null,
      why:
        'The desktop app needs the Electron binary, which is not installed: the `electron` npm package only ' +
        'carries an installer that downloads the binary from GitHub releases, outside the npm registry, and this ' +
        'machine cannot reach it. To get it, run `npx install-electron` in this folder on a machine with internet ' +
        'access (or copy node_modules/electron/dist and node_modules/electron/path.txt from one, same OS and ' +
        'Electron version), or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 45 build. Until then ' +
        'NLP Studio runs as a local web app: same interface, same workspace, served to your browser on 127.0.0.1.',
    };
  }
  if (!hasDisplay()) {
    return {
      mode: 'web',
      electron,
      why: 'Electron is installed but there is no display (DISPLAY and WAYLAND_DISPLAY are unset), so no window can open. NLP Studio runs as a local web app instead.',
    };
  }
  return { mode: 'electron', electron, why: null };
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, command)));
}

/** Open `url` in the user's browser if there is a way to; otherwise say so. Never throws. */
function openBrowser(url) {
  let command = null;
  let args = [];
  if (process.platform === 'darwin') [command, args] = ['open', [url]];
  else if (process.platform === 'win32') [command, args] = ['cmd', ['/c', 'start', '""', url]];
  else if (!hasDisplay()) {
    console.log('No display here (headless session): open the URL above in a browser on this machine, or forward the port (ssh -L).');
    return;
  } else if (onPath('xdg-open')) [command, args] = ['xdg-open', [url]];
  else if (existsSync('/usr/bin/chromium')) [command, args] = ['/usr/bin/chromium', [url]];
  if (!command) {
    console.log('Found no way to open a browser: open the URL above yourself.');
    return;
  }
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => console.log(`Could not run ${command}: open the URL above yourself.`));
    child.unref();
  } catch {
    console.log('Could not open a browser: open the URL above yourself.');
  }
}

/** Run `command`, forwarding Ctrl-C/termination, and exit with its code. */
function runForwarding(command, args, options, onStdout) {
  const child = spawn(command, args, { cwd: root, stdio: ['inherit', onStdout ? 'pipe' : 'inherit', 'inherit'], ...options });
  if (onStdout) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      process.stdout.write(text);
      onStdout(text);
    });
  }
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function startWeb() {
  const cli = path.join(root, 'dist', 'cli', 'index.cjs');
  if (!existsSync(cli)) {
    console.error('dist/cli/index.cjs is missing: run `npm run build` first (`npm start` does).');
    process.exit(1);
  }
  const args = [cli, 'serve', ...passThrough];
  if (!passThrough.includes('--port') && !(await portFree(DEFAULT_PORT))) {
    console.log(`Port ${DEFAULT_PORT} is busy; using a free one.`);
    args.push('--port', '0');
  }
  let opened = false;
  let seen = '';
  runForwarding(process.execPath, args, {}, (text) => {
    if (opened) return;
    seen = (seen + text).slice(-4096);
    const match = /https?:\/\/\S+[?&]token=[A-Za-z0-9_-]+/.exec(seen);
    if (match) {
      opened = true;
      openBrowser(match[0]);
    }
  });
}

const plan = decide();
if (process.env.NLP_STUDIO_START_DRY_RUN) {
  console.log(JSON.stringify(plan));
  process.exit(0);
}
if (plan.mode === 'electron') {
  const args = ['.', ...passThrough];
  if (process.platform === 'linux' && process.getuid?.() === 0) {
    // Chromium refuses to run as root with its sandbox on. Running as root is the problem; this only lets it start.
    console.warn('Warning: running as root, so Electron starts with --no-sandbox. Run NLP Studio as a normal user.');
    args.push('--no-sandbox');
  }
  runForwarding(plan.electron, args, { env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } });
} else {
  console.log(`\n${plan.why}\n`);
  await startWeb();
}
