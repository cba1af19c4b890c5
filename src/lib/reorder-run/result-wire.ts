import type { ReorderResult } from '../reorder/types';

/**
 * The engine's result as it crosses from the reorder worker to the page: its typed arrays (transferred, so free),
 * without the two per-row string arrays. The series ids are the snapshot's, which the page already holds, and a
 * reason is set only on rows with a data problem, so only those travel. At 30,000 rows this turns a structured
 * clone of 60,000 strings on the page's main thread into one of a few hundred.
 */
export interface ReorderResultWire extends Omit<ReorderResult, 'seriesIds' | 'reasons'> {
  /** Rows with a reason (ascending). */
  reasonRows: Int32Array;
  /** Their reasons, same order. */
  reasonTexts: string[];
}

/** The wire form of a result (its typed arrays are shared, not copied). */
export function toResultWire(result: ReorderResult): ReorderResultWire {
  const { seriesIds: _, reasons, ...rest } = result;
  const rows: number[] = [];
  for (let i = 0; i < reasons.length; i++) if (reasons[i] !== '') rows.push(i);
  return { ...rest, reasonRows: Int32Array.from(rows), reasonTexts: rows.map((i) => reasons[i]) };
}

/** The result again, given the series id of each row (the snapshot's items, in order). */
export function fromResultWire(wire: ReorderResultWire, seriesIds: readonly string[]): ReorderResult {
  const { reasonRows, reasonTexts, ...rest } = wire;
  const reasons = new Array<string>(wire.count).fill('');
  for (let k = 0; k < reasonRows.length; k++) reasons[reasonRows[k]] = reasonTexts[k];
  return { ...rest, seriesIds: seriesIds.slice(0, wire.count), reasons };
}

/** A copy of a result's typed arrays (the strings are not transferred, so they are shared). */
export function copyResult(r: ReorderResult): ReorderResult {
  const buffer = r.columns.onHand.buffer.slice(0);
  const columns = Object.fromEntries(Object.entries(r.columns).map(([k, c]) => [k, new Float64Array(buffer, c.byteOffset, c.length)])) as unknown as ReorderResult['columns'];
  return { ...r, status: r.status.slice(), flags: r.flags.slice(), abc: r.abc.slice(), xyz: r.xyz.slice(), asOfDay: r.asOfDay.slice(), periodDays: r.periodDays.slice(), columns, summary: { ...r.summary, statusCounts: r.summary.statusCounts.slice() } };
}
