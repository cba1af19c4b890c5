/// <reference lib="webworker" />
/** Reorder worker entry: serves the reorder API (see reorder-service.ts). */
import { serveWorker } from './rpc';
import { createReorderHandlers } from './reorder-service';
import type { ReorderApi } from './reorder-protocol';

serveWorker<ReorderApi>(createReorderHandlers());
