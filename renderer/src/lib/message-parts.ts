/**
 * A translated sentence cut at its `{placeholders}`, for sentences whose filled-in parts carry markup (a name in
 * bold, a path in monospace): the component renders the text pieces as they are and each slot with its own markup.
 * The translation keeps the whole sentence, so Chinese can put the slots in its own order.
 */
export interface MessagePart {
  /** The placeholder's name, or null for plain text. */
  slot: string | null;
  text: string;
}

export function messageParts(template: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    if (m.index > last) parts.push({ slot: null, text: template.slice(last, m.index) });
    parts.push({ slot: m[1], text: m[0] });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ slot: null, text: template.slice(last) });
  return parts;
}
