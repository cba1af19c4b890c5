import { cpSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';

const dist = resolve(import.meta.dirname, '../../dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.bin': 'application/octet-stream',
};

/** A copy of dist/ on a plain static server (no COOP/COEP), served under `prefix`. */
export interface StaticCopy {
  /** The copy's folder: change a file there to publish a "new version". */
  root: string;
  /** The app's URL. */
  base: string;
  close(): Promise<void>;
}

/** Copies the built app and serves it under `prefix` (default '/') on a free port; other paths answer 404. */
export async function serveDistCopy(prefix = '/'): Promise<StaticCopy> {
  const root = mkdtempSync(join(tmpdir(), 'shelfcast-static-'));
  cpSync(dist, root, { recursive: true });
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    if (!path.startsWith(prefix)) return void res.writeHead(404).end('not here');
    let file = join(root, path.slice(prefix.length) || 'index.html');
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${prefix}`;
  return { root, base, close: () => new Promise<void>((done) => server.close(() => done())) };
}
