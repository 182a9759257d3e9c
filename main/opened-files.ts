/**
 * Files handed to the app by the OS: "Open with NLP Studio" in a file manager, a file dropped on the dock icon, a
 * second launch with file arguments (which the first instance receives as `second-instance`'s argv). On Windows
 * and Linux they arrive as command-line arguments; on macOS as `open-file` events, possibly before the window
 * exists — so they are queued until the renderer can take them.
 */
import { statSync } from 'node:fs';
import path from 'node:path';

/**
 * The existing files among a launch's arguments: not switches (Chromium appends its own to a second instance's
 * argv), not the executable, not the app folder or script `electron .` was given in development.
 */
export function filesFromArgv(argv: readonly string[], cwd: string, isFile: (p: string) => boolean = regularFile): string[] {
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('-')) {
      if (arg === '--workspace') i++; // its value is a folder, not a file to open
      continue;
    }
    const file = path.resolve(cwd, arg);
    if (/\.(c?js|mjs)$/i.test(file) || !isFile(file)) continue;
    if (!files.includes(file)) files.push(file);
  }
  return files;
}

function regularFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Holds opened files until a window is ready for them, then hands every later one over at once. */
export class OpenedFiles {
  #queue: string[] = [];
  #deliver: ((paths: string[]) => void) | null = null;

  add(paths: readonly string[]): void {
    if (paths.length === 0) return;
    if (this.#deliver) this.#deliver([...paths]);
    else this.#queue.push(...paths.filter((p) => !this.#queue.includes(p)));
  }

  /** From now on files go to `deliver`; the queued ones go first. */
  ready(deliver: (paths: string[]) => void): void {
    this.#deliver = deliver;
    const queued = this.#queue;
    this.#queue = [];
    if (queued.length > 0) deliver(queued);
  }
}
