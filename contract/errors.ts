/**
 * Errors cross every process boundary (engine → host → renderer) as plain data, never as class instances:
 * structured clone and contextBridge drop custom properties of Error objects. `StudioError` rebuilds a real
 * Error on the receiving side so `instanceof` and stack traces work there.
 */
import { z } from './zod.ts';

/** The error names a caller can branch on. Anything else arrives as `InternalError`. */
export const ErrorName = z.enum([
  'ValidationError', // a payload did not match the contract (bad method arguments, bad config keys)
  'UnknownMethodError', // a channel/method that the contract does not declare
  'ImportError', // a corpus or vectors file could not be imported; names the file and line
  'NotFoundError', // a corpus, run, job, export or file handle that does not exist
  'InUseError', // a run or corpus is held by a live process (this one or another sharing the workspace), which it names
  'CancelledError', // the job was cancelled by the user
  'PausedError', // a training job stopped at a checkpoint on request; its run can be resumed
  'DivergedError', // training stopped because its loss or weights became NaN or infinite; the last finite checkpoint is kept
  'EngineCrashedError', // the engine process died; it is being restarted
  'UnauthorizedError', // the web host refused a call without its token
  'DiskFullError', // a file could not be written: the disk (or quota) is full; names the file and the space needed
  'CorruptFileError', // a model or checkpoint file does not match the checksum its run recorded; names the file
  'InternalError',
]);
export type ErrorName = z.infer<typeof ErrorName>;

export const ErrorData = z.object({
  name: ErrorName,
  message: z.string(),
  stack: z.string().optional(),
  /** The file the error is about, when there is one (import and export errors). */
  file: z.string().optional(),
  /** 1-based line in `file`. */
  line: z.number().int().positive().optional(),
});
export type ErrorData = z.infer<typeof ErrorData>;

export class StudioError extends Error {
  override readonly name: ErrorName;
  readonly file?: string;
  readonly line?: number;

  constructor(name: ErrorName, message: string, where: { file?: string; line?: number } = {}) {
    super(message);
    this.name = name;
    if (where.file !== undefined) this.file = where.file;
    if (where.line !== undefined) this.line = where.line;
  }

  toData(): ErrorData {
    return errorToData(this);
  }

  static fromData(data: ErrorData): StudioError {
    const error = new StudioError(data.name, data.message, data);
    if (data.stack) error.stack = data.stack;
    return error;
  }
}

/** Serialise anything thrown into the wire form. Unknown errors become InternalError with their message. */
export function errorToData(error: unknown): ErrorData {
  if (error instanceof StudioError) {
    const data: ErrorData = { name: error.name, message: error.message };
    if (error.stack) data.stack = error.stack;
    if (error.file !== undefined) data.file = error.file;
    if (error.line !== undefined) data.line = error.line;
    return data;
  }
  const parsed = ErrorData.safeParse(error);
  if (parsed.success) return parsed.data;
  if (error instanceof Error) return { name: 'InternalError', message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { name: 'InternalError', message: String(error) };
}

/** Normalise whatever a `window.studio` call rejected with (an Error, a StudioError, or plain ErrorData). */
export function toStudioError(error: unknown): StudioError {
  if (error instanceof StudioError) return error;
  return StudioError.fromData(errorToData(error));
}

/**
 * The file and line an error names that its message does not already say ("Row 5 of x.csv …" says both): what a
 * description adds after the message. Shared by `describeError` and the UI's translated description.
 */
export function untoldLocation(error: { message: string; file?: string; line?: number }): { file: string | null; line: number | null } {
  return {
    file: error.file !== undefined && !error.message.includes(error.file) ? error.file : null,
    line: error.line !== undefined && !new RegExp(`\\b(?:line|row) ${error.line}\\b`, 'i').test(error.message) ? error.line : null,
  };
}

/** The text a user sees: the message, then where (file and line) when known. */
export function describeError(error: unknown): string {
  const e = toStudioError(error);
  const { file, line } = untoldLocation(e);
  const where = [file, line === null ? null : `line ${line}`].filter((part) => part !== null);
  return where.length === 0 ? e.message : `${e.message} (${where.join(', ')})`;
}
