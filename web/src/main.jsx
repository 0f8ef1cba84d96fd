import { render } from 'preact';
import { App } from './app.jsx';
import { Engine } from './engine.js';
import './style.css';

const engine = new Engine();
render(<App engine={engine} />, document.getElementById('app'));

// Offline use of the hosted page: a service worker with a versioned cache (see vite.config.js).
// Not in the single-file build, which needs none, nor on file://.
if (!__SINGLE_FILE__ && 'serviceWorker' in navigator && location.protocol.startsWith('http')) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => {});
  });
}
