/**
 * Reads a forecast file made elsewhere onto a dataset: sniffs the bytes, streams the rows through PapaParse as
 * the dataset import does (lib/csv/parse.ts), and returns one forecast per model with every problem found. Bad
 * input never throws: the report says what was wrong, by row, column and value. Only a cancel rejects.
 */
import { detectLayout, parseCsvBlob } from '../../csv/parse';
import { describeNonText, sniffBytes } from '../../csv/sniff';
import { isoFromDay } from '../../core/dates';
import type { Calendar } from '../../dataset/types';
import { buildForecasts, type ImportedModel } from './build';
import { planHeader, type HeaderPlan } from './columns';
import { ExternalIssueCollector, type ExternalIssueReport } from './issues';
import { ForecastRows } from './rows';

/** The dataset a file is imported onto. */
export interface ImportTarget {
  /** Dataset id. */
  datasetId: string;
  /** Dataset name, for messages. */
  name: string;
  /** Its calendar. */
  calendar: Calendar;
  /** Its series ids, in dataset order. */
  seriesIds: readonly string[];
}

/** Options of `readForecastFile`. */
export interface ReadForecastOptions {
  /** The file's name, for labels ("imported from <fileName>"). */
  fileName: string;
  /** Saved at, ms since epoch (default: 0). */
  createdAt?: number;
  /** Largest file read, bytes (default `MAX_FORECAST_FILE_BYTES`). */
  maxBytes?: number;
  /** Cancels the read (it then rejects with an AbortError). */
  signal?: AbortSignal;
}

/** What a forecast file holds for a dataset. */
export interface ForecastFileRead {
  /** One forecast per model with at least one usable series, in file order. */
  models: ImportedModel[];
  /** Problems found (fatal: nothing may be stored). */
  report: ExternalIssueReport;
  /** Data rows in the file. */
  rows: number;
  /** Rows placed on the dataset (series matched, date after its end). */
  placedRows: number;
  /** Rows whose id matched no series. */
  unmatchedRows: number;
  /** Distinct ids that matched no series. */
  unmatchedIds: number;
  /** Dataset series the file has no forecast for. */
  seriesWithout: number;
  /** First forecast date (ISO), or null. */
  firstDate: string | null;
}

const SAMPLE_BYTES = 64 * 1024;

/**
 * Largest forecast file read (bytes): half of the dataset import's measured 800 MB ceiling (lib/csv/size-limit.ts),
 * since a forecast's numbers are held twice while read (the rows, then the forecasts). An estimate: reading was
 * measured up to 53 MB (800,000 rows).
 */
export const MAX_FORECAST_FILE_BYTES = 400e6;

/** Reads `file` against `target`; never throws for bad content. */
export async function readForecastFile(file: Blob, target: ImportTarget, options: ReadForecastOptions): Promise<ForecastFileRead> {
  const issues = new ExternalIssueCollector();
  const { calendar } = target;
  const lastDay = calendar.days[calendar.days.length - 1];
  const empty = (): ForecastFileRead => ({ models: [], report: issues.report(), rows: 0, placedRows: 0, unmatchedRows: 0, unmatchedIds: 0, seriesWithout: target.seriesIds.length, firstDate: null });
  if (lastDay === undefined) {
    issues.add({ code: 'nothing-usable', severity: 'fatal', message: `${target.name} has no periods to forecast after.` });
    return empty();
  }
  if (file.size > (options.maxBytes ?? MAX_FORECAST_FILE_BYTES)) {
    const mb = (b: number) => `${Math.round(b / 1e6)} MB`;
    issues.add({ code: 'too-large', severity: 'fatal', message: `${options.fileName} is ${mb(file.size)}; a forecast file here can be at most about ${mb(options.maxBytes ?? MAX_FORECAST_FILE_BYTES)}. Split it by store, or keep only the models you plan with (and their interval columns).` });
    return empty();
  }
  const head = new Uint8Array(await file.slice(0, SAMPLE_BYTES).arrayBuffer());
  const sniff = sniffBytes(head, file.size <= SAMPLE_BYTES);
  const nonText = describeNonText(sniff.kind);
  if (nonText) {
    issues.add({ code: sniff.kind === 'empty' ? 'empty-file' : 'not-text', severity: 'fatal', message: nonText });
    return empty();
  }
  const layout = detectLayout(new TextDecoder(sniff.encoding).decode(head));
  let plan: HeaderPlan | null = null;
  let rows: ForecastRows | null = null;
  let headerSeen = false;
  await parseCsvBlob(file, {
    sniff,
    layout,
    signal: options.signal,
    onRecords: (records, firstRecord) => {
      let batch = records;
      if (!headerSeen) {
        headerSeen = true;
        plan = planHeader(records[0] ?? [], issues);
        if (plan) rows = new ForecastRows(plan, { name: target.name, frequency: calendar.frequency, lastDay, seriesIds: target.seriesIds }, issues);
        batch = records.slice(1);
        firstRecord += 1;
      }
      rows?.add(batch, firstRecord);
    },
    onProblem: (p) => {
      // PapaParse's record index counts the header as record 0; a spreadsheet numbers it line 1.
      issues.add({ code: 'parse-error', severity: 'warning', row: p.record + 1, message: `Row ${p.record + 1}: ${p.message} (${p.code}).` });
    },
  });
  const read = rows as ForecastRows | null;
  if (!headerSeen) issues.add({ code: 'empty-file', severity: 'fatal', message: 'The file has no header row.' });
  if (!plan || !read) return empty();
  if (read.rowsSeen === 0) issues.add({ code: 'empty-file', severity: 'fatal', row: 1, message: 'The file has a header but no rows.' });
  const models = issues.hasFatal() ? [] : buildForecasts(plan, read, issues, { datasetId: target.datasetId, calendar, fileName: options.fileName, createdAt: options.createdAt ?? 0 });
  if (!issues.hasFatal() && models.length === 0) {
    const why = read.series.length === 0 ? `no row matched a series of ${target.name} on a date after its last date ${isoFromDay(lastDay)}` : 'no model has a usable first period';
    issues.add({ code: 'nothing-usable', severity: 'fatal', message: `Nothing to import: ${why}. The problems below say why, row by row.` });
  }
  const covered = new Set(models.flatMap((m) => m.forecast.series.map((s) => s.seriesId)));
  const first = models[0]?.forecast.series[0]?.days[0];
  return {
    models: issues.hasFatal() ? [] : models,
    report: issues.report(),
    rows: read.rowsSeen,
    placedRows: read.series.length,
    unmatchedRows: read.unmatchedRows,
    unmatchedIds: read.unmatched.size,
    seriesWithout: target.seriesIds.length - covered.size,
    firstDate: first === undefined ? null : isoFromDay(first),
  };
}
