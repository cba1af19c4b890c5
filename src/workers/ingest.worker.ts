/// <reference lib="webworker" />
/** Ingest worker entry: serves the ingest API (see ingest-service.ts). */
import { serveWorker } from './rpc';
import { createIngestHandlers } from './ingest-service';
import type { IngestApi } from './protocol';

serveWorker<IngestApi>(createIngestHandlers());
