import { isAbortError } from '../../lib/core/abort';
import type { Progress } from '../../lib/core/progress';
import type { DateOrderQuestion } from '../../lib/csv/date-column';
import { mappingProblems, type ColumnMapping, type ImportRole } from '../../lib/csv/mapping';
import type { QualityReport } from '../../lib/dataset/issues';
import type { ImportChoices } from '../../lib/dataset/types';
import type { InspectedFile, StagedPreview } from '../../workers/protocol';
import type { WorkerClient } from '../../workers/rpc';
import type { IngestApi } from '../../workers/protocol';
import { importSizeLimit, tooLargeMessage, type BrowserMemory } from '../../lib/csv/size-limit';
import type { Workspace } from './workspace.svelte';

/** What this browser says about its memory (Chromium's non-standard fields; absent elsewhere). */
function browserMemory(): BrowserMemory {
  const nav = globalThis.navigator as Navigator & { deviceMemory?: number };
  const perf = globalThis.performance as Performance & { memory?: { jsHeapSizeLimit?: number } };
  return { deviceMemoryGiB: nav?.deviceMemory, heapLimitBytes: perf?.memory?.jsHeapSizeLimit };
}

/** Where an import is. */
export type ImportStatus =
  | 'idle'
  | 'inspecting'
  | 'mapping'
  | 'importing'
  | 'asking-date'
  | 'review'
  | 'committing'
  | 'done'
  | 'failed'
  | 'cancelled';

/** A file name, size and modification time: the same file dropped twice has the same signature. */
export function fileSignature(file: File): string {
  return `${file.name}|${file.size}|${file.lastModified}`;
}

/**
 * One import at a time, from drop to stored: inspect (recognise, propose a mapping), let the user confirm the
 * mapping when the format is unknown, parse and validate in the worker with progress and cancel, ask about
 * ambiguous dates, show the quality report, and commit with the user's choices. Fatal problems store nothing.
 */
export class ImportSession {
  /** Where the import is. */
  status = $state<ImportStatus>('idle');
  /** What the files are imported as. */
  role = $state<ImportRole>('sales');
  /** The inspected files. */
  files = $state.raw<InspectedFile[]>([]);
  /** Mappings being edited, one per file. */
  mappings = $state<ColumnMapping[]>([]);
  /** Latest progress event. */
  progress = $state.raw<Progress | null>(null);
  /** The date question, when asked. */
  question = $state.raw<DateOrderQuestion | null>(null);
  /** File the question or a fatal problem is about. */
  problemFile = $state<string | null>(null);
  /** The quality report of the last import attempt. */
  report = $state.raw<QualityReport | null>(null);
  /** Figures of the staged import. */
  preview = $state.raw<StagedPreview | null>(null);
  /** Dataset side files join onto / an inventory links to. */
  targetDatasetId = $state<string | null>(null);
  /** A sentence for people when something failed outside the data (worker crash, storage). */
  error = $state<string | null>(null);
  /** The stored dataset after a commit. */
  committedDatasetId = $state<string | null>(null);

  private raw: File[] = [];
  private stagingId: string | null = null;
  private controller: AbortController | null = null;

  constructor(
    private readonly client: WorkerClient<IngestApi>,
    private readonly workspace: Workspace,
  ) {}

  /** True while the worker is busy with this import. */
  get busy(): boolean {
    return this.status === 'inspecting' || this.status === 'importing' || this.status === 'committing';
  }

  /** Problems with the current mappings (empty when importable). */
  get mappingIssues(): string[] {
    return this.files.flatMap((f, i) =>
      f.inspection.format?.kind === 'covariates' || f.inspection.format?.kind === 'attributes'
        ? []
        : mappingProblems(this.mappings[i], f.inspection.header).map((p) => `${f.name}: ${p}`),
    );
  }

