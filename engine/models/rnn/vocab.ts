/**
 * Token vocabularies for the recurrent models: word- or character-level, most frequent first, capped in size.
 * Ids 0–3 are reserved: `<pad>` = 0 (masked out everywhere), `<unk>` = 1, `<bos>` = 2 and `<eos>` = 3 (used by the
 * language model to mark where a document starts and ends).
 */
export const PAD = 0;
export const UNK = 1;
export const BOS = 2;
export const EOS = 3;
export const SPECIALS = ['<pad>', '<unk>', '<bos>', '<eos>'];

export type Level = 'word' | 'char';

export class Vocab {
  private readonly index = new Map<string, number>();

  constructor(readonly tokens: string[], readonly level: Level) {
    tokens.forEach((t, i) => this.index.set(t, i));
  }

  get size(): number {
    return this.tokens.length;
  }

  id(token: string): number {
    return this.index.get(token) ?? UNK;
  }

  has(token: string): boolean {
    return this.index.has(token);
  }

  /** A document's units: its words, or its characters (words joined by single spaces). */
  units(words: string[]): string[] {
    return this.level === 'word' ? words : [...words.join(' ')];
  }

  encode(words: string[]): number[] {
    return this.units(words).map((u) => this.id(u));
  }

  /** Decoded text: words joined by spaces, characters joined as they are. Specials are dropped. */
  decode(ids: number[]): string {
    const parts = ids.filter((i) => i >= SPECIALS.length).map((i) => this.tokens[i] ?? '<unk>');
    return parts.join(this.level === 'word' ? ' ' : '');
  }

  /** Ties broken by first appearance (Map order), so the same corpus always gives the same ids. */
  static build(documents: Iterable<string[]>, level: Level, maxSize: number): Vocab {
    const counts = new Map<string, number>();
    const probe = new Vocab([], level);
    for (const doc of documents) for (const u of probe.units(doc)) counts.set(u, (counts.get(u) ?? 0) + 1);
    const sorted = [...counts].filter(([t]) => !SPECIALS.includes(t)).sort((a, b) => b[1] - a[1]);
    return new Vocab([...SPECIALS, ...sorted.slice(0, Math.max(0, maxSize - SPECIALS.length)).map(([t]) => t)], level);
  }

  toJSON(): { level: Level; tokens: string[] } {
    return { level: this.level, tokens: this.tokens };
  }

  static fromJSON(json: { level: Level; tokens: string[] }): Vocab {
    return new Vocab(json.tokens, json.level);
  }
}
