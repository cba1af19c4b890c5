import {
  emptyMapping,
  normalizeHeader,
  type ColumnMapping,
  type ImportRole,
  type InventoryField,
} from './mapping';

/**
 * Recognises the files planners actually have, with no configuration, and proposes a mapping for any other.
 * Names are compared after `normalizeHeader`, so "Store ID", "store_id" and "StoreID" match alike.
 */

/** A recognised format and the mapping it implies. */
export interface FormatMatch {
  /** Stable id, e.g. 'walmart-store-sales'. */
  id: string;
  /** Name for people. */
  label: string;
  /** The mapping; the user may still edit it. */
  mapping: ColumnMapping;
  /** True for a known format (no confirmation needed); false for a proposal from names and content. */
  known: boolean;
  /** What the file is besides its role, e.g. a covariates-only file to join onto a dataset. */
  kind: 'series' | 'covariates' | 'attributes' | 'inventory';
}

const DATE_NAMES = new Set([
  'date', 'ds', 'day', 'week', 'weekdate', 'weekending', 'weekstart', 'period', 'orderdate', 'salesdate',
  'timestamp', 'time', 'month', 'yearmonth', 'datetime', 'transactiondate', 'invoicedate', 'snapshotdate', 'asof',
]);
const VALUE_NAMES = [
  'y', 'sales', 'weeklysales', 'dailysales', 'unitssold', 'qtysold', 'quantitysold', 'demand', 'qty', 'quantity',
  'units', 'sold', 'salesqty', 'salesunits', 'volume', 'orders', 'value', 'amount', 'revenue', 'count',
];
const KEY_NAMES = [
  'uniqueid', 'seriesid', 'series', 'store', 'storeid', 'storenbr', 'storenumber', 'shop', 'shopid', 'location',
  'locationid', 'loc', 'site', 'warehouse', 'dc', 'branch', 'dept', 'department', 'deptid', 'item', 'itemid',
  'itemnbr', 'sku', 'skuid', 'product', 'productid', 'productcode', 'article', 'articleid', 'id', 'ean', 'upc',
];
const HOLIDAY_NAMES = new Set(['holiday', 'isholiday', 'holidayflag', 'holidaypromotion', 'holidayweek']);
const INVENTORY_NAMES: Record<InventoryField, string[]> = {
  onHand: ['onhand', 'onhandqty', 'qtyonhand', 'quantityonhand', 'stockonhand', 'soh', 'inventorylevel', 'stock',
    'stocklevel', 'inventory', 'available', 'availableqty', 'currentstock', 'instock'],
  onOrder: ['onorder', 'onorderqty', 'openorders', 'openpo', 'intransit', 'pipeline', 'qtyonorder'],
  backorders: ['backorders', 'backorder', 'backordered', 'backorderqty'],
  leadTimeDays: ['leadtime', 'leadtimedays', 'ltdays', 'lt', 'leaddays', 'leadtimed', 'leadtimeweeks', 'leadtimewks'],
  leadTimeStdDays: ['leadtimestd', 'leadtimesd', 'leadtimestddays', 'ltstd', 'ltsd', 'leadtimestdev'],
  unitCost: ['unitcost', 'cost', 'costprice', 'purchaseprice', 'purchasecost', 'unitprice', 'price'],
  moq: ['moq', 'minorderqty', 'minimumorderquantity', 'minorder', 'minimumorder', 'minqty'],
  packSize: ['packsize', 'casepack', 'casesize', 'pack', 'ordermultiple', 'lotsize', 'packqty', 'unitspercase'],
  serviceLevel: ['servicelevel', 'targetservicelevel', 'csl', 'sl', 'servicelevel%', 'targetsl'],
};

/** Finds the first header whose normalised name is in `names` (in the order of `names`). */
function pick(header: readonly string[], names: Iterable<string>, exclude: ReadonlySet<string> = new Set()): string | null {
  const byNorm = new Map<string, string>();
  for (const h of header) if (!exclude.has(h) && !byNorm.has(normalizeHeader(h))) byNorm.set(normalizeHeader(h), h);
  for (const n of names) {
    const hit = byNorm.get(n);
    if (hit) return hit;
  }
  return null;
}

function hasAll(norm: ReadonlySet<string>, ...names: string[]): boolean {
  return names.every((n) => norm.has(n));
}

