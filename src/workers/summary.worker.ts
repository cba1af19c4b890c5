/// <reference lib="webworker" />
/** Summary worker entry: serves the dataset summary and inventory APIs (summary-service.ts, inventory-service.ts). */
import { openWorkspaceDb, type ShelfcastDB } from '../persistence/db';
import { createInventoryHandlers } from './inventory-service';
import { serveWorker } from './rpc';
import { createSummaryHandlers } from './summary-service';
import type { SummaryApi } from './summary-protocol';

let db: Promise<ShelfcastDB> | null = null;
const open = () => (db ??= openWorkspaceDb());
serveWorker<SummaryApi>({ ...createSummaryHandlers(open), ...createInventoryHandlers(open) });
