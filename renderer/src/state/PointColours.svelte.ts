import { parseLabelTable, parseWordList, type LabelTable } from '../components/explorer/point-colours.ts';

export type ColourMode = 'frequency' | 'label' | 'list';

/**
 * What colours the explorer's points: corpus frequency (the default), a label column of a table the user loads
 * (word → label, e.g. the Embedding Projector's metadata.tsv), or a word list the user pastes or loads (those words
 * highlighted, the rest dimmed). Kept per run's explorer; the colours themselves are computed by the view against
 * the words drawn (point-colours.ts).
 */
export class PointColours {
  mode = $state<ColourMode>('frequency');
  /** The word list as typed or loaded. */
  listText = $state('');
  list = $derived(parseWordList(this.listText));
  /** The loaded label table, its file's name, and the column (≥ 1) colouring the points. */
  table = $state.raw<LabelTable | null>(null);
  tableName = $state<string | null>(null);
  column = $state(1);
  /** The last file loaded as a table that had no label column (the panel says so, in the UI's language). */
  unlabelledFile = $state<string | null>(null);

  setMode(mode: ColourMode): void {
    this.mode = mode;
  }

  /** Load a word list from a file's text (replaces what is typed). */
  loadList(text: string): void {
    this.listText = parseWordList(text).join('\n');
    this.mode = 'list';
  }

  /** Load a word → label table; the first column after the words colours the points. */
  loadTable(name: string, text: string): void {
    const table = parseLabelTable(text);
    if (table.columns.length < 2 || table.rows.length === 0) {
      this.unlabelledFile = name;
      return;
    }
    this.unlabelledFile = null;
    this.table = table;
    this.tableName = name;
    // The Projector's metadata has a count column second; a label column, if any, is more useful.
    const count = table.columns.findIndex((c, i) => i > 0 && /^(count|freq|frequency)$/i.test(c));
    this.column = count === 1 && table.columns.length > 2 ? 2 : 1;
    this.mode = 'label';
  }
}