/** Recognises a known format from the header alone, for the role the file was dropped as. */
export function recognizeFormat(header: readonly string[], role: ImportRole): FormatMatch | null {
  const norm = new Set(header.map(normalizeHeader));
  const col = (name: string) => header.find((h) => normalizeHeader(h) === name) ?? null;
  const present = (...names: string[]) => names.map(col).filter((c): c is string => c !== null);
  const base = emptyMapping(role);

  if (hasAll(norm, 'store', 'date', 'weeklysales')) {
    const dept = norm.has('dept');
    return {
      id: dept ? 'walmart-department-sales' : 'walmart-store-sales',
      label: dept ? 'Walmart department-level weekly sales' : 'Walmart weekly store sales',
      known: true,
      kind: 'series',
      mapping: {
        ...base,
        role: 'sales',
        date: col('date'),
        value: col('weeklysales'),
        keys: present('store', 'dept'),
        holiday: col('holidayflag') ?? col('isholiday'),
        covariates: present('holidayflag', 'isholiday', 'temperature', 'fuelprice', 'cpi', 'unemployment'),
      },
    };
  }
  if (hasAll(norm, 'store', 'date', 'temperature', 'fuelprice') && !norm.has('weeklysales')) {
    return {
      id: 'walmart-features',
      label: 'Walmart store features (covariates to join)',
      known: true,
      kind: 'covariates',
      mapping: {
        ...base,
        role: 'sales',
        date: col('date'),
        keys: present('store'),
        holiday: col('isholiday'),
        covariates: present('isholiday', 'temperature', 'fuelprice', 'markdown1', 'markdown2', 'markdown3',
          'markdown4', 'markdown5', 'cpi', 'unemployment'),
      },
    };
  }
  if (hasAll(norm, 'store', 'type', 'size') && norm.size === 3) {
    return {
      id: 'walmart-stores',
      label: 'Walmart store attributes (type and size, to join)',
      known: true,
      kind: 'attributes',
      mapping: { ...base, role: 'sales', keys: present('store'), covariates: present('size') },
    };
  }
  if (hasAll(norm, 'date', 'productid', 'inventorylevel', 'unitssold')) {
    const hasStore = norm.has('storeid');
    const mapping: ColumnMapping = {
      ...base,
      date: col('date'),
      value: col('unitssold'),
      keys: present('storeid', 'productid'),
      holiday: col('holidaypromotion'),
      covariates: present('price', 'discount', 'holidaypromotion', 'competitorpricing'),
      inventory: { onHand: col('inventorylevel')!, ...(col('price') ? { unitCost: col('price')! } : {}) },
      inferKey: hasStore ? null : { name: 'Store ID', labels: ['S001', 'S002', 'S003', 'S004', 'S005'] },
    };
    return {
      id: 'retail-store-inventory',
      label: hasStore ? 'Retail store inventory (sales and stock)' : 'Retail store inventory, columns subset (store inferred from row order)',
      known: true,
      kind: role === 'inventory' ? 'inventory' : 'series',
      mapping,
    };
  }
  if (hasAll(norm, 'date', 'store', 'item', 'sales') && norm.size === 4) {
    return {
      id: 'store-item-demand',
      label: 'Daily store-item demand',
      known: true,
      kind: 'series',
      mapping: { ...base, role: 'sales', date: col('date'), value: col('sales'), keys: present('store', 'item') },
    };
  }
  if (hasAll(norm, 'uniqueid', 'ds', 'y')) {
    const used = new Set(['uniqueid', 'ds', 'y']);
    return {
      id: 'long',
      label: 'Long format (unique_id, ds, y)',
      known: true,
      kind: 'series',
      mapping: {
        ...base,
        role: 'sales',
        date: col('ds'),
        value: col('y'),
        keys: present('uniqueid'),
        holiday: pick(header, HOLIDAY_NAMES),
        covariates: header.filter((h) => !used.has(normalizeHeader(h))),
      },
    };
  }
  return null;
}

/** Shares of a column's sample cells that look numeric, date-like, and how many distinct values it has. */
export interface ColumnProfile {
  /** Column name. */
  name: string;
  /** Share of non-empty cells that parse as numbers. */
  numeric: number;
  /** Share of non-empty cells that look like dates. */
  dateLike: number;
  /** Distinct non-empty values in the sample. */
  distinct: number;
  /** Non-empty cells in the sample. */
  filled: number;
  /** True when every numeric cell is a whole number. */
  integer: boolean;
}

