/**
 * The shape of every record a backup may hold, checked before anything is written: required fields and their
 * types per store, then the links between stores (every calendar, chunk and summary belongs to a dataset in
 * the file; every dataset has its calendar, summary and all its series). Extra fields are allowed, so a record
 * written by a slightly newer build of the same schema still restores.
 */
import type { BackupStore } from './stores';
import { MAX_DAY, MIN_DAY } from '../core/limits';

/** Reports problems of one value at `path` into `out`. */
type Check = (value: unknown, path: string, out: string[]) => void;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 30 ? `${value.slice(0, 27)}...` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}

const must = (ok: (v: unknown) => boolean, what: string): Check => (v, path, out) => {
  if (!ok(v)) out.push(`${path} should be ${what}, not ${describe(v)}`);
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);

const text = must((v) => typeof v === 'string', 'text');
const num = must((v) => typeof v === 'number', 'a number');
const int = must((v) => Number.isInteger(v), 'a whole number');
const bool = must((v) => typeof v === 'boolean', 'true or false');
const anyObject = must(isObject, 'an object');
const anyValue: Check = () => {};
const oneOf = (...allowed: string[]) => must((v) => allowed.includes(v as string), `one of ${allowed.join(', ')}`);
const typed = (name: string) => must((v) => ArrayBuffer.isView(v) && v.constructor.name === name, `a ${name}`);
const nullable = (check: Check): Check => (v, path, out) => {
  if (v !== null) check(v, path, out);
};
const optional = (check: Check): Check => (v, path, out) => {
  if (v !== undefined) check(v, path, out);
};
const listOf = (check: Check): Check => (v, path, out) => {
  if (!Array.isArray(v)) out.push(`${path} should be a list, not ${describe(v)}`);
  else for (let i = 0; i < v.length && out.length < MAX_PROBLEMS; i++) check(v[i], `${path}[${i}]`, out);
};
const recordOf = (check: Check): Check => (v, path, out) => {
  if (!isObject(v)) out.push(`${path} should be an object, not ${describe(v)}`);
  else for (const k of Object.keys(v)) check(v[k], `${path}.${k}`, out);
};
/** An object's own field (never an inherited one: a crafted `__proto__` must not supply a checked field). */
export const own = (v: Record<string, unknown>, name: string): unknown => (Object.prototype.hasOwnProperty.call(v, name) ? v[name] : undefined);
const shape = (fields: Record<string, Check>): Check => (v, path, out) => {
  if (!isObject(v)) {
    out.push(`${path || 'the record'} should be an object, not ${describe(v)}`);
    return;
  }
  for (const [name, check] of Object.entries(fields)) check(own(v, name), path ? `${path}.${name}` : name, out);
};
/** A number in [min, max] (NaN refused unless `nan`). Bounds keep a crafted 1e308 out of every sum and label. */
const between = (min: number, max: number, options: { integer?: boolean; nan?: boolean } = {}): Check =>
  must(
    (v) => typeof v === 'number' && ((options.nan && Number.isNaN(v)) || (v >= min && v <= max && (!options.integer || Number.isInteger(v)))),
    `${options.integer ? 'a whole number' : 'a number'} from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}${options.nan ? ' (or empty)' : ''}`,
  );
/** A day number within the supported calendar (see core/limits.ts). */
const day = must((v) => Number.isInteger(v) && (v as number) >= MIN_DAY && (v as number) <= MAX_DAY, 'a date between 1800-01-01 and 2200-12-31');
/** A time stamp, ms since epoch, within what Date can hold. */
const time = between(0, 8.64e15);
/** Units of stock or of an order. */
const units = between(-1e12, 1e12);
const nonNegativeUnits = between(0, 1e12);

/** Problems reported per backup before giving up: enough to see the pattern. */
export const MAX_PROBLEMS = 10;

const report = shape({
  issues: listOf(shape({ code: text, severity: oneOf('fatal', 'warning', 'info'), message: text })),
  counts: anyObject,
  severities: anyObject,
  fatal: bool,
});
const frequency = oneOf('daily', 'weekly', 'monthly');
const strings = recordOf(text);
const f64 = typed('Float64Array');

const series = shape({ id: text, key: strings, start: between(0, 1e7, { integer: true }), values: f64, covariates: recordOf(f64), attributes: optional(strings) });

const storedRecord = shape({ id: text, datasetId: nullable(text), name: text, kind: text, createdAt: time, updatedAt: time, payload: anyObject });

