import type { SummaryHead, SummaryRow, SummarySortKey } from '../../lib/dataset/summary-view';
import type { Calendar, SeriesRecord } from '../../lib/dataset/types';
import type { Workspace } from './workspace.svelte';

/** Series table rows per page. */
export const EXPLORE_PAGE = 25;
/** Series the picker lists at most. */
export const EXPLORE_MATCHES = 50;

/**
 * What the Explore view shows: a dataset's summary head, the visible page of its series table, the series matching
 * a search, and one picked series. The per-series statistics stay in the summary worker (Workspace.summaryRows):
 * the page asks for the 25 rows it shows, never the 100,000 (issue #13).
 */
export class ExploreState {
  /** The dataset shown. */
  datasetId = $state<string | null>(null);
  /** Its summary head (totals, profile, uplifts, most volatile series). */
  head = $state.raw<SummaryHead | null>(null);
  /** Its calendar. */
  calendar = $state.raw<Calendar | null>(null);
  /** Index of the picked series, or -1 for none. */
  selected = $state(-1);
  /** The picked series' statistics and attributes. */
  pickedRow = $state.raw<SummaryRow | null>(null);
  /** The picked series. */
  series = $state.raw<SeriesRecord | null>(null);
  /** The table's order. */
  sortKey = $state<SummarySortKey>('total');
  sortDesc = $state(true);
  /** The table page shown (from 0) and its rows. */
  page = $state(0);
  rows = $state.raw<SummaryRow[]>([]);
  /** The picker's search and the series it lists (at most EXPLORE_MATCHES, dataset order). */
  query = $state('');
  matches = $state.raw<Array<{ index: number; id: string }>>([]);

  private generation = 0;
  private rowsAsked = 0;
  private findAsked = 0;

  constructor(private readonly workspace: Workspace) {}

  /** Pages in the table. */
  get pages(): number {
    return Math.max(1, Math.ceil((this.head?.series ?? 0) / EXPLORE_PAGE));
  }

  /** Shows a dataset (latest request wins: a slow load never overwrites a newer one). */
  async show(datasetId: string | null): Promise<void> {
    const gen = ++this.generation;
    this.datasetId = datasetId;
    if (!datasetId) {
      this.head = null;
      this.calendar = null;
      this.series = null;
      this.pickedRow = null;
      this.rows = [];
      this.matches = [];
      return;
    }
    const [head, calendar] = await Promise.all([this.workspace.summaryHead(datasetId), this.workspace.calendar(datasetId)]);
    if (gen !== this.generation) return;
    this.page = 0;
    // The table and the picker first, then the head: the view shows the dataset once all three are there.
    await Promise.all([this.loadRows(), this.search(this.query)]);
    if (gen !== this.generation) return;
    this.head = head ?? null;
    this.calendar = calendar ?? null;
    this.selected = -1;
    this.series = null;
    this.pickedRow = null;
    if (head && head.series) await this.pick(0);
  }

  /** Sorts the table by `key` (again: the other direction), from its first page. */
  sortBy(key: SummarySortKey): Promise<void> {
    if (this.sortKey === key) this.sortDesc = !this.sortDesc;
    else {
      this.sortKey = key;
      this.sortDesc = key !== 'id';
    }
    this.page = 0;
    return this.loadRows();
  }

  /** Shows table page `page` (clamped to the pages there are). */
  goTo(page: number): Promise<void> {
    this.page = Math.min(this.pages - 1, Math.max(0, page));
    return this.loadRows();
  }

  /** Lists the series whose id contains `query` in the picker (latest request wins). */
  async search(query: string): Promise<void> {
    this.query = query;
    const id = this.datasetId;
    const asked = ++this.findAsked;
    if (!id) return;
    const matches = await this.workspace.findSeries(id, query, EXPLORE_MATCHES);
    if (asked === this.findAsked && id === this.datasetId) this.matches = matches;
  }

  /** Picks a series by index: its row from the summary worker and its values (one stored chunk). */
  async pick(index: number): Promise<void> {
    if (!this.datasetId) return;
    const id = this.datasetId;
    const gen = this.generation;
    this.selected = index;
    const [row, record] = await Promise.all([this.workspace.summaryRow(id, index), this.workspace.seriesAt(id, index)]);
    if (gen !== this.generation || this.selected !== index) return;
    this.pickedRow = row;
    this.series = record;
  }

  /** Asks for the rows of the page shown (latest request wins). */
  private async loadRows(): Promise<void> {
    const id = this.datasetId;
    const asked = ++this.rowsAsked;
    if (!id) return;
    const { rows } = await this.workspace.summaryRows(id, { sortKey: this.sortKey, desc: this.sortDesc, offset: this.page * EXPLORE_PAGE, limit: EXPLORE_PAGE });
    if (asked === this.rowsAsked && id === this.datasetId) this.rows = rows;
  }
}
