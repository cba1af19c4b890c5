/**
 * Types only: the API of each worker, one map per worker (method → input, result, progress). The client's
 * method signatures and the worker's handlers are both derived from these maps (see rpc.ts).
 */
import type { Progress } from '../lib/core/progress';
import type { DateOrderQuestion } from '../lib/csv/date-column';
import type { InspectResult } from '../lib/csv/import';
import type { ColumnMapping, ImportRole } from '../lib/csv/mapping';
import type { QualityReport } from '../lib/dataset/issues';
import type { ImportChoices } from '../lib/dataset/types';
import type { Frequency } from '../lib/core/dates';

/** One inspected file, with what the workspace knows about it. */
export interface InspectedFile {
  /** The file's name. */
  name: string;
  /** Name, size and modification time: identifies the same file dropped twice. */
  signature: string;
  /** The inspection (header, sample, recognised format, proposed mapping, fatal problems). */
  inspection: InspectResult;
  /** True when the mapping was remembered from an earlier file with the same header. */
  remembered: boolean;
  /** An existing dataset imported from the same file, if any. */
  duplicateOf: { id: string; name: string } | null;
}

/** A file of an import request. */
export interface ImportFileRequest {
  /** The file (File objects are cloned cheaply across the boundary; the bytes are not copied). */
  file: Blob;
  /** Its name. */
  name: string;
  /** Its signature (see InspectedFile). */
  signature: string;
  /** Its inspection. */
  inspection: InspectResult;
  /** The mapping to use. */
  mapping: ColumnMapping;
}

/** Request to parse and validate a drop; the result is staged in the worker until committed or discarded. */
export interface ImportRequest {
  /** What the files are imported as. */
  role: ImportRole;
  /** The files of the drop. */
  files: ImportFileRequest[];
  /** Dataset to join side files onto, or to link an inventory snapshot to. */
  targetDatasetId: string | null;
  /** How duplicate (series, period) rows combine. */
  duplicates: 'first' | 'sum';
}

/** A staged import's headline figures, shown before the user commits. */
export interface StagedPreview {
  /** Proposed name. */
  name: string;
  /** Recognised format id. */
  format: string;
  /** Series in the dataset (0 for an inventory-only import). */
  seriesCount: number;
  /** Rows used. */
  rows: number;
  /** First period, day number (NaN for inventory-only). */
  firstDay: number;
  /** Last period, day number. */
  lastDay: number;
  /** Frequency, or null for inventory-only. */
  frequency: Frequency | null;
  /** Inventory items, when the import holds a snapshot. */
  items: number;
  /** True when this joins side files onto an existing dataset (commit replaces it). */
  join: boolean;
  /** Time the worker spent reading and checking the files, ms. */
  elapsedMs: number;
}

/** Result of `import`. */
export type ImportResponse =
  | { kind: 'staged'; stagingId: string; preview: StagedPreview; report: QualityReport }
  | { kind: 'ask-date-order'; fileName: string; question: DateOrderQuestion; report: QualityReport }
  | { kind: 'fatal'; fileName: string | null; report: QualityReport };

/** Request to store a staged import. */
export interface CommitRequest {
  /** From the `staged` response. */
  stagingId: string;
  /** Name to store it under. */
  name: string;
  /** The user's choices for warnings. */
  choices: ImportChoices;
}

/** What was stored. */
export interface CommitResponse {
  /** Dataset stored (or replaced, for a join), if any. */
  datasetId: string | null;
  /** Inventory snapshot stored, if any. */
  inventoryId: string | null;
}

/** The ingest worker: parsing, validation, staging, and the workspace writes that follow. */
export type IngestApi = {
  /** Reads each file's start: format, header, sample, proposed mapping, fatal problems. */
  inspect: { input: { files: Array<{ file: Blob; name: string; signature: string }>; role: ImportRole }; result: InspectedFile[]; progress: Progress };
  /** Parses and validates whole files; stages the result. */
  import: { input: ImportRequest; result: ImportResponse; progress: Progress };
  /** Stores a staged import (one transaction) and remembers its mapping. */
  commit: { input: CommitRequest; result: CommitResponse; progress: Progress };
  /** Drops a staged import. */
  discard: { input: { stagingId: string }; result: null; progress: Progress };
  /** Starts the worker and opens the database ahead of the first drop, so an import does not wait for them. */
  warm: { input: null; result: null; progress: Progress };
  /** Generates and stores the demo workspace (replacing an earlier demo). */
  loadDemo: { input: { seed: number }; result: { datasetIds: string[]; inventoryId: string }; progress: Progress };
};
