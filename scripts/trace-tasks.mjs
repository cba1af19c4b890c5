// Reading Chrome traces: the renderer main thread's top-level tasks (a task's own RunTask events nest inside it).
// Shared by the long-task bench (bench-app.mjs), trace-top.mjs and profile-orders.mjs.

/**
 * The keys (`pid:tid`) of the renderer main threads in a trace's events, leaving out Chrome's own WebUI renderers
 * (headless Chrome may run one, e.g. a new-tab page whose 100-200 ms module evaluations are not the app's).
 */
export function mainThreadKeys(events) {
  const webUi = new Set(events.filter((e) => e.name === 'process_labels' && /WebUI/i.test(e.args?.labels ?? '')).map((e) => e.pid));
  for (const e of events) if (e.name === 'process_name' && /WebUI/i.test(e.args?.name ?? '')) webUi.add(e.pid);
  return new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && !webUi.has(e.pid)).map((e) => `${e.pid}:${e.tid}`));
}

/** The main threads' top-level RunTask events in time order, and the first one's start (µs, the trace clock). */
export function topLevelTasks(events, main = mainThreadKeys(events)) {
  const runs = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`) && /RunTask$/.test(e.name)).sort((a, b) => a.ts - b.ts);
  const tasks = [];
  let end = -Infinity;
  for (const e of runs) {
    if (e.ts < end) continue;
    end = e.ts + e.dur;
    tasks.push(e);
  }
  return { tasks, t0: runs[0]?.ts ?? 0 };
}
