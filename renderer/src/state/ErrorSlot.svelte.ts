import { toStudioError } from '../contract.ts';
import { describeEngineError } from '../lib/error-text.ts';
import type { ErrorName } from '../contract.ts';
import { msg, t } from '../i18n/index.ts';

export interface ShownError {
  name: ErrorName;
  /** What the user reads: the message, then the file and line when the error names one. */
  message: string;
}

/**
 * An error as shown: its text is made when read, so after a language switch (which re-renders the UI) it is in the
 * new language. A class instance, which `$state` keeps as it is rather than proxying.
 */
class ShownStudioError implements ShownError {
  readonly name: ErrorName;
  readonly #error: { message: string; file?: string; line?: number };

  constructor(error: { name: ErrorName; message: string; file?: string; line?: number }) {
    this.name = error.name;
    this.#error = error;
  }

  get message(): string {
    return describeEngineError(this.#error);
  }
}

const titles: Record<ErrorName, string> = {
  ValidationError: msg('Invalid input'),
  UnknownMethodError: msg('Unsupported request'),
  ImportError: msg('Import failed'),
  NotFoundError: msg('Not found'),
  InUseError: msg('In use'),
  CancelledError: msg('Cancelled'),
  PausedError: msg('Paused'),
  DivergedError: msg('Training diverged'),
  EngineCrashedError: msg('The engine crashed'),
  UnauthorizedError: msg('Not authorised'),
  DiskFullError: msg('The disk is full'),
  CorruptFileError: msg('A file is damaged'),
  InternalError: msg('Something went wrong'),
};

/** The error's title in the UI's language. */
export function errorTitle(name: ErrorName): string {
  return t(titles[name] ?? titles.InternalError);
}

/**
 * Where a view shows what went wrong. `run` is the thin wrapper every `window.studio` call goes through: it
 * catches the rejection, turns it into a message for the view's alert and resolves to `undefined` instead.
 */
export class ErrorSlot {
  current = $state<ShownError | null>(null);
  #pending = $state(0);

  /** Whether a call made through `run` is still in flight. */
  get busy(): boolean {
    return this.#pending > 0;
  }

  async run<T>(call: () => Promise<T>, { keep = false } = {}): Promise<T | undefined> {
    if (!keep) this.current = null;
    this.#pending++;
    try {
      return await call();
    } catch (error) {
      this.show(error);
      return undefined;
    } finally {
      this.#pending--;
    }
  }

  show(error: unknown): void {
    const e = toStudioError(error);
    // A call cut short by an engine crash is told once, for the whole window, by the crash banner (with what was
    // saved); repeating it in whichever view had a call in flight only hides that view's own state.
    if (e.name === 'EngineCrashedError') return;
    this.current = new ShownStudioError(e);
  }

  clear(): void {
    this.current = null;
  }
}
