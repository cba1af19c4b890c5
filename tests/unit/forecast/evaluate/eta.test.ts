import { describe, expect, it } from 'vitest';
import { createTimeLeft, formatTimeLeft } from '../../../../src/lib/forecast/evaluate/eta';

describe('time left in progress messages', () => {
  it('formatTimeLeft: seconds below 90 s, minutes above', () => {
    expect(formatTimeLeft(8_200)).toBe('about 8 s left');
    expect(formatTimeLeft(180_000)).toBe('about 3 min left');
    expect(formatTimeLeft(NaN)).toBe('');
  });
  it('createTimeLeft applies the rate so far to what remains, and says nothing in the first second', () => {
    let t = 0;
    const left = createTimeLeft(() => t);
    t = 500;
    expect(left(10, 100)).toBe('');
    t = 2_000;
    // 20 of 100 in 2 s: 80 more take 8 s.
    expect(left(20, 100)).toBe('about 8 s left');
    expect(left(100, 100)).toBe('');
  });
});