/** Validators of one record per store (settings records are `{key, value}` pairs in the backup). */
export const RECORD_CHECKS: Record<BackupStore, Check> = {
  datasets: shape({
    id: text, name: text, sourceFiles: listOf(text), format: text, createdAt: time, keyColumns: listOf(text), valueColumn: text,
    covariateColumns: listOf(text), rows: between(0, 1e10, { integer: true }), seriesCount: between(0, 1e7, { integer: true }), firstDay: day, lastDay: day, frequency,
    choices: shape({ missingPeriods: oneOf('leave', 'zero'), negativeValues: oneOf('keep', 'zero') }), report, sourceSignature: nullable(text),
  }),
  calendars: shape({ datasetId: text, frequency, days: typed('Int32Array'), holidays: typed('Uint8Array'), futureHolidays: optional(typed('Int32Array')) }),
  seriesChunks: shape({ datasetId: text, chunk: int, series: listOf(series) }),
  summaries: shape({
    datasetId: text, total: f64, stats: listOf(shape({ id: text, length: int, observed: int, missing: int, firstDay: num, lastDay: num })), keys: listOf(strings), attributes: listOf(nullable(strings)),
    profile: shape({ unit: text, labels: listOf(text), index: f64 }), holidayUplift: num, flagUplift: recordOf(num),
  }),
  inventories: shape({
    id: text, name: text, sourceFile: text, createdAt: time, asOfDay: nullable(day), datasetId: nullable(text), keyColumns: listOf(text),
    items: listOf(shape({
      seriesId: text, key: strings, onHand: units, onOrder: nonNegativeUnits, backorders: nonNegativeUnits, leadTimeDays: between(0, 3650), leadTimeStdDays: between(0, 3650),
      unitCost: between(0, 1e9, { nan: true }), moq: nonNegativeUnits, packSize: between(0, 1e9), serviceLevel: between(0, 1), defaulted: listOf(text),
    })),
    defaults: shape({ leadTimeDays: between(0, 3650), unitCost: between(0, 1e9, { nan: true }), moq: nonNegativeUnits, packSize: between(0, 1e9), serviceLevel: between(0, 1) }),
    report,
  }),
  mappings: shape({
    signature: text,
    mapping: shape({ role: oneOf('sales', 'inventory'), date: nullable(text), value: nullable(text), keys: listOf(text), covariates: listOf(text) }),
    savedAt: time,
  }),
  settings: shape({ key: must(isKey, 'a string, number or date key'), value: anyValue }),
  models: storedRecord,
  forecasts: storedRecord,
  backtests: storedRecord,
  simRuns: storedRecord,
  orders: storedRecord,
};

function isKey(v: unknown): boolean {
  if (typeof v === 'string') return true;
  if (typeof v === 'number') return !Number.isNaN(v);
  if (v instanceof Date) return !Number.isNaN(v.getTime());
  return Array.isArray(v) && v.length > 0 && v.every(isKey);
}

/** The key a record is stored under, as text (to find duplicates, which would silently overwrite each other). */
export function recordKey(store: BackupStore, record: Record<string, unknown>): string {
  switch (store) {
    case 'calendars':
    case 'summaries':
      return String(record.datasetId);
    case 'seriesChunks':
      return `${String(record.datasetId)}\u0000${String(record.chunk)}`;
    case 'mappings':
      return String(record.signature);
    case 'settings':
      return JSON.stringify(record.key instanceof Date ? { date: record.key.getTime() } : record.key);
    default:
      return String(record.id);
  }
}

/**
 * Checks the links between stores of records that each passed `RECORD_CHECKS`. Invariants:
 * - keys are unique within a store;
 * - every calendar, summary and series chunk names a dataset of the backup;
 * - every dataset has a calendar and a summary, and chunks 0..k-1 holding exactly `seriesCount` series;
 * - a calendar's `holidays` has one entry per day, and each series lies inside its calendar.
 * Returns the problems found (at most MAX_PROBLEMS).
 */
export function checkLinks(records: Record<BackupStore, Array<Record<string, unknown>>>): string[] {
  const out: string[] = [];
  const push = (message: string) => {
    if (out.length < MAX_PROBLEMS) out.push(message);
  };
  for (const store of Object.keys(records) as BackupStore[]) {
    const seen = new Set<string>();
    records[store].forEach((r, i) => {
      const key = recordKey(store, r);
      if (seen.has(key)) push(`${store} #${i + 1}: the key ${JSON.stringify(key.replace('\u0000', ', '))} appears twice`);
      seen.add(key);
    });
  }
  const datasets = new Map(records.datasets.map((d) => [d.id as string, d]));
  const days = new Map<string, number>();
  for (const c of records.calendars) {
    const id = c.datasetId as string;
    if (!datasets.has(id)) push(`calendars: the calendar of dataset ${JSON.stringify(id)} has no dataset in the backup`);
    const n = (c.days as Int32Array).length;
    if ((c.holidays as Uint8Array).length !== n) push(`calendars: dataset ${JSON.stringify(id)} has ${n} days but ${(c.holidays as Uint8Array).length} holiday flags`);
    days.set(id, n);
  }
  const summaries = new Set(records.summaries.map((s) => s.datasetId as string));
  for (const id of summaries) if (!datasets.has(id)) push(`summaries: the summary of dataset ${JSON.stringify(id)} has no dataset in the backup`);
  const chunks = new Map<string, Array<Record<string, unknown>>>();
  for (const c of records.seriesChunks) {
    const id = c.datasetId as string;
    if (!datasets.has(id)) push(`seriesChunks: chunk ${String(c.chunk)} of dataset ${JSON.stringify(id)} has no dataset in the backup`);
    const list = chunks.get(id);
    if (list) list.push(c);
    else chunks.set(id, [c]);
  }
  for (const [id, d] of datasets) {
    const label = `dataset ${JSON.stringify(d.name)}`;
    if (!days.has(id)) push(`datasets: ${label} has no calendar`);
    if (!summaries.has(id)) push(`datasets: ${label} has no summary`);
    const own = (chunks.get(id) ?? []).sort((a, b) => (a.chunk as number) - (b.chunk as number));
    if (own.some((c, i) => c.chunk !== i)) push(`datasets: ${label} has a gap in its series chunks`);
    const seriesList = own.flatMap((c) => c.series as Array<{ id: string; start: number; values: Float64Array }>);
    if (seriesList.length !== d.seriesCount) push(`datasets: ${label} should have ${String(d.seriesCount)} series but the backup holds ${seriesList.length}`);
    const n = days.get(id);
    const outside = n === undefined ? undefined : seriesList.find((s) => s.start < 0 || s.start + s.values.length > n);
    if (outside) push(`seriesChunks: series ${JSON.stringify(outside.id)} of ${label} lies outside its calendar of ${n} periods`);
  }
  return out;
}
