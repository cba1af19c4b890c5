/// <reference lib="webworker" />
/** Forecast-import worker entry: serves the forecast-import API (see forecast-import-service.ts). */
import { serveWorker } from './rpc';
import { createForecastImportHandlers } from './forecast-import-service';
import type { ForecastImportApi } from './forecast-import-protocol';

serveWorker<ForecastImportApi>(createForecastImportHandlers());
