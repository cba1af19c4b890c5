import { describe, expect, it, vi } from 'vitest';
import { createUpdateFlow, type RegisterOptions } from '../../../src/ui/state/update-flow';

/** A fake registerSW: records the options; the returned update posts SKIP_WAITING, which here fires `controlling` in every tab. */
function twoTabs() {
  const tabs: Array<{ options: RegisterOptions; hooks: { offlineReady: () => void; needRefresh: () => void; activatedElsewhere: () => void; reload: () => void } }> = [];
  const open = () => {
    const hooks = { offlineReady: vi.fn(), needRefresh: vi.fn(), activatedElsewhere: vi.fn(), reload: vi.fn() };
    const flow = createUpdateFlow((options) => {
      tabs.push({ options, hooks });
      // The new worker takes control of every client of the origin (what workbox-window reports as `controlling`).
      return async () => tabs.forEach((t) => t.options.onNeedReload?.());
    }, hooks);
    return { flow, hooks };
  };
  return { a: open(), b: open(), waiting: () => tabs.forEach((t) => t.options.onNeedRefresh?.()) };
}

describe('a new version is announced, never forced (#17.4)', () => {
  it('"Reload to update" in one tab reloads that tab only; the other keeps its page and a prompt', async () => {
    const { a, b, waiting } = twoTabs();
    waiting();
    expect(a.hooks.needRefresh).toHaveBeenCalled();
    expect(b.hooks.needRefresh).toHaveBeenCalled();
    await a.flow.apply();
    expect(a.hooks.reload).toHaveBeenCalledTimes(1);
    expect(b.hooks.reload).not.toHaveBeenCalled();
    expect(b.hooks.activatedElsewhere).toHaveBeenCalledTimes(1);
  });
});
