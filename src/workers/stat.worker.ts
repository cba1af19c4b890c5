/// <reference lib="webworker" />
/** Statistics worker entry: one slot of the forecast worker's pool (see pool.ts, stat-service.ts). */
import { serveWorker } from './rpc';
import { createStatHandlers } from './stat-service';
import type { StatApi } from './stat-protocol';

serveWorker<StatApi>(createStatHandlers());
