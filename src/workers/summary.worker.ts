/// <reference lib="webworker" />
/** Summary worker entry: serves the summary API (see summary-service.ts). */
import { serveWorker } from './rpc';
import { createSummaryHandlers } from './summary-service';
import type { SummaryApi } from './summary-protocol';

serveWorker<SummaryApi>(createSummaryHandlers());
