import type { IssueCollector } from '../dataset/issues';
import type { Dataset, SeriesRecord } from '../dataset/types';
import { normalizeHeader } from './mapping';
import type { AccumulatedColumns } from './series-builder';

/**
 * Joins side files onto a sales dataset by shared key columns: a covariates file (per key and date, such as
 * Walmart's features.csv) adds covariate series; an attributes file (per key, such as stores.csv) adds static
 * attributes. Key columns match by normalised name, so "Store" joins "store".
 */

/** Maps each of `sideKeys` to the dataset's key column of the same normalised name, or null if one is missing. */
function matchKeys(dataset: Dataset, sideKeys: readonly string[]): string[] | null {
  const byNorm = new Map(dataset.meta.keyColumns.map((k) => [normalizeHeader(k), k]));
  const out: string[] = [];
  for (const k of sideKeys) {
    const hit = byNorm.get(normalizeHeader(k));
    if (!hit) return null;
    out.push(hit);
  }
  return out;
}

function keyOf(series: SeriesRecord, columns: readonly string[]): string {
  return columns.map((c) => series.key[c] ?? '').join('\u0001');
}

/**
 * Adds the covariates of `cols` (rows keyed by key columns and date) to every matching series of `dataset`,
 * aligned on the dataset's calendar. Covariates the dataset already has keep their values. Holiday flags dated
 * after the dataset's last period are kept as known future holidays. Returns a new dataset, or null (with a
 * fatal issue) when the key columns do not match.
 */
export function joinCovariates(
  dataset: Dataset,
  cols: AccumulatedColumns,
  dayOfDate: Float64Array,
  issues: IssueCollector,
  fileName: string,
): Dataset | null {
  const keyCols = matchKeys(dataset, cols.mapping.keys);
  if (!keyCols) {
    issues.add({
      code: 'wrong-role',
      severity: 'fatal',
      message: `${fileName} is keyed by ${cols.mapping.keys.join(', ')}, which dataset "${dataset.meta.name}" does not have (its keys: ${dataset.meta.keyColumns.join(', ') || 'none'}).`,
    });
    return null;
  }
  const rowsByKey = new Map<string, Map<number, number>>();
  for (let r = 0; r < cols.rowCount; r++) {
    const day = dayOfDate[cols.dateIds[r]];
    if (Number.isNaN(day)) continue;
    const key = cols.keys[cols.keyIds[r]].join('\u0001');
    let m = rowsByKey.get(key);
    if (!m) rowsByKey.set(key, (m = new Map()));
    m.set(day, r);
  }
  const existing = new Set(dataset.meta.covariateColumns);
  const added = Object.keys(cols.covariates).filter((c) => !existing.has(c));
  const { calendar } = dataset;
  let matched = 0;
  const series = dataset.series.map((s) => {
    const rows = rowsByKey.get(keyOf(s, keyCols));
    if (!rows) return s;
    matched++;
    const covariates = { ...s.covariates };
    for (const c of added) {
      const src = cols.covariates[c];
      const out = new Float64Array(s.values.length).fill(NaN);
      for (let i = 0; i < out.length; i++) {
        const r = rows.get(calendar.days[s.start + i]);
        if (r !== undefined) out[i] = src[r];
      }
      covariates[c] = out;
    }
    return { ...s, covariates };
  });
  if (matched === 0) {
    issues.add({ code: 'unmatched-item', severity: 'fatal', message: `No ${cols.mapping.keys.join(', ')} value of ${fileName} matches a series of "${dataset.meta.name}".` });
    return null;
  }
  if (matched < dataset.series.length) {
    issues.add({ code: 'unmatched-item', severity: 'warning', message: `${dataset.series.length - matched} of ${dataset.series.length} series have no rows in ${fileName}; their new covariates are missing.` });
  }
  const lastDay = calendar.days[calendar.days.length - 1];
  let futureHolidays = calendar.futureHolidays;
  const holiday = cols.mapping.holiday ? cols.covariates[cols.mapping.holiday] : undefined;
  if (holiday) {
    const future = new Set<number>(futureHolidays ?? []);
    for (let r = 0; r < cols.rowCount; r++) {
      const day = dayOfDate[cols.dateIds[r]];
      if (day > lastDay && holiday[r] > 0) future.add(day);
    }
    futureHolidays = Int32Array.from([...future].sort((a, b) => a - b));
  }
  return {
    meta: {
      ...dataset.meta,
      sourceFiles: [...dataset.meta.sourceFiles, fileName],
      covariateColumns: [...dataset.meta.covariateColumns, ...added],
    },
    calendar: { ...calendar, futureHolidays },
    series,
  };
}

/**
 * Adds static attributes (every non-key column of a per-key file, as text) to matching series.
 * `records` are the data rows of the attributes file, `header` its header.
 */
export function joinAttributes(
  dataset: Dataset,
  header: readonly string[],
  keys: readonly string[],
  records: readonly string[][],
  issues: IssueCollector,
  fileName: string,
): Dataset | null {
  const keyCols = matchKeys(dataset, keys);
  if (!keyCols) {
    issues.add({ code: 'wrong-role', severity: 'fatal', message: `${fileName} is keyed by ${keys.join(', ')}, which dataset "${dataset.meta.name}" does not have.` });
    return null;
  }
  const keyIdx = keys.map((k) => header.indexOf(k));
  const attrIdx = header.map((_, i) => i).filter((i) => !keyIdx.includes(i));
  const byKey = new Map<string, Record<string, string>>();
  for (const rec of records) {
    if (rec.length !== header.length) continue;
    const attrs: Record<string, string> = {};
    for (const i of attrIdx) attrs[header[i]] = rec[i].trim();
    byKey.set(keyIdx.map((i) => rec[i].trim()).join('\u0001'), attrs);
  }
  let matched = 0;
  const series = dataset.series.map((s) => {
    const attrs = byKey.get(keyOf(s, keyCols));
    if (!attrs) return s;
    matched++;
    return { ...s, attributes: { ...s.attributes, ...attrs } };
  });
  if (matched === 0) {
    issues.add({ code: 'unmatched-item', severity: 'fatal', message: `No ${keys.join(', ')} value of ${fileName} matches a series of "${dataset.meta.name}".` });
    return null;
  }
  return { ...dataset, meta: { ...dataset.meta, sourceFiles: [...dataset.meta.sourceFiles, fileName] }, series };
}
