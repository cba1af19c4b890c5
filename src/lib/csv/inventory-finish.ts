import type { IssueCollector } from '../dataset/issues';
import { DEFAULT_INVENTORY_DEFAULTS, type InventoryDefaults, type InventoryItem, type InventorySnapshot } from '../dataset/types';
import type { InventoryField } from './mapping';
import type { AccumulatedColumns } from './series-builder';

/** Descriptive fields of a snapshot the caller supplies. */
export interface InventoryFinishOptions {
  /** Snapshot id. */
  id: string;
  /** Display name. */
  name: string;
  /** Source file name. */
  sourceFile: string;
  /** Import time, ms since epoch. */
  createdAt: number;
  /** Sales dataset the items refer to, when known. */
  datasetId: string | null;
  /** Defaults for fields the file lacks. */
  defaults?: InventoryDefaults;
  /** Day number of each distinct date string (from the date column), when the file has dates. */
  dayOfDate?: Float64Array;
}

const DEFAULTABLE = ['onOrder', 'backorders', 'leadTimeDays', 'unitCost', 'moq', 'packSize', 'serviceLevel'] as const;
const LABEL: Record<InventoryField, string> = {
  onHand: 'on hand',
  onOrder: 'on order',
  backorders: 'backorders',
  leadTimeDays: 'lead time',
  leadTimeStdDays: 'lead-time deviation',
  unitCost: 'unit cost',
  moq: 'minimum order quantity',
  packSize: 'pack size',
  serviceLevel: 'service level',
};

/**
 * Turns accumulated rows into an inventory snapshot: one item per key, taken from its latest dated row (or its
 * last row when the file has no dates). Fields the file lacks take documented defaults, listed per item in
 * `defaulted` and reported once per field. Negative or missing stock is reported, never hidden.
 */
export function finishInventory(cols: AccumulatedColumns, issues: IssueCollector, options: InventoryFinishOptions): InventorySnapshot | null {
  const defaults = options.defaults ?? DEFAULT_INVENTORY_DEFAULTS;
  const { mapping } = cols;
  const pickRow = new Int32Array(cols.keys.length).fill(-1);
  const pickDay = new Float64Array(cols.keys.length).fill(-Infinity);
  const dated = !!options.dayOfDate;
  for (let r = 0; r < cols.rowCount; r++) {
    const k = cols.keyIds[r];
    const day = dated ? options.dayOfDate![cols.dateIds[r]] : r;
    if (Number.isNaN(day)) continue;
    if (pickRow[k] >= 0 && !dated) {
      issues.add({
        code: 'duplicate-key',
        severity: 'warning',
        row: cols.rowNumbers[r],
        value: cols.keys[k].join(' / '),
        message: `Row ${cols.rowNumbers[r]}: item ${cols.keys[k].join(' / ')} appears again; the later row was used.`,
      });
    }
    if (day >= pickDay[k]) {
      pickDay[k] = day;
      pickRow[k] = r;
    }
  }
  const present = new Set(Object.keys(cols.inventory) as InventoryField[]);
  for (const f of DEFAULTABLE) {
    if (present.has(f)) continue;
    const value = f === 'onOrder' || f === 'backorders' ? 0 : defaults[f as keyof InventoryDefaults];
    issues.add({
      code: 'defaulted-field',
      severity: 'info',
      column: LABEL[f],
      message: `No ${LABEL[f]} column: every item uses ${value}${f === 'leadTimeDays' ? ' days' : ''} (you can edit the defaults).`,
    });
  }
  const get = (f: InventoryField, r: number) => cols.inventory[f]?.[r] ?? NaN;
  const weeks = mapping.leadTimeUnit === 'weeks' ? 7 : 1;
  const items: InventoryItem[] = [];
  let asOf = -Infinity;
  for (let k = 0; k < cols.keys.length; k++) {
    const r = pickRow[k];
    if (r < 0) continue;
    if (dated) asOf = Math.max(asOf, pickDay[k]);
    const id = cols.keys[k].join(' / ');
    const row = cols.rowNumbers[r];
    const defaulted: InventoryItem['defaulted'] = [];
    const field = (f: (typeof DEFAULTABLE)[number], fallback: number, valid: (x: number) => boolean): number => {
      const x = get(f, r);
      if (!present.has(f)) {
        defaulted.push(f);
        return fallback;
      }
      if (Number.isNaN(x) || !valid(x)) {
        if (!Number.isNaN(x)) {
          issues.add({ code: 'bad-number', severity: 'warning', row, column: mapping.inventory[f], value: String(x), message: `Row ${row}, column "${mapping.inventory[f]}": ${x} is not a valid ${LABEL[f]}; the default ${fallback} was used.` });
        }
        defaulted.push(f);
        return fallback;
      }
      return x;
    };
    const onHand = get('onHand', r);
    if (Number.isNaN(onHand)) {
      issues.add({ code: 'missing-value', severity: 'warning', row, column: mapping.inventory.onHand, value: id, message: `Row ${row}: item ${id} has no on-hand quantity; it is listed as unknown stock.` });
    } else if (onHand < 0) {
      issues.add({ code: 'negative-value', severity: 'warning', row, column: mapping.inventory.onHand, value: String(onHand), message: `Row ${row}: item ${id} has negative stock on hand (${onHand}); it is kept as reported.` });
    }
    let serviceLevel = get('serviceLevel', r);
    if (serviceLevel > 1 && serviceLevel < 100) serviceLevel /= 100; // "95" means 95 %
    const key: Record<string, string> = {};
    mapping.keys.forEach((name, i) => (key[name] = cols.keys[k][i]));
    items.push({
      seriesId: id,
      key,
      onHand,
      onOrder: field('onOrder', 0, (x) => x >= 0),
      backorders: field('backorders', 0, (x) => x >= 0),
      leadTimeDays: field('leadTimeDays', defaults.leadTimeDays, (x) => x >= 0) * (present.has('leadTimeDays') ? weeks : 1),
      leadTimeStdDays: Math.max(0, get('leadTimeStdDays', r) || 0) * weeks,
      unitCost: field('unitCost', defaults.unitCost, (x) => x >= 0),
      moq: field('moq', defaults.moq, (x) => x >= 0),
      packSize: field('packSize', defaults.packSize, (x) => x > 0),
      serviceLevel: present.has('serviceLevel') && serviceLevel > 0 && serviceLevel < 1 ? serviceLevel : field('serviceLevel', defaults.serviceLevel, () => false),
      defaulted,
    });
  }
  if (items.length === 0) {
    issues.add({ code: 'header-only', severity: 'fatal', message: 'No row of the file gives an item with a stock position.' });
    return null;
  }
  return {
    id: options.id,
    name: options.name,
    sourceFile: options.sourceFile,
    createdAt: options.createdAt,
    asOfDay: Number.isFinite(asOf) ? asOf : null,
    datasetId: options.datasetId,
    keyColumns: mapping.keys,
    items,
    defaults,
    report: issues.report(),
  };
}
