/**
 * Hand a Blob to the user as a file. In a browser this is an ordinary download (an <a download> on an object URL).
 * In Electron the same click reaches the session's download handling: with no `will-download` handler set by the
 * main process, Electron asks where to save with its native save dialog.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name from a run name, as the engine's exports make them: letters of any script kept, path characters dropped. */
export function safeFileName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/\.(txt|text|csv|tsv|jsonl|ndjson)\b/gi, '') // "brown.txt" in a run name is the corpus file
    .replace(/[\\/:*?"<>|\u0000-\u001f·]+/g, ' ').replace(/\s+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'embedding';
}
