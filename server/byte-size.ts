/** Sizes as people write them on a command line (`2g`, `500m`, `4GiB`, `1048576`) and as messages show them. */
import { StudioError } from '../contract/errors.ts';
import { userText } from '../contract/user-text.ts';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** Binary units, case-insensitive, with an optional `b`/`ib` suffix: `2g` = `2GB` = `2GiB` = 2 × 1024³ bytes. */
export function parseByteSize(text: string, what = userText('size')): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  const bytes = m ? Math.floor(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new StudioError('ValidationError', userText('{what} takes a size such as 500m, 2g or 4GiB (bytes when no unit), got "{text}"', { what, text }));
  }
  return bytes;
}

/** `1.5 GiB`, `512 MiB`, `10 KiB`, `12 bytes`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return userText('unlimited');
  for (const [unit, size] of [['TiB', 2 ** 40], ['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}
