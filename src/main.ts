import { mount } from 'svelte';
import App from './App.svelte';
import { warmFormatters } from './ui/format';
import './ui/app.css';

/** Runs `fn` in a task of its own, soon. */
const nextTask = (fn: () => void) => void setTimeout(fn, 0);

// The app mounts in the task after the one that evaluates this chunk: together, evaluating the chunk, building the
// first screen and the layout that follows the load event were one 55-90 ms task (issue #13); apart, each is short.
setTimeout(() => {
  mount(App, { target: document.getElementById('app')! });
  // The page's first number formatting sets up ICU's number formats, 18 ms cold: done here, in tasks of its own,
  // before the workspace's lists (read from IndexedDB) come to be shown, not inside the view that shows them.
  warmFormatters(nextTask);
}, 0);
