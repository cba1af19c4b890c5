import { registerSW } from 'virtual:pwa-register';

/** The service worker's state: offline readiness and a waiting update the user can apply. */
export class PwaState {
  /** True once the app is cached and works with the network off. */
  offlineReady = $state(false);
  /** True when a new version is waiting. */
  updateReady = $state(false);
  /** True when the page is cross-origin isolated (SharedArrayBuffer available; see backend.ts for WASM threads). */
  readonly isolated = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated;

  private update: ((reload?: boolean) => Promise<void>) | null = null;

  /** Registers the service worker (production builds only). */
  start(): void {
    if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
    this.update = registerSW({
      onOfflineReady: () => (this.offlineReady = true),
      onNeedRefresh: () => (this.updateReady = true),
    });
  }

  /** Switches to the waiting version (reloads the page). */
  async apply(): Promise<void> {
    await this.update?.(true);
  }
}