const DATE_LIKE = /^\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}[-/ ][A-Za-z]{3,9}[-/ ]\d{2,4}|[A-Za-z]{3,9} \d{1,2},? \d{4}|\d{8})([ T].*)?\s*$/;
const NUMERIC_LIKE = /^\s*[-+−(]?\s*[$€£¥]?\s*\d[\d,.\s' ]*(e[-+]?\d+)?\s*%?\)?\s*$/i;
const MISSING = /^\s*(|na|n\/a|nan|null|none|-|#n\/a)\s*$/i;

/** Profiles each column of a sample (header excluded). */
export function profileColumns(header: readonly string[], rows: readonly string[][]): ColumnProfile[] {
  return header.map((name, c) => {
    let numeric = 0;
    let dateLike = 0;
    let filled = 0;
    let integer = true;
    const distinct = new Set<string>();
    for (const row of rows) {
      const cell = row[c];
      if (cell === undefined || MISSING.test(cell)) continue;
      filled++;
      distinct.add(cell);
      if (DATE_LIKE.test(cell)) dateLike++;
      else if (NUMERIC_LIKE.test(cell)) {
        numeric++;
        if (/[.,]\d*[1-9]/.test(cell.replace(/,\d{3}(?=\D|$)/g, ''))) integer = false;
      }
    }
    const share = (n: number) => (filled ? n / filled : 0);
    return { name, numeric: share(numeric), dateLike: share(dateLike), distinct: distinct.size, filled, integer };
  });
}

/**
 * Proposes a mapping from header names, then content: the date column is the most date-like, the value column
 * a numeric one named like sales, keys are text or whole-number columns named like ids (or repeating text), and
 * other numeric columns become covariates.
 */
export function proposeMapping(header: readonly string[], rows: readonly string[][], role: ImportRole): ColumnMapping {
  const profiles = profileColumns(header, rows);
  const prof = new Map(profiles.map((p) => [p.name, p]));
  const mapping = emptyMapping(role);
  const taken = new Set<string>();
  const take = (c: string | null) => {
    if (c) taken.add(c);
    return c;
  };

  const namedDate = pick(header, DATE_NAMES);
  const bestDate = profiles.filter((p) => p.dateLike >= 0.9).sort((a, b) => b.dateLike - a.dateLike)[0]?.name ?? null;
  mapping.date = take(namedDate && (prof.get(namedDate)?.dateLike ?? 0) >= 0.5 ? namedDate : bestDate);

  for (const field of Object.keys(INVENTORY_NAMES) as InventoryField[]) {
    const c = pick(header, INVENTORY_NAMES[field], taken);
    if (c && (prof.get(c)?.numeric ?? 0) >= 0.8) mapping.inventory[field] = c;
  }
  // A sales file only carries stock levels when it has an on-hand column; otherwise "Price" is a covariate.
  if (role === 'sales' && !mapping.inventory.onHand) mapping.inventory = {};
  const leadCol = mapping.inventory.leadTimeDays;
  if (leadCol && /week|wk/i.test(leadCol)) mapping.leadTimeUnit = 'weeks';

  const numericCols = profiles.filter((p) => p.numeric >= 0.8 && !taken.has(p.name));
  const named = pick(header, VALUE_NAMES, taken);
  if (role === 'sales') {
    mapping.value = take(named && (prof.get(named)?.numeric ?? 0) >= 0.8 ? named : null);
  }
  const inventoryCols = new Set(Object.values(mapping.inventory));
  if (role === 'inventory') for (const c of inventoryCols) taken.add(c);

  const keyByName = KEY_NAMES.map((n) => pick(header, [n], taken)).filter((c): c is string => !!c);
  const keys = [...new Set(keyByName)].filter((c) => {
    const p = prof.get(c)!;
    return p.numeric < 0.8 || p.integer;
  });
  if (keys.length === 0) {
    // Repeating text columns identify series (e.g. "Region" with 4 values over 1,000 rows).
    for (const p of profiles) {
      if (taken.has(p.name) || p.numeric >= 0.8 || p.dateLike >= 0.5) continue;
      if (p.filled > 0 && p.distinct < Math.max(2, p.filled / 3)) keys.push(p.name);
    }
  }
  mapping.keys = keys.slice(0, 3).sort((a, b) => header.indexOf(a) - header.indexOf(b));
  for (const k of mapping.keys) taken.add(k);

  if (role === 'sales' && !mapping.value) {
    mapping.value = take(numericCols.find((p) => !taken.has(p.name))?.name ?? null);
  }
  mapping.holiday = pick(header, HOLIDAY_NAMES, new Set([...taken].filter((c) => c !== mapping.holiday)));
  mapping.covariates = profiles
    .filter((p) => !taken.has(p.name) && !inventoryCols.has(p.name) && (p.numeric >= 0.8 || p.name === mapping.holiday))
    .map((p) => p.name);
  return mapping;
}

/** Guesses the role of a file from its header: used to catch a file dropped in the wrong place. */
export function guessRole(header: readonly string[], rows: readonly string[][]): ImportRole | null {
  const profiles = profileColumns(header, rows);
  const hasDate = profiles.some((p) => p.dateLike >= 0.9) || pick(header, DATE_NAMES) !== null;
  const onHand = pick(header, INVENTORY_NAMES.onHand);
  const value = pick(header, VALUE_NAMES);
  if (onHand && !hasDate) return 'inventory';
  if (hasDate && value && !onHand) return 'sales';
  if (hasDate && onHand && value) return null; // both (a sales file carrying stock levels)
  if (onHand) return 'inventory';
  if (hasDate) return 'sales';
  return null;
}
