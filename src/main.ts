/** Entry point: mounts the app and, in the built site, registers the offline service worker (at the first use). */
import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/global.css';
import { onFirstUse } from './ui/firstUse';

mount(App, { target: document.getElementById('app')! });

// The offline copy is made at the page's first use, not at load: its precache fetches and stores
// every asset (~10 MB), ~0.25 s of CPU a page nobody uses should not spend (issue 19).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  onFirstUse(() => {
    navigator.serviceWorker.register('./sw.js').catch(() => {
      /* offline mode unavailable (e.g. private window); the app works online */
    });
  });
}
