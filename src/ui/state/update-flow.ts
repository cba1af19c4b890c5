/**
 * The service-worker update flow, apart from Svelte so it can be tested. A new version is announced, never
 * forced: when the waiting worker takes over (after "Reload to update" in any tab), only the tab whose user
 * asked reloads; every other tab keeps its work (a staged import, typed quantities) and a prompt that says a
 * new version is active and a reload will load it. vite-plugin-pwa would reload every tab on `controlling`.
 */

/** What `registerSW` (virtual:pwa-register) takes, as far as this flow uses it. */
export interface RegisterOptions {
  onOfflineReady?: () => void;
  onNeedRefresh?: () => void;
  onNeedReload?: () => void;
}

/** The hooks the page gives the flow. */
export interface UpdateFlowHooks {
  /** Offline caching is ready. */
  offlineReady: () => void;
  /** A new version waits (show the prompt). */
  needRefresh: () => void;
  /** The new version took over because another tab asked: keep the prompt, say a reload loads it. */
  activatedElsewhere: () => void;
  /** Reloads this page. */
  reload: () => void;
}

/** Wires `registerSW` to the hooks; returns `apply`, what "Reload to update" calls. */
export function createUpdateFlow(register: (options: RegisterOptions) => (reload?: boolean) => Promise<void>, hooks: UpdateFlowHooks): { apply: () => Promise<void> } {
  let requested = false;
  const update = register({
    onOfflineReady: hooks.offlineReady,
    onNeedRefresh: hooks.needRefresh,
    onNeedReload: () => (requested ? hooks.reload() : hooks.activatedElsewhere()),
  });
  return {
    async apply() {
      requested = true;
      await update(true);
    },
  };
}
