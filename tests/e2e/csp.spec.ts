import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Issue #17.10: a <meta> policy governs the page only; each worker and the service worker follow the policy of
 * their own script's response. So the policy must come as a header with every file: from `npm run preview`,
 * and on a static host from dist/_headers (Netlify, Cloudflare Pages) or the host's own configuration.
 */
const dist = resolve(import.meta.dirname, '../../dist');

test('workers and the service worker are served with the page\'s policy, connect-src \'self\' included', async ({ page, request }) => {
  await page.goto('./?demo=0');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("connect-src 'self'");
  const scripts = ['sw.js', ...readdirSync(resolve(dist, 'assets')).filter((f) => /\.worker-.*\.js$/.test(f)).map((f) => `assets/${f}`)];
  expect(scripts.length).toBeGreaterThanOrEqual(5);
  for (const path of scripts) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-security-policy'], path).toBe(meta);
  }
  // The same policy, for static hosts that read a _headers file, applies to every path.
  const headers = readFileSync(resolve(dist, '_headers'), 'utf8');
  expect(headers).toMatch(/^\/\*\n/);
  expect(headers).toContain(`Content-Security-Policy: ${meta}`);
});
