/**
 * N-grams as integer ids, so that BLEU and chrF count them in typed arrays instead of string-keyed maps (string
 * n-gram keys cost several times more: every n-gram is built, hashed and stored as a string, in a map per sentence).
 *
 * An n-gram is the pair (id of its (n−1)-gram prefix, its last unit); an open-addressing hash table over such
 * pairs gives each distinct n-gram one id, at one probe per n-gram. Units are integers: code points for chrF's
 * character n-grams, token ids (`tokenId`, stable for the whole corpus) for words. The n-gram ids are only
 * needed within one sentence and its references, so the table is cleared after each: it stays the size of one
 * sentence's n-grams, small enough to live in the CPU cache (a corpus-wide table is several times slower).
 */

/** One sentence's n-grams: the ids of the n-grams of order n are `ids[start[n − 1]]` … `ids[start[n] − 1]`. */
export interface SentenceNgrams {
  ids: Int32Array;
  start: number[];
}

/** The prefix of a unigram; different namespaces (characters, words) use different ones so their ids differ. */
export const CHAR_UNIGRAM = -1;
export const WORD_UNIGRAM = -2;

const INITIAL_CAPACITY = 1024;

/** The slot of a pair: the top log2(capacity) bits of a multiplicative hash (Fibonacci hashing). */
function slotOf(prefix: number, unit: number, shift: number): number {
  return Math.imul(prefix ^ Math.imul(unit, 0x85ebca77), 0x9e3779b1) >>> shift;
}

export class NgramIds {
  private prefixes = new Int32Array(INITIAL_CAPACITY);
  private units = new Int32Array(INITIAL_CAPACITY);
  private ids = new Int32Array(INITIAL_CAPACITY).fill(-1); // -1: empty slot
  private slots = new Int32Array(INITIAL_CAPACITY / 2); // the slot of each id, to clear the table in O(size)
  private shift = 32 - Math.log2(INITIAL_CAPACITY);
  private readonly tokenIds = new Map<string, number>();
  /** Distinct n-grams since the last `clear`; ids are 0 … size − 1. */
  size = 0;

  /** The id of the n-gram (prefix n-gram, unit). */
  id(prefix: number, unit: number): number {
    if (2 * (this.size + 1) > this.ids.length) this.grow();
    const mask = this.ids.length - 1;
    let slot = slotOf(prefix, unit, this.shift);
    for (;;) {
      const id = this.ids[slot];
      if (id < 0) {
        this.prefixes[slot] = prefix;
        this.units[slot] = unit;
        this.slots[this.size] = slot;
        return (this.ids[slot] = this.size++);
      }
      if (this.prefixes[slot] === prefix && this.units[slot] === unit) return id;
      slot = (slot + 1) & mask;
    }
  }

  /** The ids of the n-grams of `units` for n = 1 … maxOrder, in sentence order within each order. */
  ngrams(units: ArrayLike<number>, maxOrder: number, unigramPrefix: number): SentenceNgrams {
    // One array for all orders: a typed array per order per sentence would cost more than the counting.
    const start = [0];
    for (let n = 1; n <= maxOrder; n++) start.push(start[n - 1] + Math.max(0, units.length - n + 1));
    const ids = new Int32Array(start[maxOrder]);
    for (let n = 1; n <= maxOrder; n++) {
      // The n-gram at i extends the (n−1)-gram at i.
      for (let i = 0, at = start[n - 1]; at < start[n]; i++, at++) {
        ids[at] = this.id(n === 1 ? unigramPrefix : ids[start[n - 2] + i], units[i + n - 1]);
      }
    }
    return { ids, start };
  }

  /** Forgets the n-grams (not the token ids): ids start again from 0. */
  clear(): void {
    for (let id = 0; id < this.size; id++) this.ids[this.slots[id]] = -1;
    this.size = 0;
  }

  /** A stable integer for a word, to use as a unit; kept across `clear`. */
  tokenId(token: string): number {
    let id = this.tokenIds.get(token);
    if (id === undefined) this.tokenIds.set(token, (id = this.tokenIds.size));
    return id;
  }

  private grow(): void {
    const { prefixes, units, ids } = this;
    const capacity = ids.length * 2, mask = capacity - 1;
    this.shift--;
    this.prefixes = new Int32Array(capacity);
    this.units = new Int32Array(capacity);
    this.ids = new Int32Array(capacity).fill(-1);
    this.slots = new Int32Array(capacity / 2);
    for (let s = 0; s < ids.length; s++) {
      if (ids[s] < 0) continue;
      let slot = slotOf(prefixes[s], units[s], this.shift);
      while (this.ids[slot] >= 0) slot = (slot + 1) & mask;
      this.prefixes[slot] = prefixes[s];
      this.units[slot] = units[s];
      this.ids[slot] = ids[s];
      this.slots[ids[s]] = slot;
    }
  }
}

/** Per-id counts that are zero between uses: whoever adds to some ids resets exactly those. */
export class NgramCounts {
  counts = new Int32Array(INITIAL_CAPACITY);

  /** Makes room for the ids `ngramIds` has handed out. */
  fit(ngramIds: NgramIds): void {
    if (ngramIds.size <= this.counts.length) return;
    const grown = new Int32Array(Math.max(ngramIds.size, 2 * this.counts.length));
    grown.set(this.counts);
    this.counts = grown;
  }

  /** Counts `ids[from]` … `ids[to − 1]`. */
  add(ids: Int32Array, from = 0, to = ids.length): void {
    for (let i = from; i < to; i++) this.counts[ids[i]]++;
  }

  clear(ids: Int32Array, from = 0, to = ids.length): void {
    for (let i = from; i < to; i++) this.counts[ids[i]] = 0;
  }

  /**
   * Σ over distinct n-grams of min(count in `ids[from … to − 1]`, count here), using up the counts here (clear
   * them after): each occurrence in `ids` matches one remaining occurrence here, if any.
   */
  consume(ids: Int32Array, from = 0, to = ids.length): number {
    let matched = 0;
    for (let i = from; i < to; i++) {
      if (this.counts[ids[i]] > 0) {
        this.counts[ids[i]]--;
        matched++;
      }
    }
    return matched;
  }
}
