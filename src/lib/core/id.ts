/** The part of Web Crypto this module uses; lib/ is compiled without DOM types (runs in Node and workers). */
interface CryptoLike {
  randomUUID?: () => string;
  getRandomValues?: <T extends Uint8Array>(array: T) => T;
}

/**
 * A random id for stored records and jobs: `crypto.randomUUID()` where it exists (secure contexts, workers,
 * Node ≥ 19), else 128 random bits from `getRandomValues` as hex, else time and Math.random (plain-HTTP pages
 * on old browsers, where collisions only matter within one workspace). The app's one id generator.
 */
export function randomId(): string {
  const crypto = (globalThis as { crypto?: CryptoLike }).crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  if (typeof crypto?.getRandomValues === 'function') {
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  }
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
