import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openWorkspaceDb } from '../../../src/persistence/db';
import { deleteSimRun, listSimRuns, loadSimRun, packSimRun, saveSimRun, SIM_RUN_KIND, TRACE_FIELDS, unpackSimRun } from '../../../src/persistence/sim-runs';
import { createSimulateHandlers } from '../../../src/workers/simulate-service';
import { presetScenario } from '../../../src/ui/inventory/presets';
import { toRunData } from '../../../src/ui/inventory/run';

let n = 0;
const freshDb = () => openWorkspaceDb(`sim-runs-${++n}`);
const ctx = () => ({ signal: new AbortController().signal, onProgress: () => {} });

async function zfRun() {
  const handlers = createSimulateHandlers(() => Promise.reject(new Error('no database needed')));
  return toRunData(await handlers.simulate({ scenario: { ...presetScenario('zheng-federgruen'), periods: 60, replications: 3 } }, ctx()));
}

describe('saved simulation runs', () => {
  it('packSimRun batches the 12 trace fields into one Float64Array and the events into typed arrays; unpack restores them exactly', async () => {
    const run = await zfRun();
    const packed = packSimRun(run);
    expect(packed.traceData).toBeInstanceOf(Float64Array);
    expect(packed.traceData.length).toBe(TRACE_FIELDS.length * 90);
    expect(packed.eventKinds).toBeInstanceOf(Uint8Array);
    const back = unpackSimRun(structuredClone(packed));
    for (const f of TRACE_FIELDS) expect(Array.from(back.trace[f]), f).toEqual(Array.from(run.trace[f]));
    expect(back.events).toEqual(run.events);
    expect(back.kpis).toEqual(run.kpis);
    expect(back.scenario).toEqual(run.scenario);
  });

  it('save, list (newest first, summaries only), load and delete against IndexedDB', async () => {
    const db = await freshDb();
    const run = await zfRun();
    const a = await saveSimRun(db, 'first', run);
    await new Promise((r) => setTimeout(r, 2));
    const b = await saveSimRun(db, '=second', run);
    const list = await listSimRuns(db);
    expect(list.map((r) => r.name)).toEqual(['=second', 'first']);
    expect(list[0]).toMatchObject({ policyName: '(10, 46)', demandLabel: 'Poisson(10)', horizon: 90, datasetId: null });
    const stored = await db.get('simRuns', a.id);
    expect(stored?.kind).toBe(SIM_RUN_KIND);
    const loaded = await loadSimRun(db, a.id);
    expect(loaded?.name).toBe('first');
    expect(Array.from(loaded!.trace.onHand)).toEqual(Array.from(run.trace.onHand));
    await deleteSimRun(db, b.id);
    expect((await listSimRuns(db)).map((r) => r.id)).toEqual([a.id]);
    expect(await loadSimRun(db, 'missing')).toBeNull();
  });

  it('records of another kind in simRuns are not listed', async () => {
    const db = await freshDb();
    await db.put('simRuns', { id: 'x', datasetId: null, name: 'other', kind: 'reorder-sim', createdAt: 1, updatedAt: 1, payload: {} });
    expect(await listSimRuns(db)).toEqual([]);
  });
});
