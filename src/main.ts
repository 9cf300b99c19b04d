/** Entry point: mounts the app (which registers the offline service worker at the first use, once no
 *  file is being analysed: ui/firstUse.ts). */
import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/global.css';

mount(App, { target: document.getElementById('app')! });
