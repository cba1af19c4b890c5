/** The demo workspace generator. */
export { generateDemoWorkspace, DEMO_DAYS, DEMO_WEEKS, DEMO_DAILY_STORES } from './workspace';
export type { DemoWorkspace, DemoWorkspaceOptions } from './workspace';
export { DEMO_WEEKLY_ID } from './weekly-stores';
export { DEMO_DAILY_ID, demoItemKind, type DemoItemKind } from './daily-items';
export { DEMO_INVENTORY_ID, type DemoStockTarget } from './inventory';
export * from './holidays';
