import { describe, expect, it } from 'vitest';
import { naturalCompare } from '../../../src/lib/dataset/stats';

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
