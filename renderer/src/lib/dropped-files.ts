/**
 * The files of a drop, with folders walked. Browsers hand a dropped folder over as one File that cannot be read;
 * its contents come from the File System entries API. Hidden files (".DS_Store", ".git/…") are skipped.
 *
 * Entries must be taken synchronously inside the drop handler (the DataTransfer is emptied after it returns), so
 * call `entriesOf` there and `collectFiles` afterwards.
 */
export type DropSource = { kind: 'entries'; entries: FileSystemEntry[] } | { kind: 'files'; files: File[] };

export function entriesOf(dataTransfer: DataTransfer): DropSource {
  const entries = [...dataTransfer.items].filter((i) => i.kind === 'file').map((i) => i.webkitGetAsEntry());
  // Synthetic drops and some platforms give no entries: then the plain file list is all there is.
  if (entries.length === 0 || entries.some((e) => e === null) || entries.every((e) => e!.isFile)) {
    return { kind: 'files', files: [...dataTransfer.files] };
  }
  return { kind: 'entries', entries: entries as FileSystemEntry[] };
}

export async function collectFiles(source: DropSource): Promise<File[]> {
  if (source.kind === 'files') return source.files;
  const files: File[] = [];
  for (const entry of source.entries) await walk(entry, files);
  return files;
}

async function walk(entry: FileSystemEntry, into: File[]): Promise<void> {
  if (entry.name.startsWith('.')) return;
  if (entry.isFile) {
    into.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries answers in batches (about 100 at a time in Chromium) until it returns an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  children.sort((a, b) => a.name.localeCompare(b.name));
  for (const child of children) await walk(child, into);
}
