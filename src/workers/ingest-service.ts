/**
 * The ingest worker's state and steps: staged imports live here between `import` and `commit`, and the
 * workspace writes happen here, off the main thread. Domain work is in lib/csv; storage in persistence/.
 */
import { importFileSet } from '../lib/csv/import-set';
import { inspectFile } from '../lib/csv/import';
import { applyChoices } from '../lib/csv/series-finish';
import { headerSignature } from '../lib/csv/mapping';
import { generateDemoWorkspace } from '../lib/demo';
import { withoutBidiControls } from '../lib/core/text';
import type { Dataset, InventorySnapshot } from '../lib/dataset/types';
import { openWorkspaceDb, type ShelfcastDB } from '../persistence/db';
import { listDatasets, loadDataset, putJob, saveDataset, saveDatasets, saveInventory } from '../persistence/datasets';
import type { Handlers } from './rpc';
import type { IngestApi } from './protocol';
import { randomId } from '../lib/core/id';

interface Staged {
  dataset: Dataset | null;
  inventory: InventorySnapshot | null;
  signature: string | null;
  mappings: Array<{ signature: string; mapping: IngestApi['import']['input']['files'][number]['mapping'] }>;
  join: boolean;
  jobId: string;
  /** When the import job started, ms since epoch: every later record of the job keeps it. */
  jobStartedAt: number;
}

