import 'fake-indexeddb/auto';
import { expect } from 'vitest';
import { generateDemoWorkspace } from '../../../src/lib/demo';
import { openWorkspaceDb, type ShelfcastDB } from '../../../src/persistence/db';
import { putJob, saveDataset } from '../../../src/persistence/datasets';
import { putRecord } from '../../../src/persistence/records';
import { readWorkspaceRecords } from '../../../src/persistence/backup';
import { backtestDataset } from '../../../src/lib/forecast/run/backtest-dataset';
import { forecastDataset } from '../../../src/lib/forecast/run/forecast-dataset';
import { createOrderLines } from '../../../src/lib/reorder-run/order-lines';
import { packSimRun, type SimRunData } from '../../../src/persistence/sim-runs';
import type { Dataset, InventorySnapshot } from '../../../src/lib/dataset/types';

let n = 0;
/** A fresh, empty workspace database of its own. */
export const freshDb = () => openWorkspaceDb(`backup-test-${++n}`);

/** A Float64Array NaN with a payload other than the canonical one, to see that bits survive. */
export function oddNaN(): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, 0x7ff80000 | 0x1234);
  view.setUint32(4, 0xdeadbeef);
  return view.getFloat64(0);
}

/**
 * Fills a workspace with something in every store: the small demo (two datasets, a snapshot), a mapping,
 * settings, a job, and one record per result store whose payload holds the awkward values.
 */
export async function fillWorkspace(db: ShelfcastDB, seed = 3): Promise<void> {
  const demo = generateDemoWorkspace({ seed, stores: 4, items: 3 });
  for (const d of demo.datasets) await saveDataset(db, d, { inventory: demo.inventory.datasetId === d.meta.id ? demo.inventory : null, sourceSignature: `demo|${seed}` });
  await db.put('mappings', {
    signature: `sku|date|qty|${seed}`,
    mapping: { role: 'sales', date: 'date', value: 'qty', keys: ['sku'], covariates: [], holiday: null, inventory: {}, inferKey: null, dateOrder: null, leadTimeUnit: 'days' },
    savedAt: 1_700_000_000_000,
  });
  await db.put('settings', 1_700_000_000_123, 'demoLoadedOnFirstVisit');
  await db.put('settings', { theme: 'dark', nested: [1, NaN] }, `prefs-${seed}`);
  await putJob(db, { id: `job-${seed}`, kind: 'import', status: 'done', label: 'a.csv', startedAt: 1, endedAt: 2 });
  const floats = new Float64Array([1.5, NaN, -0, Infinity, -Infinity, Number.MIN_VALUE, oddNaN(), seed]);
  // Settings hold any value, so the awkward ones (every typed array kind, NaN payloads, Maps, bigints) live there.
  await db.put('settings', {
    floats,
    ints: Int32Array.from([-(2 ** 31), -1, 0, 2 ** 31 - 1, seed]),
    bytes: new Uint8Array([0, 255, seed]),
    f32: new Float32Array([NaN, 0.1, -0]),
    raw: new Uint16Array([1, 2, 3]).buffer,
    view: new Float64Array(floats.buffer, 8, 2),
    numbers: [NaN, -0, Infinity, -Infinity, 0, seed],
    missing: undefined,
    when: new Date(1_700_000_000_000),
    map: new Map<unknown, unknown>([['a', new Float64Array([NaN])], [2, null]]),
    set: new Set([1, 'two']),
    big: 2n ** 70n,
    tagged: { $t: 'not a tag', v: 1 },
    text: 'émoji 🚀 "quotes" \n newline \u2028',
  }, `awkward-${seed}`);
  const daily = demo.datasets.find((d) => d.meta.id === demo.inventory.datasetId)!;
  for (const r of await resultRecords(demo.datasets[0], daily, demo.inventory, seed)) await putRecord<unknown>(db, r.store, r.record);
}

/**
 * One real record per result store, made by the code that makes them in the app: a backtest and a forecast of
 * `weekly`, an LSTM-like model record, a simulation run on `daily`, an approved order line of `inventory`.
 */
