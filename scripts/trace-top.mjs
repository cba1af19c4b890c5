#!/usr/bin/env node
/**
 * `node scripts/trace-top.mjs trace.json [count]`: the longest main-thread tasks of a Chrome trace written by the
 * long-task bench (BENCH_TRACE_DIR, scripts/bench-app.mjs), longest CPU time first (default 5). For each: its CPU
 * and wall time, the trace events inside it by total duration, and, when the trace has the JS sampler
 * (BENCH_TRACE_JS=1), the functions with the most samples in it, by self and by inclusive count (names are
 * readable in a BENCH_NO_MINIFY=1 build). With the sampler on, a task in the first few ms whose time is in
 * V8.InvokeApiInterruptCallbacks and Playwright's `evaluate` / `querySelectorAll` is the harness polling a locator
 * while the profiler starts, not the app.
 */
import { readFileSync } from 'node:fs';
import { mainThreadKeys, topLevelTasks } from './trace-tasks.mjs';

const [file, countArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/trace-top.mjs trace.json [count]');
  process.exit(2);
}
const count = Number(countArg ?? 5);
const events = JSON.parse(readFileSync(file, 'utf8')).traceEvents;
const mainThreads = mainThreadKeys(events);
const onMain = (e) => mainThreads.has(`${e.pid}:${e.tid}`);

// Top-level tasks only: a task's own RunTask events nest inside it (the same rule as the bench).
const { tasks, t0 } = topLevelTasks(events, mainThreads);

// JS samples of the main thread's profile, with their times (µs, the trace clock).
const nodes = new Map();
const samples = [];
const clocks = new Map();
for (const e of events) if (e.name === 'Profile' && onMain(e)) clocks.set(e.id, e.args.data.startTime);
for (const e of events) {
  if (e.name !== 'ProfileChunk' || !clocks.has(e.id)) continue;
  const profile = e.args.data.cpuProfile ?? {};
  for (const n of profile.nodes ?? []) nodes.set(n.id, n);
  const deltas = e.args.data.timeDeltas ?? [];
  let t = clocks.get(e.id);
  (profile.samples ?? []).forEach((id, i) => {
    t += deltas[i] ?? 0;
    samples.push({ ts: t, id });
  });
  clocks.set(e.id, t);
}
const frameName = ({ callFrame: f }) => `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.split('/').pop()}:${(f.lineNumber ?? 0) + 1}` : ''}`;
const top = (map, k) => [...map].sort((a, b) => b[1] - a[1]).slice(0, k);
const ms = (us) => (us / 1000).toFixed(1);

for (const task of [...tasks].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, count)) {
  console.log(`task at +${ms(task.ts - t0)} ms: CPU ${ms(task.tdur ?? 0)} ms, wall ${ms(task.dur)} ms`);
  const inside = (ts) => ts >= task.ts && ts <= task.ts + task.dur;
  const byName = new Map();
  for (const e of events) {
    if (e.ph === 'X' && onMain(e) && e !== task && !/RunTask$/.test(e.name) && inside(e.ts)) byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0));
  }
  console.log(`  events: ${top(byName, 8).map(([k, v]) => `${k} ${ms(v)}`).join(', ') || 'none recorded'}`);
  const self = new Map();
  const inclusive = new Map();
  for (const s of samples) {
    if (!inside(s.ts)) continue;
    let n = nodes.get(s.id);
    if (!n) continue;
    self.set(frameName(n), (self.get(frameName(n)) ?? 0) + 1);
    const seen = new Set();
    for (; n; n = nodes.get(n.parent)) {
      const name = frameName(n);
      if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + 1);
      seen.add(name);
    }
  }
  if (self.size) {
    console.log(`  samples, self: ${top(self, 10).map(([k, v]) => `${k} ×${v}`).join(', ')}`);
    console.log(`  samples, inclusive: ${top(inclusive, 20).map(([k, v]) => `${k} ×${v}`).join(', ')}`);
  }
}
