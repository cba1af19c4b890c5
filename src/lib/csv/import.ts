import { createAbortError } from '../core/abort';
import { MAX_COLUMNS } from '../core/limits';
import { createProgressThrottle, type ProgressCallback } from '../core/progress';
import { IssueCollector, type QualityReport } from '../dataset/issues';
import type { Dataset, InventoryDefaults, InventorySnapshot } from '../dataset/types';
import { resolveDateColumn, type DateOrderQuestion } from './date-column';
import { guessRole, proposeMapping, recognizeFormat, type FormatMatch } from './formats';
import { finishInventory } from './inventory-finish';
import { joinAttributes, joinCovariates } from './join';
import { mappingProblems, type ColumnMapping, type ImportRole } from './mapping';
import { detectLayout, parseCsvBlob } from './parse';
import { SeriesAccumulator } from './series-builder';
import { finishSeries } from './series-finish';
import { describeNonText, sniffBytes, type Sniff } from './sniff';

/** Largest file accepted: 1 GiB (a browser tab cannot hold much more as typed arrays). */
export const MAX_FILE_BYTES = 1024 ** 3;
export { MAX_COLUMNS } from '../core/limits';
const SAMPLE_BYTES = 65536;

/** What a quick look at a file's start shows: enough to recognise it and propose a mapping. */
export interface InspectResult {
  /** Size in bytes. */
  size: number;
  /** Encoding facts. */
  sniff: Sniff;
  /** Delimiter and line break. */
  layout: { delimiter: string; linebreak: string };
  /** Header cells (blank ones named "Column N", repeats suffixed " (2)"). */
  header: string[];
  /** The first data records (at most 20). */
  sample: string[][];
  /** The recognised format, or null. */
  format: FormatMatch | null;
  /** The known format's mapping, or a proposal from names and content. */
  mapping: ColumnMapping;
  /** What the file looks like it is, regardless of where it was dropped. */
  guessedRole: ImportRole | null;
  /** Problems found so far; `fatal` means the file cannot be imported. */
  report: QualityReport;
}

/** Reads the start of a file and recognises it. Never throws for bad content; the report says what is wrong. */
export async function inspectFile(file: Blob, role: ImportRole): Promise<InspectResult> {
  const issues = new IssueCollector();
  const head = new Uint8Array(await file.slice(0, SAMPLE_BYTES).arrayBuffer());
  const sniff = sniffBytes(head, file.size <= SAMPLE_BYTES);
  const empty = { size: file.size, sniff, layout: { delimiter: ',', linebreak: '\n' }, header: [], sample: [], format: null, guessedRole: null };
  const nonText = describeNonText(sniff.kind);
  if (nonText) {
    issues.add({ code: sniff.kind === 'empty' ? 'empty-file' : 'binary-file', severity: 'fatal', message: nonText });
    return { ...empty, mapping: proposeMapping([], [], role), report: issues.report() };
  }
  if (file.size > MAX_FILE_BYTES) {
    issues.add({ code: 'too-large', severity: 'fatal', message: `The file is ${(file.size / 1024 ** 3).toFixed(1)} GiB; the largest file this app reads is 1 GiB.` });
    return { ...empty, mapping: proposeMapping([], [], role), report: issues.report() };
  }
  const text = new TextDecoder(sniff.encoding).decode(head);
  const layout = detectLayout(text);
  const records: string[][] = [];
  await parseCsvBlob(file.slice(0, Math.min(file.size, 4 * SAMPLE_BYTES)), {
    sniff,
    layout,
    maxRecords: 21,
    onRecords: (r) => records.push(...r),
    onProblem: () => {},
  });
  if (records.length === 0 || records[0].every((c) => c.trim() === '')) {
    issues.add({ code: 'empty-file', severity: 'fatal', message: 'The file holds no text rows.' });
    return { ...empty, layout, mapping: proposeMapping([], [], role), report: issues.report() };
  }
  // Wide files: the mapping form, the preview and the per-row work grow with the columns, so a file wider than
  // MAX_COLUMNS is refused here, after reading at most 4 × SAMPLE_BYTES, rather than freezing the tab later.
  const read = Math.min(file.size, 4 * SAMPLE_BYTES);
  if (records.length === 1 && file.size > read) {
    issues.add({
      code: 'too-wide',
      severity: 'fatal',
      message: `The first row alone is longer than ${Math.round(read / 1024)} KB (more than ${records[0].length.toLocaleString('en')} columns); this app reads files of at most ${MAX_COLUMNS.toLocaleString('en')} columns. Keep the columns you need (a date, a quantity, the item keys), or turn a wide table into one row per date and item.`,
    });
    return { ...empty, layout, header: [], mapping: proposeMapping([], [], role), report: issues.report() };
  }
  if (records[0].length > MAX_COLUMNS) {
    issues.add({
      code: 'too-wide',
      severity: 'fatal',
      message: `The file has ${records[0].length.toLocaleString('en')} columns; this app reads files of at most ${MAX_COLUMNS.toLocaleString('en')}. Keep the columns you need (a date, a quantity, the item keys), or turn a wide table into one row per date and item.`,
    });
    return { ...empty, layout, header: [], mapping: proposeMapping([], [], role), report: issues.report() };
  }
  const header = cleanHeader(records[0], issues);
  const sample = records.slice(1);
  if (sample.length === 0) {
    issues.add({ code: 'header-only', severity: 'fatal', message: `The file has only a header row (${header.slice(0, 6).join(', ')}) and no data.` });
  }
  if (header.length < 2) {
    issues.add({
      code: 'not-delimited',
      severity: 'fatal',
      value: header[0],
      message: `The first row has a single column (${JSON.stringify(header[0].slice(0, 60))}): no delimiter (comma, semicolon, tab, pipe) separates its fields.`,
    });
  }
  const format = recognizeFormat(header, role);
  const mapping = format?.mapping ?? proposeMapping(header, sample, role);
  const guessedRole = guessRole(header, sample);
  if (!issues.hasFatal() && guessedRole && guessedRole !== role && !(format && format.kind !== 'series')) {
    const what = guessedRole === 'inventory' ? 'an inventory snapshot (stock per item, no dates)' : 'sales history (dates and quantities)';
    issues.add({
      code: 'wrong-role',
      severity: 'fatal',
      message: `This file looks like ${what}, not ${role === 'sales' ? 'sales history' : 'an inventory snapshot'}. Drop it on the ${guessedRole === 'sales' ? 'Sales history' : 'Inventory'} area instead.`,
    });
  }
  return { size: file.size, sniff, layout, header, sample, format, mapping, guessedRole, report: issues.report() };
}

