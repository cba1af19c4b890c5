import { GrowableFloat64, GrowableInt32, Interner } from '../core/growable';
import type { IssueCollector } from '../dataset/issues';
import type { ColumnMapping, InventoryField } from './mapping';
import { INVENTORY_FIELDS } from './mapping';
import { createCellReader, type CellReader } from './cell-read';

/**
 * Accumulates the records of a sales file, streaming: each cell is read once, dates and keys are interned
 * (a column of 421,570 dates holds 143 distinct strings), numbers go straight into typed arrays. Turning the
 * columns into series happens in `finishSeries` (series-finish.ts), once the whole date column is known.
 */

/** The columns of one parsed file, row-aligned, ready to be turned into series. */
export interface AccumulatedColumns {
  /** The file's header. */
  header: string[];
  /** The mapping used. */
  mapping: ColumnMapping;
  /** Accepted data rows. */
  rowCount: number;
  /** Records read (header excluded), accepted or not. */
  recordCount: number;
  /** Spreadsheet row number (header = 1) of each accepted row. */
  rowNumbers: Int32Array;
  /** Distinct date strings; `dateIds[r]` indexes it. */
  dates: string[];
  /** Row → index into `dates`. */
  dateIds: Int32Array;
  /** First spreadsheet row of each distinct date string (for messages). */
  dateFirstRow: Int32Array;
  /** Distinct series keys, each as the array of key values. */
  keys: string[][];
  /** Row → index into `keys`. */
  keyIds: Int32Array;
  /** Row → value (NaN when missing or bad). */
  values: Float64Array;
  /** Covariate column → values per row. */
  covariates: Record<string, Float64Array>;
  /** Inventory field → values per row, for sales files that carry stock levels. */
  inventory: Partial<Record<InventoryField, Float64Array>>;
}

/** Collects records of one file under a mapping. */
export class SeriesAccumulator {
  private readonly cols: { date: number; value: number; keys: number[]; covariates: number[]; holiday: number };
  private readonly inventoryCols: Array<[InventoryField, number]>;
  private readonly dates = new Interner();
  private readonly keys = new Interner();
  private readonly keyParts: string[][] = [];
  private readonly dateFirstRow = new GrowableInt32(256);
  private readonly rowNumbers = new GrowableInt32(1 << 16);
  private readonly dateIds = new GrowableInt32(1 << 16);
  private readonly keyIds = new GrowableInt32(1 << 16);
  private readonly values = new GrowableFloat64(1 << 16);
  private readonly covariates: GrowableFloat64[];
  private readonly inventory: GrowableFloat64[];
  private readonly inferCounts = new Map<string, number>();
  private reader: CellReader | undefined;
  private recordCount = 0;
  /** Key cells (as read, untrimmed) and key id of the last accepted row; -1 before the first. */
  private readonly lastKeyCells: string[] = [];
  private lastKeyId = -1;
  /** Date cell (as read), its trimmed text and its id, of the last accepted row ('' / -1 before the first). */
  private lastDateRaw: string | null = null;
  private lastDateText = '';
  private lastDateId = -1;
  /** Date id → the date id of the accepted row that last followed it (-1: none yet); one entry per date id. */
  private readonly nextDate = new GrowableInt32(256);
  /** The id `nextDate` predicted for the current row's date, or -1. */
  private guessedDateId = -1;

  constructor(
    private readonly header: string[],
    private readonly mapping: ColumnMapping,
    private readonly issues: IssueCollector,
    private readonly delimiter = ',',
  ) {
    const idx = (c: string | null) => (c === null ? -1 : header.indexOf(c));
    this.cols = {
      date: idx(mapping.date),
      value: idx(mapping.value),
      keys: mapping.keys.map(idx),
      covariates: mapping.covariates.map(idx),
      holiday: idx(mapping.holiday),
    };
    this.inventoryCols = INVENTORY_FIELDS.filter((f) => mapping.inventory[f]).map((f) => [f, idx(mapping.inventory[f]!)]);
    this.covariates = mapping.covariates.map(() => new GrowableFloat64(1 << 16));
    this.inventory = this.inventoryCols.map(() => new GrowableFloat64(1 << 16));
  }