  /** Starts an import of dropped or picked files. Refused while another import runs. */
  async start(files: File[], role: ImportRole): Promise<void> {
    if (this.busy) {
      this.error = 'An import is already running: wait for it or cancel it first.';
      return;
    }
    if (this.stagingId) await this.discard();
    this.reset();
    // Files beyond what this browser can hold are refused before reading, with the size it takes and what to do.
    const tooLarge = tooLargeMessage(files, importSizeLimit(browserMemory()));
    if (tooLarge) {
      this.error = tooLarge;
      this.status = 'failed';
      return;
    }
    this.role = role;
    this.raw = files;
    this.status = 'inspecting';
    this.controller = new AbortController();
    try {
      this.files = await this.client.call(
        'inspect',
        { files: files.map((file) => ({ file, name: file.name, signature: fileSignature(file) })), role },
        { signal: this.controller.signal },
      );
      this.mappings = this.files.map((f) => structuredClone(f.inspection.mapping));
      const fatal = this.files.find((f) => f.inspection.report.fatal);
      if (fatal) {
        this.problemFile = fatal.name;
        this.report = fatal.inspection.report;
        this.status = 'failed';
        return;
      }
      const sideOnly = this.files.every((f) => f.inspection.format?.kind === 'covariates' || f.inspection.format?.kind === 'attributes');
      if (sideOnly || role === 'inventory') this.targetDatasetId = this.workspace.activeId;
      const needsMapping = this.files.some((f) => !f.inspection.format && !f.remembered);
      if (needsMapping || this.files.some((f) => f.duplicateOf) || sideOnly) this.status = 'mapping';
      else await this.runImport();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Parses and validates the whole files with the current mappings. */
  async runImport(): Promise<void> {
    if (this.mappingIssues.length) return;
    this.status = 'importing';
    this.progress = null;
    this.controller = new AbortController();
    try {
      const result = await this.client.call(
        'import',
        {
          role: this.role,
          files: this.files.map((f, i) => ({
            file: this.raw[i],
            name: f.name,
            signature: f.signature,
            inspection: $state.snapshot(f.inspection) as InspectedFile['inspection'],
            mapping: $state.snapshot(this.mappings[i]) as ColumnMapping,
          })),
          targetDatasetId: this.targetDatasetId,
          duplicates: 'first',
        },
        { signal: this.controller.signal, onProgress: (p) => (this.progress = p) },
      );
      this.report = result.report;
      if (result.kind === 'ask-date-order') {
        this.question = result.question;
        this.problemFile = result.fileName;
        this.status = 'asking-date';
      } else if (result.kind === 'fatal') {
        this.problemFile = result.fileName;
        this.status = 'failed';
      } else {
        this.stagingId = result.stagingId;
        this.preview = result.preview;
        this.status = 'review';
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** Answers the date question and imports again. */
  async answerDateOrder(order: 'dmy' | 'mdy'): Promise<void> {
    const i = this.files.findIndex((f) => f.name === this.problemFile);
    if (i >= 0) this.mappings[i].dateOrder = order;
    this.question = null;
    await this.runImport();
  }

  /** Stores the staged import with the user's name and choices. */
  async commit(name: string, choices: ImportChoices): Promise<void> {
    if (!this.stagingId) return;
    this.status = 'committing';
    try {
      const result = await this.client.call('commit', { stagingId: this.stagingId, name: name.trim() || this.preview?.name || 'dataset', choices });
      this.stagingId = null;
      this.committedDatasetId = result.datasetId;
      this.workspace.settleInterrupted('import');
      await this.workspace.refresh();
      if (result.datasetId) this.workspace.activeId = result.datasetId;
      this.status = 'done';
    } catch (error) {
      this.fail(error);
    }
  }

  /** Cancels the running step; nothing is stored. */
  cancel(): void {
    this.controller?.abort();
  }

  /** Drops a staged import and returns to idle. */
  async discard(): Promise<void> {
    const id = this.stagingId;
    this.stagingId = null;
    if (id) await this.client.call('discard', { stagingId: id }).catch(() => null);
    this.reset();
  }

  /** Back to idle, forgetting this import. */
  reset(): void {
    this.status = 'idle';
    this.files = [];
    this.mappings = [];
    this.progress = null;
    this.question = null;
    this.problemFile = null;
    this.report = null;
    this.preview = null;
    this.error = null;
    this.committedDatasetId = null;
    this.targetDatasetId = null;
  }

  private fail(error: unknown): void {
    if (isAbortError(error)) {
      this.status = 'cancelled';
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.error = /quota/i.test(message) ? `The browser's storage is full, so nothing was saved: delete a dataset or free disk space. (${message})` : message;
    this.status = 'failed';
  }
}