/** Names blank header cells "Column N" and suffixes repeated names, reporting both. */
function cleanHeader(raw: string[], issues: IssueCollector): string[] {
  const seen = new Map<string, number>();
  return raw.map((cell, i) => {
    let name = cell.trim() || `Column ${i + 1}`;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    if (n > 0) {
      issues.add({ code: 'duplicate-header', severity: 'warning', row: 1, column: name, value: name, message: `The header names "${name}" more than once; column ${i + 1} was renamed "${name} (${n + 1})".` });
      name = `${name} (${n + 1})`;
    }
    return name;
  });
}

/** Options of `importFile`. */
export interface ImportOptions {
  /** The result of `inspectFile` for this file. */
  inspection: InspectResult;
  /** The mapping to use (the inspection's, possibly edited by the user). */
  mapping: ColumnMapping;
  /** Id for the new dataset/snapshot. */
  id: string;
  /** Display name. */
  name: string;
  /** File name. */
  fileName: string;
  /** Import time, ms since epoch. */
  createdAt: number;
  /** Sales dataset an inventory snapshot refers to. */
  datasetId?: string | null;
  /** Defaults for missing inventory fields. */
  inventoryDefaults?: InventoryDefaults;
  /** How duplicate (series, period) rows combine. Default 'first'. */
  duplicates?: 'first' | 'sum';
  /** Cancels the import (rejects with AbortError). */
  signal?: AbortSignal;
  /** Progress: bytes parsed, then validation. */
  onProgress?: ProgressCallback;
}

/** What an import produced. Nothing is stored here: the caller stores it only when `kind` is 'ok'. */
export type ImportOutcome =
  | { kind: 'ok'; dataset: Dataset | null; inventory: InventorySnapshot | null; report: QualityReport }
  | { kind: 'ask-date-order'; question: DateOrderQuestion; report: QualityReport }
  | { kind: 'fatal'; report: QualityReport };

/** Accumulated columns with their dates resolved, or the outcome that stops the import. */
type ReadResult =
  | { kind: 'read'; cols: ReturnType<SeriesAccumulator['columns']>; dayOfDate: Float64Array | undefined; issues: IssueCollector }
  | Exclude<ImportOutcome, { kind: 'ok' }>;

