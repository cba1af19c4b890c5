import { defineConfig } from '@playwright/test';
import { chromiumArgs, systemChromium } from './tests/e2e/launch';

/**
 * End-to-end tests in real Chromium against the built app (`vite preview`). Debian's Chromium is used when
 * present (`/usr/bin/chromium`, or CHROMIUM_PATH), since browsers cannot be downloaded on every machine;
 * elsewhere Playwright's own Chromium. WebGL/WebGPU run on SwiftShader there.
 */
/** Port of the preview server the tests run against (E2E_PORT overrides it, e.g. to run two suites at once). */
const port = Number(process.env.E2E_PORT ?? 4179);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    trace: 'off',
    launchOptions: {
      executablePath: systemChromium,
      args: chromiumArgs,
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