  /** Adds data records; `firstRecord` is the 0-based record index of `records[0]` in the file (header = 0). */
  push(records: string[][], firstRecord: number): void {
    const { header, issues, mapping } = this;
    const width = header.length;
    if (!this.reader) this.reader = createCellReader(header, records, issues, this.delimiter);
    const reader = this.reader;
    const { date: dateCol, value: valueCol, keys: keyCols, covariates: covCols } = this.cols;
    const lastKeyCells = this.lastKeyCells;
    for (let r = 0; r < records.length; r++) {
      const rec = records[r];
      const row = firstRecord + r + 1;
      this.recordCount++;
      if (rec.length !== width) {
        issues.add({
          code: 'ragged-row',
          severity: 'warning',
          row,
          message: `Row ${row} has ${rec.length} field${rec.length === 1 ? '' : 's'} where the header has ${width}; the row was skipped.`,
        });
        continue;
      }
      const dateRaw = dateCol >= 0 ? rec[dateCol] : '';
      let sameDate = dateRaw === this.lastDateRaw;
      let dateText = sameDate ? this.lastDateText : '';
      if (!sameDate) {
        // Files sorted by series then date repeat one sequence of dates: the date that followed the last one
        // before is tried first, a string comparison instead of a hash lookup.
        const guess = this.lastDateId >= 0 ? this.nextDate.get(this.lastDateId) : -1;
        if (guess >= 0 && dateRaw === this.dates.values[guess]) {
          dateText = dateRaw;
          this.guessedDateId = guess;
        } else {
          dateText = dateRaw.trim();
          this.guessedDateId = -1;
        }
      }
      if (dateCol >= 0 && dateText === '') {
        issues.add({ code: 'bad-date', severity: 'warning', row, column: mapping.date!, value: '', message: `Row ${row}, column "${mapping.date}": the date is empty; the row was skipped.` });
        continue;
      }
      let longCell = -1;
      for (let c = 0; c < width; c++) if (rec[c].length > 1000) longCell = c;
      if (longCell >= 0) {
        issues.add({
          code: 'long-line',
          severity: 'warning',
          row,
          column: header[longCell],
          value: rec[longCell].slice(0, 80),
          message: `Row ${row}, column "${header[longCell]}" holds ${rec[longCell].length.toLocaleString('en')} characters, far more than a cell of this file should; the row was skipped.`,
        });
        continue;
      }
      // Rows of one series usually follow each other (train.csv: 143 rows per store and department), so the
      // key cells are compared with the last accepted row's first: same cells, same id, no string built.
      let keyId = -1;
      if (!mapping.inferKey && this.lastKeyId >= 0) {
        let same = true;
        for (let k = 0; k < keyCols.length && same; k++) same = rec[keyCols[k]] === lastKeyCells[k];
        if (same) keyId = this.lastKeyId;
      }
      if (keyId < 0) {
        let keyText = '';
        let emptyKey = -1;
        for (let k = 0; k < keyCols.length; k++) {
          const part = rec[keyCols[k]].trim();
          if (part === '') emptyKey = keyCols[k];
          keyText = k === 0 ? part : `${keyText}\u0001${part}`;
        }
        if (emptyKey >= 0) {
          issues.add({ code: 'missing-value', severity: 'warning', row, column: header[emptyKey], value: '', message: `Row ${row}, column "${header[emptyKey]}": the key is empty; the row was skipped.` });
          continue;
        }
        if (mapping.inferKey) keyText = this.inferKey(keyText, dateText);
        keyId = this.keys.id(keyText);
        if (keyId === this.keyParts.length) this.keyParts.push(keyCols.length || mapping.inferKey ? keyText.split('\u0001') : []);
        this.lastKeyId = keyId;
        for (let k = 0; k < keyCols.length; k++) lastKeyCells[k] = rec[keyCols[k]];
      }
      const dateId = sameDate ? this.lastDateId : this.guessedDateId >= 0 ? this.guessedDateId : this.dates.id(dateText);
      if (dateId === this.dateFirstRow.length) {
        this.dateFirstRow.push(row);
        this.nextDate.push(-1);
      }
      if (this.lastDateId >= 0 && !sameDate) this.nextDate.set(this.lastDateId, dateId);
      this.lastDateRaw = dateRaw;
      this.lastDateText = dateText;
      this.lastDateId = dateId;
      this.rowNumbers.push(row);
      this.dateIds.push(dateId);
      this.keyIds.push(keyId);
      this.values.push(valueCol >= 0 ? reader.number(valueCol, rec[valueCol], row, true) : NaN);
      for (let c = 0; c < covCols.length; c++) {
        const col = covCols[c];
        this.covariates[c].push(col === this.cols.holiday ? reader.flag(col, rec[col], row) : reader.number(col, rec[col], row, false));
      }
      for (let c = 0; c < this.inventoryCols.length; c++) {
        const col = this.inventoryCols[c][1];
        this.inventory[c].push(reader.number(col, rec[col], row, false));
      }
    }
  }

  /** The k-th record with the same (date, keys) is member k of the inferred key (see ColumnMapping.inferKey). */
  private inferKey(keyText: string, dateText: string): string {
    const infer = this.mapping.inferKey!;
    const slot = `${dateText}\u0002${keyText}`;
    const k = this.inferCounts.get(slot) ?? 0;
    this.inferCounts.set(slot, k + 1);
    if (k === 0 && this.inferCounts.size === 1) {
      this.issues.add({
        code: 'inferred-key',
        severity: 'warning',
        column: infer.name,
        message: `The file has no "${infer.name}" column: each date repeats every item ${infer.labels.length} times, so the k-th repeat was taken as ${infer.name} ${infer.labels[0]}, ${infer.labels[1] ?? '...'}, and so on. This follows the row order, not the data.`,
      });
    }
    const label = infer.labels[k] ?? `#${k + 1}`;
    return keyText === '' ? label : `${label}\u0001${keyText}`;
  }

  /** The accumulated columns; the accumulator must not be used afterwards. */
  columns(): AccumulatedColumns {
    const covariates: Record<string, Float64Array> = {};
    this.mapping.covariates.forEach((name, c) => (covariates[name] = this.covariates[c].view()));
    const inventory: Partial<Record<InventoryField, Float64Array>> = {};
    this.inventoryCols.forEach(([field], c) => (inventory[field] = this.inventory[c].view()));
    const keyNames = this.mapping.inferKey ? [this.mapping.inferKey.name, ...this.mapping.keys] : this.mapping.keys;
    return {
      header: this.header,
      mapping: { ...this.mapping, keys: keyNames },
      rowCount: this.values.length,
      recordCount: this.recordCount,
      rowNumbers: this.rowNumbers.view(),
      dates: this.dates.values,
      dateIds: this.dateIds.view(),
      dateFirstRow: this.dateFirstRow.view(),
      keys: this.keyParts,
      keyIds: this.keyIds.view(),
      values: this.values.view(),
      covariates,
      inventory,
    };
  }
}