/** Creates the ingest handlers over a workspace database (opened lazily). */
export function createIngestHandlers(open: () => Promise<ShelfcastDB> = () => openWorkspaceDb()): Handlers<IngestApi> {
  let dbPromise: Promise<ShelfcastDB> | null = null;
  const db = () => (dbPromise ??= open());
  const staged = new Map<string, Staged>();

  return {
    async inspect({ files, role }) {
      const d = await db();
      const existing = await listDatasets(d);
      return Promise.all(
        files.map(async ({ file, name, signature }) => {
          const inspection = await inspectFile(file, role);
          const remembered = inspection.format ? undefined : await d.get('mappings', headerSignature(inspection.header));
          if (remembered && remembered.mapping.role === role) inspection.mapping = remembered.mapping;
          const dup = existing.find((x) => x.sourceSignature === signature);
          return { name, signature, inspection, remembered: !!remembered, duplicateOf: dup ? { id: dup.id, name: dup.name } : null };
        }),
      );
    },

    async import(raw, { signal, onProgress }) {
      // File names become dataset names and sources: without bidi controls ("‮gnp.exe" must not read "exe.png").
      const request = { ...raw, files: raw.files.map((f) => ({ ...f, name: withoutBidiControls(f.name) })) };
      const startedAt = performance.now();
      const d = await db();
      const jobId = randomId();
      const jobStartedAt = Date.now();
      const label = request.files.map((f) => f.name).join(', ');
      // The 'running' record is written while the file parses; IndexedDB applies this store's writes in the order
      // their transactions were created, so a later status always lands after it.
      const running = putJob(d, { id: jobId, kind: 'import', status: 'running', label, startedAt: jobStartedAt, endedAt: null });
      running.catch(() => undefined);
      const finishJob = async (status: 'done' | 'failed' | 'cancelled') => {
        await running.catch(() => undefined);
        await putJob(d, { id: jobId, kind: 'import', status, label, startedAt: jobStartedAt, endedAt: Date.now() });
      };
      try {
        const target = request.targetDatasetId ? await loadDataset(d, request.targetDatasetId) : null;
        const primary = request.files.find((f) => f.inspection.format?.kind !== 'covariates' && f.inspection.format?.kind !== 'attributes');
        const name = (primary ?? request.files[0]).name.replace(/\.(csv|tsv|txt)$/i, '');
        const outcome = await importFileSet(
          request.files.map((f) => ({ blob: f.file, name: f.name, inspection: f.inspection, mapping: f.mapping })),
          {
            id: target && !primary ? target.meta.id : randomId(),
            name: target && !primary ? target.meta.name : name,
            createdAt: target && !primary ? target.meta.createdAt : Date.now(),
            datasetId: request.targetDatasetId,
            target,
            duplicates: request.duplicates,
            signal,
            onProgress,
          },
        );
        if (outcome.kind === 'ask-date-order') {
          await finishJob('cancelled');
          return { kind: 'ask-date-order', fileName: outcome.fileName ?? '', question: outcome.question, report: outcome.report };
        }
        if (outcome.kind === 'fatal') {
          await finishJob('failed');
          return { kind: 'fatal', fileName: outcome.fileName, report: outcome.report };
        }
        await running;
        const stagingId = randomId();
        const { dataset, inventory } = outcome;
        staged.set(stagingId, {
          dataset,
          inventory,
          signature: primary?.signature ?? null,
          mappings: request.files.filter((f) => !f.inspection.format).map((f) => ({ signature: headerSignature(f.inspection.header), mapping: f.mapping })),
          join: !primary,
          jobId,
          jobStartedAt,
        });
        return {
          kind: 'staged',
          stagingId,
          report: outcome.report,
          preview: {
            name,
            format: dataset?.meta.format ?? primary?.inspection.format?.id ?? 'inventory',
            seriesCount: dataset?.meta.seriesCount ?? 0,
            rows: dataset?.meta.rows ?? inventory?.items.length ?? 0,
            firstDay: dataset?.meta.firstDay ?? NaN,
            lastDay: dataset?.meta.lastDay ?? NaN,
            frequency: dataset?.meta.frequency ?? null,
            items: inventory?.items.length ?? 0,
            join: !primary,
            elapsedMs: performance.now() - startedAt,
          },
        };
      } catch (error) {
        await finishJob(error instanceof Error && error.name === 'AbortError' ? 'cancelled' : 'failed');
        throw error;
      }
    },

    async commit({ stagingId, name: typed, choices }) {
      const name = withoutBidiControls(typed);
      const s = staged.get(stagingId);
      if (!s) throw new Error('This import is no longer staged (the page or worker restarted): import the file again.');
      const d = await db();
      let datasetId: string | null = null;
      if (s.dataset) {
        const dataset = applyChoices({ ...s.dataset, meta: { ...s.dataset.meta, name: s.join ? s.dataset.meta.name : name } }, choices);
        const inventory = s.inventory ? { ...s.inventory, name, datasetId: dataset.meta.id } : null;
        await saveDataset(d, dataset, { sourceSignature: s.signature, inventory });
        datasetId = dataset.meta.id;
      } else if (s.inventory) {
        await saveInventory(d, { ...s.inventory, name });
      }
      for (const m of s.mappings) await d.put('mappings', { signature: m.signature, mapping: m.mapping, savedAt: Date.now() });
      await putJob(d, { id: s.jobId, kind: 'import', status: 'done', label: name, startedAt: s.jobStartedAt, endedAt: Date.now() });
      staged.delete(stagingId);
      return { datasetId, inventoryId: s.inventory?.id ?? null };
    },

    async warm() {
      await db();
      return null;
    },

    async discard({ stagingId }) {
      const s = staged.get(stagingId);
      staged.delete(stagingId);
      if (s) await putJob(await db(), { id: s.jobId, kind: 'import', status: 'cancelled', label: 'discarded', startedAt: s.jobStartedAt, endedAt: Date.now() });
      return null;
    },

    async loadDemo({ seed }, { onProgress }) {
      const d = await db();
      onProgress({ phase: 'storing', done: 0, total: 3 });
      const demo = generateDemoWorkspace({ seed, createdAt: Date.now() });
      onProgress({ phase: 'storing', done: 1, total: 3 });
      // One transaction for the whole demo: on a full disk none of it is stored, never one dataset of two.
      await saveDatasets(d, demo.datasets.map((dataset) => ({ dataset, inventory: demo.inventory.datasetId === dataset.meta.id ? demo.inventory : null })));
      onProgress({ phase: 'storing', done: 3, total: 3 });
      return { datasetIds: demo.datasets.map((x) => x.meta.id), inventoryId: demo.inventory.id };
    },
  };
}
