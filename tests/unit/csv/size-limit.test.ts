import { describe, expect, it } from 'vitest';
import { DESKTOP_IMPORT_LIMIT_BYTES, importSizeLimit, tooLargeMessage } from '../../../src/lib/csv/size-limit';

describe('importSizeLimit', () => {
  it('is the measured desktop ceiling with 8 GB or an unknown amount of memory', () => {
    expect(importSizeLimit().bytes).toBe(DESKTOP_IMPORT_LIMIT_BYTES);
    expect(importSizeLimit({ deviceMemoryGiB: 8 }).bytes).toBe(DESKTOP_IMPORT_LIMIT_BYTES);
  });
  it('scales with the memory a device reports, and a small heap caps it', () => {
    const phone = importSizeLimit({ deviceMemoryGiB: 2 });
    expect(phone.bytes).toBe(200e6);
    expect(phone.basis).toMatch(/reports 2 GB/);
    const heap = importSizeLimit({ deviceMemoryGiB: 8, heapLimitBytes: 1e9 });
    expect(heap.bytes).toBe(250e6);
    expect(heap.basis).toMatch(/quarter of this browser's 1\.0 GB/);
  });
});

describe('tooLargeMessage', () => {
  const limit = importSizeLimit({ deviceMemoryGiB: 8 });
  it('says nothing for files that fit', () => {
    expect(tooLargeMessage([{ name: 'a.csv', size: 762e6 }], limit)).toBeNull();
  });
  it('names the size, the size this browser takes and what to do', () => {
    const msg = tooLargeMessage([{ name: 'train.csv', size: 1.1e9 }], limit)!;
    expect(msg).toMatch(/^train\.csv is 1\.1 GB; this browser can import about 800 MB at once here/);
    expect(msg).toMatch(/one per store/);
    expect(msg).toMatch(/long format \(unique_id, ds, y/);
  });
  it('counts several files together', () => {
    expect(tooLargeMessage([{ name: 'a', size: 500e6 }, { name: 'b', size: 400e6 }], limit)).toMatch(/^These 2 files are 900 MB together/);
  });
});
