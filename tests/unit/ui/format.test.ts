import { describe, expect, it } from 'vitest';
import { fmtCompact, fmtInt, fmtNum, warmFormatters } from '../../../src/ui/format';

/**
 * The number formatters are made on first use, not when the module loads (the first one sets up ICU's number
 * formats: 18 ms of the first load's evaluation task, issue #13); warming them runs in the tasks it is given.
 */
describe('number formatting', () => {
  it('formats compact, whole and two-decimal numbers, and a dash for what is not a number', () => {
    expect(fmtCompact(1_234_567)).toBe('1.2M');
    expect(fmtInt(1_234_567.8)).toBe('1,234,568');
    expect(fmtNum(3.14159)).toBe('3.14');
    for (const f of [fmtCompact, fmtInt, fmtNum]) expect(f(Number.NaN)).toBe('–');
  });

  it('warms the formatters in two tasks of the scheduler it is given, doing nothing before they run', () => {
    const queued: Array<() => void> = [];
    warmFormatters((fn) => queued.push(fn));
    expect(queued).toHaveLength(1);
    queued.shift()!();
    expect(queued).toHaveLength(1);
    queued.shift()!();
    expect(queued).toHaveLength(0);
    expect(fmtCompact(1500)).toBe('1.5K');
  });
});
