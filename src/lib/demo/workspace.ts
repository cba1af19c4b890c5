/**
 * The demo workspace: realistic, fully deterministic data that makes the app useful before any file is loaded.
 * It runs on first visit, so it is cheap (a few milliseconds for the default size).
 */
import { dayFromYmd, weekdayFromDay } from '../core/dates';
import { maybeFinite, maybeInteger } from '../core/errors';
import { createRng } from '../core/rng';
import type { Dataset, InventorySnapshot } from '../dataset/types';
import { generateDailyItems } from './daily-items';
import { generateDemoInventory } from './inventory';
import { generateWeeklyStores } from './weekly-stores';

/** Options of `generateDemoWorkspace`; every field is optional. */
export interface DemoWorkspaceOptions {
  /** Seed of every random draw: the same seed gives identical data. Integer in [0, 2^32). Default 1. */
  seed?: number;
  /** Stores in the weekly dataset (1-200). The daily dataset uses the first min(stores, 5) of them. Default 30. */
  stores?: number;
  /** Items per store in the daily dataset (1-500). Default 20 (5 stores × 20 items = 100 series). */
  items?: number;
  /** Day number of the daily data's last day; the weekly data ends on the Friday on or before it. Default 2024-12-31. */
  endDay?: number;
  /** `createdAt` of every record (ms since epoch). Default 0, so the output depends on the options alone. */
  createdAt?: number;
}

/** The demo workspace: two datasets and an inventory snapshot linked to the daily one. */
export interface DemoWorkspace {
  /** `[weekly store sales (156 weeks), daily item demand (731 days)]`. */
  datasets: Dataset[];
  /** One position per daily series (`seriesId` = series id), as of the daily data's last day. */
  inventory: InventorySnapshot;
}

/** Weeks in the weekly dataset: three years. */
export const DEMO_WEEKS = 156;
/** Days in the daily dataset: two years (2023-01-01 … 2024-12-31 by default). */
export const DEMO_DAYS = 731;
/** Stores in the daily dataset, at most. */
export const DEMO_DAILY_STORES = 5;

/**
 * Generates the demo workspace. Throws `invalid-option` for a bad option (e.g. `invalid stores: 0`).
 * - weekly store sales, Walmart-like: Fridays, Q4 peak, Super Bowl / Labor Day / Thanksgiving / Christmas weeks
 *   flagged, covariates Holiday_Flag, Temperature, Fuel_Price, CPI, Unemployment;
 * - daily item demand: whole units, weekday pattern, promotions (Promotion, Price), every fifth item intermittent;
 * - an inventory snapshot mixing critical, reorder, healthy and overstock positions.
 */
export function generateDemoWorkspace(options: DemoWorkspaceOptions = {}): DemoWorkspace {
  const seed = maybeInteger('seed', options.seed ?? 1, 0, 2 ** 32 - 1);
  const stores = maybeInteger('stores', options.stores ?? 30, 1, 200);
  const items = maybeInteger('items', options.items ?? 20, 1, 500);
  const endDay = maybeInteger('endDay', options.endDay ?? dayFromYmd(2024, 12, 31), -100_000, 200_000);
  const createdAt = maybeFinite('createdAt', options.createdAt ?? 0);
  // Independent streams, so that changing one dataset's size leaves the others' draws unchanged.
  const weeklyRng = createRng(seed ^ 0x5bd1e995);
  const dailyRng = createRng(seed ^ 0x27d4eb2f);
  const inventoryRng = createRng(seed ^ 0x165667b1);
  const lastFriday = endDay - ((weekdayFromDay(endDay) - 4 + 7) % 7);
  const weekly = generateWeeklyStores(weeklyRng, { stores, weeks: DEMO_WEEKS, lastFriday, createdAt });
  const { dataset: daily, profiles } = generateDailyItems(dailyRng, {
    stores: Math.min(stores, DEMO_DAILY_STORES),
    items,
    days: DEMO_DAYS,
    lastDay: endDay,
    createdAt,
  });
  const inventory = generateDemoInventory(inventoryRng, daily, profiles, createdAt);
  return { datasets: [weekly, daily], inventory };
}
