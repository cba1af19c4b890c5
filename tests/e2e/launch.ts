import { existsSync } from 'node:fs';

/** Debian's Chromium when present (`/usr/bin/chromium`, or CHROMIUM_PATH); undefined lets Playwright use its own. */
export const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Headless flags that work on machines without a GPU; WebGL runs on SwiftShader. */
export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-swiftshader',
];
