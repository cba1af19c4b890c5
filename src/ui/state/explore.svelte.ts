import type { DatasetSummary } from '../../lib/dataset/summary';
import type { Calendar, SeriesRecord } from '../../lib/dataset/types';
import { loadCalendar, loadSeriesAt, loadSummary } from '../../persistence/datasets';
import type { Workspace } from './workspace.svelte';

/** What the Explore view shows: a dataset's summary (no series loaded) and one picked series. */
export class ExploreState {
  /** The dataset shown. */
  datasetId = $state<string | null>(null);
  /** Its summary. */
  summary = $state.raw<DatasetSummary | null>(null);
  /** Its calendar. */
  calendar = $state.raw<Calendar | null>(null);
  /** Index of the picked series, or -1 for none. */
  selected = $state(-1);
  /** The picked series. */
  series = $state.raw<SeriesRecord | null>(null);

  private generation = 0;

  constructor(private readonly workspace: Workspace) {}

  /** Shows a dataset (latest request wins: a slow load never overwrites a newer one). */
  async show(datasetId: string | null): Promise<void> {
    const gen = ++this.generation;
    this.datasetId = datasetId;
    if (!datasetId) {
      this.summary = null;
      this.calendar = null;
      this.series = null;
      return;
    }
    const db = await this.workspace.db();
    const [summary, calendar] = await Promise.all([loadSummary(db, datasetId), loadCalendar(db, datasetId)]);
    if (gen !== this.generation) return;
    this.summary = summary ?? null;
    this.calendar = calendar ?? null;
    this.selected = -1;
    this.series = null;
    if (summary && summary.stats.length) await this.pick(0);
  }

  /** Picks a series by index and loads its values (one stored chunk). */
  async pick(index: number): Promise<void> {
    if (!this.datasetId) return;
    const gen = this.generation;
    this.selected = index;
    const record = await loadSeriesAt(await this.workspace.db(), this.datasetId, index);
    if (gen === this.generation && this.selected === index) this.series = record;
  }
}
