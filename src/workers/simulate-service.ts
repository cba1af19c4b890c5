/**
 * The simulate worker's handlers: lib/sim/scenario's calls (validation, demand resolution, simulation and
 * the exact (s,S) model all live there) over workspace series read from IndexedDB. This module only loads.
 *
 * Every typed array in a result is transferred (rpc.ts), so results never share a buffer with a cache:
 * lib hands out series histories as copies.
 */
import { AppError } from '../lib/core/errors';
import { createScenarioApi, type LoadedSeries, type SeriesSource } from '../lib/sim/scenario';
import { loadSeriesAt } from '../persistence/datasets';
import { openWorkspaceDb, type ShelfcastDB } from '../persistence/db';
import type { Handlers } from './rpc';
import type { SimulateApi } from './simulate-protocol';

/** Creates the simulate handlers over a workspace database (opened lazily, only for series sources). */
export function createSimulateHandlers(open: () => Promise<ShelfcastDB> = () => openWorkspaceDb()): Handlers<SimulateApi> {
  let dbPromise: Promise<ShelfcastDB> | null = null;
  const db = () => (dbPromise ??= open());

  async function loadSeries(source: SeriesSource): Promise<LoadedSeries> {
    const d = await db();
    const [meta, record] = await Promise.all([d.get('datasets', source.datasetId), loadSeriesAt(d, source.datasetId, source.seriesIndex)]);
    if (!meta || !record) throw new AppError('not-found', `Series ${source.seriesIndex + 1} of dataset ${source.datasetId} is not in the workspace (deleted?).`);
    return { id: record.id, datasetName: meta.name, frequency: meta.frequency, values: record.values };
  }

  // ScenarioApi is SimulateApi's handler map by construction; `satisfies` keeps the two from drifting apart.
  return createScenarioApi({ loadSeries, now: () => performance.now() }) satisfies Handlers<SimulateApi>;
}
