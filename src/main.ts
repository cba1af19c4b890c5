import { mount } from 'svelte';
import App from './App.svelte';
import './ui/app.css';

// The app mounts in the task after the one that evaluates this chunk: together, evaluating the chunk, building the
// first screen and the layout that follows the load event were one 55-90 ms task (issue #13); apart, each is short.
setTimeout(() => mount(App, { target: document.getElementById('app')! }), 0);
