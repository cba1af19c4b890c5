import { IssueCollector, type QualityReport } from '../dataset/issues';
import type { Dataset } from '../dataset/types';
import type { ProgressCallback } from '../core/progress';
import { importFile, importJoin, type ImportOptions, type ImportOutcome, type InspectResult } from './import';
import type { ColumnMapping } from './mapping';

/** One file of a drop, inspected, with the mapping to use. */
export interface FileSetEntry {
  /** The file's content. */
  blob: Blob;
  /** The file's name. */
  name: string;
  /** Its inspection. */
  inspection: InspectResult;
  /** The mapping to use. */
  mapping: ColumnMapping;
}

/** Options of `importFileSet`. */
export interface FileSetOptions extends Omit<ImportOptions, 'inspection' | 'mapping' | 'fileName'> {
  /** Existing dataset to join side files onto when the drop holds no sales file. */
  target?: Dataset | null;
}

/** An outcome, naming the file it is about when it stopped on one. */
export type FileSetOutcome = ImportOutcome & { fileName: string | null };

/**
 * Imports the files of one drop together: the sales (or inventory) file first, then side files joined onto it
 * (covariates per key and date, then attributes per key), as when Walmart's train.csv, features.csv and
 * stores.csv are dropped at once. Side files alone join onto `target`.
 */
export async function importFileSet(entries: readonly FileSetEntry[], options: FileSetOptions): Promise<FileSetOutcome> {
  const isSide = (e: FileSetEntry) => e.inspection.format?.kind === 'covariates' || e.inspection.format?.kind === 'attributes';
  const primaries = entries.filter((e) => !isSide(e));
  const sides = entries.filter(isSide).sort((a, b) => (a.inspection.format?.kind === 'covariates' ? -1 : 0) - (b.inspection.format?.kind === 'covariates' ? -1 : 0));
  const totalBytes = entries.reduce((n, e) => n + e.blob.size, 0) || 1;
  let doneBytes = 0;
  const scaled = (size: number): ProgressCallback | undefined =>
    options.onProgress &&
    ((p) => options.onProgress!({ ...p, done: p.phase === 'parsing' ? doneBytes + (p.done / (p.total || 1)) * size : p.done, total: p.phase === 'parsing' ? totalBytes : p.total }));

  if (primaries.length > 1) {
    const issues = new IssueCollector();
    issues.add({ code: 'wrong-role', severity: 'fatal', message: `Drop one sales file at a time (with its side files): ${primaries.map((p) => p.name).join(', ')} are each a sales file.` });
    return { kind: 'fatal', report: issues.report(), fileName: null };
  }
  let dataset: Dataset | null = options.target ?? null;
  let outcome: ImportOutcome | null = null;
  const reports: QualityReport[] = [];
  const primary = primaries[0];
  if (primary) {
    outcome = await importFile(primary.blob, { ...options, inspection: primary.inspection, mapping: primary.mapping, fileName: primary.name, onProgress: scaled(primary.blob.size) });
    doneBytes += primary.blob.size;
    if (outcome.kind !== 'ok') return { ...outcome, fileName: primary.name };
    dataset = outcome.dataset;
    reports.push(outcome.report);
  }
  if (sides.length && !dataset) {
    const issues = new IssueCollector();
    issues.add({ code: 'wrong-role', severity: 'fatal', message: `${sides.map((s) => s.name).join(' and ')} add${sides.length === 1 ? 's' : ''} columns to a sales dataset: drop ${sides.length === 1 ? 'it' : 'them'} together with the sales file, or import the sales file first.` });
    return { kind: 'fatal', report: issues.report(), fileName: sides[0].name };
  }
  for (const side of sides) {
    const joined = await importJoin(side.blob, dataset!, { ...options, inspection: side.inspection, mapping: side.mapping, fileName: side.name, onProgress: scaled(side.blob.size) });
    doneBytes += side.blob.size;
    if (joined.kind !== 'ok') return { ...joined, fileName: side.name };
    dataset = joined.dataset;
    reports.push(joined.report);
  }
  const report = mergeReports(reports);
  if (dataset) dataset = { ...dataset, meta: { ...dataset.meta, report } };
  return { kind: 'ok', dataset, inventory: outcome?.kind === 'ok' ? outcome.inventory : null, report, fileName: null };
}

/** Concatenates reports, adding counts. */
export function mergeReports(reports: readonly QualityReport[]): QualityReport {
  const out: QualityReport = { issues: [], counts: {}, severities: {}, fatal: false };
  for (const r of reports) {
    out.issues.push(...r.issues);
    for (const [code, n] of Object.entries(r.counts)) out.counts[code as keyof typeof out.counts] = (out.counts[code as keyof typeof out.counts] ?? 0) + (n ?? 0);
    Object.assign(out.severities, r.severities);
    out.fatal ||= r.fatal;
  }
  return out;
}
