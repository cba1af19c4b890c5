/**
 * Bounds on what the workspace accepts, shared by the CSV import and the backup validator, so a crafted file
 * cannot make the app allocate gigabytes or show "1e+308". Each bound is far above any real dataset.
 */
import { dayFromYmd } from './dates';

/** Earliest supported date (day number of 1800-01-01). */
export const MIN_DAY = dayFromYmd(1800, 1, 1);
/** Latest supported date (day number of 2200-12-31). */
export const MAX_DAY = dayFromYmd(2200, 12, 31);
/**
 * Most periods in one calendar: 40 years of days. A file whose dates span more (years 0001 and 9999 give
 * 3.65 million daily periods, 73 MB per series) is refused naming its first and last dates.
 */
export const MAX_PERIODS = 40 * 366;
/** Most series × periods in one dataset (8 bytes each: 1.6 GB at most). */
export const MAX_CELLS = 200_000_000;
/**
 * Most columns in an imported file; wider files are refused with the count before they are parsed. Measured in
 * Node (300 rows): 1,000 columns import in 1.5 s, 2,000 in 2.9 s, and the mapping form grows with each column.
 */
export const MAX_COLUMNS = 1_000;
/** Most units in one order line or stock figure. */
export const MAX_UNITS = 1e12;
