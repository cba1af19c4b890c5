import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/core/rng';
import { createSyntheticReorderInput } from '../../../src/lib/reorder/bench';
import { runReorder } from '../../../src/lib/reorder/engine';
import { compareKeyValues, indexItems, queryRows, STATUS_RANK, type SortKey } from '../../../src/lib/reorder-run';
import { sortRowsBy } from '../../../src/lib/reorder-run/sort-rows';

// The comparator-free row sort (sort-rows.ts) against Array.prototype.sort with a comparator, the reference.
describe('sortRowsBy', () => {
  it('orders by key with ties in input order: negatives, −0 and +0, repeats, huge and tiny values', () => {
    const rng = createRng(5);
    const pool = [-1e12, -3.5, -1, -0, 0, 1e-300, 2, 2, 7.25, 1e12, Infinity, -Infinity];
    const key = Float64Array.from({ length: 5000 }, () => (rng.next() < 0.5 ? pool[rng.int(pool.length)] : (rng.next() - 0.5) * 1e6));
    const rows = Int32Array.from({ length: 4000 }, (_, j) => (j * 7919) % 5000);
    const expected = Array.from(rows).map((r, j) => [r, j]).sort((a, b) => key[a[0]] - key[b[0]] || a[1] - b[1]).map((x) => x[0]);
    expect(Array.from(sortRowsBy(rows, key))).toEqual(expected);
    expect(Array.from(sortRowsBy(new Int32Array(0), key))).toEqual([]);
  });
});

describe('queryRows sorts as the comparator it replaced', () => {
  const input = createSyntheticReorderInput({ items: 3000, seed: 9 });
  const result = runReorder(input);
  const index = indexItems(input.items, 'Store');
  const c = result.columns;
  const fin = (x: number, m: number) => (Number.isFinite(x) ? x : m);
  const num = (col: ArrayLike<number>, m: number) => (a: number, b: number) => fin(col[a], m) - fin(col[b], m);
  const reference: Record<SortKey, (a: number, b: number) => number> = {
    status: (a, b) => STATUS_RANK[result.status[a]] - STATUS_RANK[result.status[b]] || fin(c.daysToStockout[a], 1e12) - fin(c.daysToStockout[b], 1e12),
    store: (a, b) => compareKeyValues(index.stores[a], index.stores[b]),
    item: (a, b) => compareKeyValues(index.names[a], index.names[b]),
    abc: (a, b) => result.abc[a] - result.abc[b],
    position: num(c.position, -1e12),
    cover: num(c.coverDays, 1e12),
    stockout: num(c.daysToStockout, 1e12),
    order: num(c.orderQuantity, 0),
    value: num(c.orderValue, 0),
  };
  for (const sort of Object.keys(reference) as SortKey[]) {
    for (const descending of [false, true]) {
      it(`${sort}, ${descending ? 'descending' : 'ascending'}`, () => {
        const got = queryRows(result, index, { status: null, store: null, abc: null, text: '', rows: null, sort, descending });
        const dir = descending ? -1 : 1;
        const want = Array.from({ length: result.count }, (_, i) => i).sort((a, b) => dir * reference[sort](a, b) || a - b);
        expect(Array.from(got)).toEqual(want);
      });
    }
  }
});
