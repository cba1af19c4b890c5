/**
 * Column mappings: which column of a file plays which part. Known formats are recognised from their header;
 * any other file gets a proposal from header names and content that the user confirms or edits.
 */

/** What a file is imported as. */
export type ImportRole = 'sales' | 'inventory';

/** Inventory fields a column can supply. */
export type InventoryField =
  | 'onHand'
  | 'onOrder'
  | 'backorders'
  | 'leadTimeDays'
  | 'leadTimeStdDays'
  | 'unitCost'
  | 'moq'
  | 'packSize'
  | 'serviceLevel';

/** All inventory fields, in display order. */
export const INVENTORY_FIELDS: readonly InventoryField[] = [
  'onHand',
  'onOrder',
  'backorders',
  'leadTimeDays',
  'leadTimeStdDays',
  'unitCost',
  'moq',
  'packSize',
  'serviceLevel',
];

/** Which column plays which part. Column names are as in the file's header. */
export interface ColumnMapping {
  /** What the file is imported as. */
  role: ImportRole;
  /** The date column; required for sales, optional for inventory (then the last date per item is used). */
  date: string | null;
  /** The demand/sales column (sales role). */
  value: string | null;
  /** Columns identifying a series or item, in order (e.g. Store, Dept). */
  keys: string[];
  /** Numeric columns kept as covariates. */
  covariates: string[];
  /** A 0/1 or TRUE/FALSE holiday flag column (also kept as a covariate), or null. */
  holiday: string | null;
  /** Inventory field → column (inventory role, or a sales file that also carries stock levels). */
  inventory: Partial<Record<InventoryField, string>>;
  /**
   * A key the file lacks but its row order implies: the k-th repeat of the same (date, keys) is member k.
   * Used for the retail-inventory column subset that dropped `Store ID`; reported as an `inferred-key` warning.
   */
  inferKey: { name: string; labels: string[] } | null;
  /** 'dmy' or 'mdy' when the user settled an ambiguous date column; null to infer. */
  dateOrder: 'dmy' | 'mdy' | null;
  /** Lead-time column unit: 'days' or 'weeks' (converted to days). */
  leadTimeUnit: 'days' | 'weeks';
}

/** Normalises a header for matching: lower case, letters and digits only ("Store ID" → "storeid"). */
export function normalizeHeader(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A stable signature of a header, used to remember the user's mapping for files with the same columns. */
export function headerSignature(header: readonly string[]): string {
  return header.map(normalizeHeader).join('|');
}

/** An empty mapping for `role`. */
export function emptyMapping(role: ImportRole): ColumnMapping {
  return {
    role,
    date: null,
    value: null,
    keys: [],
    covariates: [],
    holiday: null,
    inventory: {},
    inferKey: null,
    dateOrder: null,
    leadTimeUnit: 'days',
  };
}

/** Checks a mapping against a header; returns the problems as sentences (empty when usable). */
export function mappingProblems(mapping: ColumnMapping, header: readonly string[]): string[] {
  const problems: string[] = [];
  const has = new Set(header);
  const used = [
    mapping.date,
    mapping.value,
    mapping.holiday,
    ...mapping.keys,
    ...mapping.covariates,
    ...Object.values(mapping.inventory),
  ].filter((c): c is string => !!c);
  for (const c of used) if (!has.has(c)) problems.push(`Column "${c}" is not in the file.`);
  if (mapping.role === 'sales') {
    if (!mapping.date) problems.push('Pick the date column.');
    if (!mapping.value) problems.push('Pick the sales (value) column.');
  } else {
    if (!mapping.inventory.onHand) problems.push('Pick the on-hand stock column.');
    if (mapping.keys.length === 0) problems.push('Pick the column(s) identifying an item.');
  }
  if (mapping.value && mapping.keys.includes(mapping.value)) problems.push('The value column cannot also be a key.');
  if (mapping.date && mapping.keys.includes(mapping.date)) problems.push('The date column cannot also be a key.');
  return problems;
}