/** Parses the whole file under the mapping and resolves its date column. */
async function readColumns(file: Blob, options: ImportOptions): Promise<ReadResult> {
  const { inspection, mapping, signal } = options;
  const issues = new IssueCollector();
  for (const issue of inspection.report.issues) issues.add(issue);
  const problems = inspection.format?.kind === 'covariates' ? mappingProblems({ ...mapping, value: mapping.date }, inspection.header) : mappingProblems(mapping, inspection.header);
  for (const message of problems) issues.add({ code: mapping.role === 'sales' && !mapping.value ? 'no-value-column' : 'no-date-column', severity: 'fatal', message });
  if (issues.hasFatal()) return { kind: 'fatal', report: issues.report() };

  const progress = createProgressThrottle(options.onProgress);
  const acc = new SeriesAccumulator(inspection.header, mapping, issues, inspection.layout.delimiter);
  let unterminated = false;
  await parseCsvBlob(file, {
    sniff: inspection.sniff,
    layout: inspection.layout,
    signal,
    onRecords: (records, first) => acc.push(first === 0 ? records.slice(1) : records, first === 0 ? 1 : first),
    onProblem: (p) => {
      if (p.code !== 'MissingQuotes' || unterminated) return;
      unterminated = true;
      issues.add({
        code: 'unterminated-quote',
        severity: 'fatal',
        row: p.record + 1,
        message: `Row ${p.record + 1}: a quoted field opens with " but never closes, so the rest of the file would read as one cell. Check the quotes on that row.`,
      });
    },
    onBytes: (done, total) => progress({ phase: 'parsing', done, total }),
  });
  if (signal?.aborted) throw createAbortError();
  const cols = acc.columns();
  const ragged = issues.count('ragged-row');
  if (cols.recordCount > 0 && ragged > cols.recordCount / 2) {
    issues.add({ code: 'not-delimited', severity: 'fatal', message: `${ragged} of ${cols.recordCount} rows have a different number of fields than the header: is this the right delimiter (${JSON.stringify(inspection.layout.delimiter)})?` });
  }
  const valueBad = mapping.value ? issues.count('bad-number') : 0;
  if (mapping.role === 'sales' && cols.rowCount > 0 && valueBad > cols.rowCount / 2) {
    issues.add({ code: 'bad-number', severity: 'fatal', column: mapping.value ?? undefined, message: `Most cells of "${mapping.value}" are not numbers: pick another value column.` });
  }
  if (cols.rowCount === 0 && !issues.hasFatal()) {
    issues.add({ code: 'header-only', severity: 'fatal', message: cols.recordCount ? 'No row of the file could be used; see the problems listed.' : 'The file has a header but no data rows.' });
  }
  if (issues.hasFatal()) return { kind: 'fatal', report: issues.report() };
  let dayOfDate: Float64Array | undefined;
  if (mapping.date) {
    const resolved = resolveDateColumn(cols.dates, cols.dateFirstRow, mapping.date, mapping.dateOrder, issues);
    if (resolved.kind === 'ask') return { kind: 'ask-date-order', question: resolved.question, report: issues.report() };
    if (resolved.kind === 'fatal') return { kind: 'fatal', report: issues.report() };
    dayOfDate = resolved.days;
  }
  return { kind: 'read', cols, dayOfDate, issues };
}

/**
 * Parses a whole file under a mapping and builds the dataset (sales role) and/or the inventory snapshot (inventory
 * role, or a sales file that carries stock levels). User data never throws: problems are in the report.
 */
export async function importFile(file: Blob, options: ImportOptions): Promise<ImportOutcome> {
  const { inspection, mapping } = options;
  const read = await readColumns(file, options);
  if (read.kind !== 'read') return read;
  const { cols, dayOfDate, issues } = read;
  let dataset: Dataset | null = null;
  if (mapping.role === 'sales') {
    const result = finishSeries(cols, dayOfDate!, issues, {
      id: options.id,
      name: options.name,
      sourceFiles: [options.fileName],
      format: inspection.format?.id ?? 'mapped',
      createdAt: options.createdAt,
      duplicates: options.duplicates,
    });
    if (result.kind === 'fatal') return { kind: 'fatal', report: issues.report() };
    dataset = result.dataset;
  }
  let inventory: InventorySnapshot | null = null;
  if (mapping.inventory.onHand) {
    inventory = finishInventory(cols, issues, {
      id: `${options.id}-inventory`,
      name: options.name,
      sourceFile: options.fileName,
      createdAt: options.createdAt,
      datasetId: dataset?.meta.id ?? options.datasetId ?? null,
      defaults: options.inventoryDefaults,
      dayOfDate,
    });
    if (!inventory && mapping.role === 'inventory') return { kind: 'fatal', report: issues.report() };
  }
  const report = issues.report();
  if (dataset) dataset.meta.report = report;
  if (inventory) inventory.report = report;
  return { kind: 'ok', dataset, inventory, report };
}

/**
 * Joins a side file (a covariates file such as features.csv, or an attributes file such as stores.csv) onto an
 * existing dataset. Returns the joined dataset in an 'ok' outcome; the caller replaces the stored one.
 */
export async function importJoin(file: Blob, target: Dataset, options: ImportOptions): Promise<ImportOutcome> {
  const { inspection } = options;
  if (inspection.format?.kind === 'attributes') {
    const issues = new IssueCollector();
    const records: string[][] = [];
    await parseCsvBlob(file, { sniff: inspection.sniff, layout: inspection.layout, signal: options.signal, maxRecords: 100_001, onRecords: (r) => records.push(...r), onProblem: () => {} });
    const joined = joinAttributes(target, inspection.header, options.mapping.keys, records.slice(1), issues, options.fileName);
    return joined ? { kind: 'ok', dataset: joined, inventory: null, report: issues.report() } : { kind: 'fatal', report: issues.report() };
  }
  const read = await readColumns(file, options);
  if (read.kind !== 'read') return read;
  const joined = joinCovariates(target, read.cols, read.dayOfDate!, read.issues, options.fileName);
  return joined ? { kind: 'ok', dataset: joined, inventory: null, report: read.issues.report() } : { kind: 'fatal', report: read.issues.report() };
}