export async function resultRecords(weekly: Dataset, daily: Dataset, inventory: InventorySnapshot, seed: number) {
  const n = weekly.calendar.days.length;
  const report = await backtestDataset(weekly, { modelIds: ['naive', 'snaive'], horizon: 4, firstOrigin: n - 12, step: 4, quantiles: [0.1, 0.5, 0.9], ensembleK: 2 });
  const forecast = await forecastDataset(weekly, report, { horizon: 4, createdAt: seed });
  const item = inventory.items[0];
  const orderDay = inventory.asOfDay ?? daily.calendar.days[daily.calendar.days.length - 1];
  const [line] = createOrderLines(
    [{ id: `orders-${seed}`, seriesId: item.seriesId, key: item.key, quantity: 12, unitCost: item.unitCost, value: 12 * item.unitCost, orderDay, expectedArrivalDay: orderDay + 7, status: 'REORDER', recommendedQuantity: 12, explanation: 'test', approvedAt: seed }],
    inventory.id,
    'approved',
    seed,
  );
  const horizon = 5;
  const trace = Object.fromEntries(['demand', 'onHand', 'backorders', 'onOrder', 'inventoryPosition', 'orderPlaced', 'arrivals', 'lostSales', 'holdingCost', 'shortageCost', 'orderCost', 'purchaseCost'].map((f, i) => [f, new Float64Array(horizon).fill(i)]));
  const sim = packSimRun({
    scenario: { demand: { kind: 'poisson', mean: 3 }, leadTime: { kind: 'fixed', periods: 1 }, unmet: 'backorder', holdingCost: 1, shortageCost: 9, orderCost: 5, purchaseCost: 0, s: 2, S: 9, reviewPeriods: 1 },
    policyName: '(2, 9)', demandLabel: 'Poisson(3)', demandMean: 3, frequency: 'daily', periods: horizon, warmupPeriods: 0, replications: 1, confidence: 0.95,
    kpis: { totalCostPerPeriod: 4, fillRate: 0.9 }, intervals: {}, exact: null, exactNotes: [], trace, events: [{ period: 1, kind: 'order-placed', quantity: 7, duePeriod: 2 }], eventsTruncated: false,
  } as unknown as SimRunData);
  const base = (store: string, datasetId: string | null, kind: string) => ({ id: `${store}-${seed}`, datasetId, name: store, kind, createdAt: seed, updatedAt: seed + 1 });
  return [
    { store: 'models' as const, record: { ...base('models', weekly.meta.id, 'lstm-global'), payload: { files: [{ name: 'model.json', data: '{}' }, { name: 'weights.bin', data: new Uint8Array([1, 2, seed]) }], meta: { seed }, backend: 'cpu', backtestId: null } } },
    { store: 'backtests' as const, record: { ...base('backtests', weekly.meta.id, 'backtest'), payload: report } },
    { store: 'forecasts' as const, record: { ...base('forecasts', weekly.meta.id, 'forecast'), payload: forecast } },
    { store: 'simRuns' as const, record: { ...base('simRuns', null, 'ss-run'), payload: sim } },
    { store: 'orders' as const, record: { ...base('orders', daily.meta.id, 'order-line'), payload: line } },
  ];
}

/** Asserts that two values are equal with typed arrays compared byte for byte (NaN payloads, -0 included). */
export function expectSameBits(actual: unknown, expected: unknown, path = ''): void {
  if (ArrayBuffer.isView(expected) || expected instanceof ArrayBuffer) {
    expect(Object.prototype.toString.call(actual), path).toBe(Object.prototype.toString.call(expected));
    const bytes = (v: ArrayBuffer | ArrayBufferView) => (v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    expect([...bytes(actual as ArrayBufferView)], path).toEqual([...bytes(expected)]);
    return;
  }
  if (typeof expected === 'number') {
    expect(Object.is(actual, expected), `${path}: ${String(actual)} vs ${expected}`).toBe(true);
    return;
  }
  if (expected instanceof Map || expected instanceof Set || expected instanceof Date || typeof expected !== 'object' || expected === null) {
    expect(actual, path).toEqual(expected);
    if (expected instanceof Map) for (const [k, v] of expected) expectSameBits((actual as Map<unknown, unknown>).get(k), v, `${path}<${String(k)}>`);
    return;
  }
  expect(typeof actual, path).toBe('object');
  expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
  for (const k of Object.keys(expected)) expectSameBits((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
}

/** Everything a workspace holds, to compare before and after. */
export async function snapshot(db: ShelfcastDB) {
  return { records: await readWorkspaceRecords(db), jobs: await db.getAll('jobs') };
}
