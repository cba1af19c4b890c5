/// <reference lib="webworker" />
/** Reorder worker entry: serves the reorder API (see reorder-service.ts), its per-item plans on a pool of workers. */
import { serveWorker } from './rpc';
import { createReorderHandlers } from './reorder-service';
import { createReorderPool } from './reorder-pool';
import type { ReorderApi } from './reorder-protocol';

serveWorker<ReorderApi>(createReorderHandlers(undefined, () => createReorderPool()));
