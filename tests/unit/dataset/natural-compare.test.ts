import { describe, expect, it } from 'vitest';
import { naturalCompare } from '../../../src/lib/dataset/stats';
import { naturalKeyOrder } from '../../../src/lib/csv/series-finish';

describe('naturalCompare', () => {
  it('orders numbers inside keys by value: "2" < "10", "S002" < "S010"', () => {
    expect(['10', '2', '1'].sort(naturalCompare)).toEqual(['1', '2', '10']);
    expect(['S010', 'S002', 'S1'].sort(naturalCompare)).toEqual(['S1', 'S002', 'S010']);
  });

  it('ignores case and accents (base sensitivity)', () => {
    expect(naturalCompare('store', 'Store')).toBe(0);
    expect(naturalCompare('café', 'cafe')).toBe(0);
  });

  it('gives the same order as localeCompare with the same options', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `${['a', 'B', 'c'][i % 3]}${(i * 37) % 101}`);
    const expected = [...keys].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }));
    expect([...keys].sort(naturalCompare)).toEqual(expected);
  });
});

describe('naturalKeyOrder', () => {
  const bySort = (keys: string[][]) =>
    keys
      .map((_, i) => i)
      .sort((a, b) => {
        for (let k = 0; k < keys[a].length; k++) {
          const c = naturalCompare(keys[a][k], keys[b][k]);
          if (c) return c;
        }
        return 0;
      });

  it('orders (store, dept) keys naturally: 2 before 10 in each part', () => {
    const keys = [['10', '1'], ['2', '10'], ['2', '9'], ['1', '3']];
    expect(naturalKeyOrder(keys).map((i) => keys[i].join('/'))).toEqual(['1/3', '2/9', '2/10', '10/1']);
  });

  it('gives the order of comparing the strings part by part, ties (case, accents) in their original order', () => {
    const parts = ['a', 'A', 'b', 'á', '2', '10', 'S02', 's2', 'S10', ''];
    const keys = Array.from({ length: 300 }, (_, i) => [parts[(i * 7) % parts.length], parts[(i * 13 + 3) % parts.length]]);
    expect(naturalKeyOrder(keys)).toEqual(bySort(keys));
  });

  it('keeps the original order when there are no key columns', () => {
    expect(naturalKeyOrder([[], [], []])).toEqual([0, 1, 2]);
  });
});
