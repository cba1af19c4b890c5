/// <reference lib="webworker" />
/** Forecast worker entry: serves the forecast API (see forecast-service.ts). */
import { serveWorker } from './rpc';
import { createForecastHandlers } from './forecast-service';
import type { ForecastApi } from './forecast-protocol';

serveWorker<ForecastApi>(createForecastHandlers());
