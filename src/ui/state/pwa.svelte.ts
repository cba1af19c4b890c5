import { registerSW } from 'virtual:pwa-register';
import { pageLoaded, whenSettled } from './settle';
import { createUpdateFlow } from './update-flow';

/** The service worker's state: offline readiness and a waiting update the user can apply. */
export class PwaState {
  /** True once the app is cached and works with the network off. */
  offlineReady = $state(false);
  /** True when a new version is waiting. */
  updateReady = $state(false);
  /** True when another tab switched to the new version: this tab keeps running the old one until it reloads. */
  activatedElsewhere = $state(false);
  /** True when the page is cross-origin isolated (SharedArrayBuffer available; see backend.ts for WASM threads). */
  readonly isolated = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated;

  private update: (() => Promise<void>) | null = null;

  /**
   * Registers the service worker (production builds only) once the page has loaded and settled, never while
   * `busy()` (an import runs): its first install downloads every precached file, which would slow the import
   * down (see settle.ts). It still installs on a first visit, a few seconds after the page goes quiet.
   */
  start(busy: () => boolean = () => false): void {
    if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
    void whenSettled({ busy, loaded: pageLoaded() }).then(() => {
      this.update = createUpdateFlow(registerSW, {
        offlineReady: () => (this.offlineReady = true),
        needRefresh: () => (this.updateReady = true),
        activatedElsewhere: () => {
          this.updateReady = true;
          this.activatedElsewhere = true;
        },
        reload: () => location.reload(),
      }).apply;
    });
  }

  /** Switches to the waiting version and reloads this page (only this one: see update-flow.ts). */
  async apply(): Promise<void> {
    if (this.activatedElsewhere) location.reload();
    else await this.update?.();
  }
}
