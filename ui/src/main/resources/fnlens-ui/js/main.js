// fnlens UI: a hash router over one module per page. Every view state lives in the URL
// (#/page/arg?params), so any view can be shared or bookmarked.
import { destroyAll } from './charts.js';
import { h } from './dom.js';

const PAGES = {
  functions: () => import('../pages/functions.js'),
  function: () => import('../pages/function.js'),
  invocation: () => import('../pages/invocation.js'),
  insights: () => import('../pages/insights.js'),
  tail: () => import('../pages/tail.js'),
  search: () => import('../pages/search.js'),
  alerts: () => import('../pages/alerts.js'),
};
/** Which navigation entry a page belongs to. */
const NAV = { function: 'functions', invocation: 'functions' };

const view = document.getElementById('view');
let rendered = null; // the hash on screen
let cleanup = null;
let generation = 0;

/** #/function/orders?range=1h -> {page: 'function', arg: 'orders', params}. */
export function parseHash(hash) {
  const text = hash.replace(/^#\/?/, '');
  const q = text.indexOf('?');
  const path = q < 0 ? text : text.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : text.slice(q + 1));
  const slash = path.indexOf('/');
  const page = (slash < 0 ? path : path.slice(0, slash)) || 'functions';
  const arg = slash < 0 ? '' : decodeURIComponent(path.slice(slash + 1));
  return { page, arg, params };
}

export function hashOf(page, arg, params) {
  const query = params && params.toString();
  return '#/' + page + (arg ? '/' + encodeURIComponent(arg) : '') + (query ? '?' + query : '');
}

/** Updates the URL to a page's new state without rendering again (the page already shows it). */
function replaceState(page, arg, params, push) {
  const hash = hashOf(page, arg, params);
  if (hash === location.hash) return;
  rendered = hash;
  history[push ? 'pushState' : 'replaceState'](null, '', hash);
}

async function render() {
  if (location.hash === rendered) return;
  rendered = location.hash;
  const route = parseHash(location.hash);
  const load = PAGES[route.page];
  const mine = ++generation;
  if (cleanup) {
    try { cleanup(); } catch (e) { console.error(e); }
    cleanup = null;
  }
  destroyAll();
  for (const item of document.querySelectorAll('.nav-item')) {
    const current = item.dataset.page === (NAV[route.page] || route.page);
    item.classList.toggle('active', current);
    if (current) item.setAttribute('aria-current', 'page'); else item.removeAttribute('aria-current');
  }
  view.replaceChildren();
  if (!load) {
    view.append(h('div', { class: 'empty-state' }, h('h1', null, 'No such page'),
      h('p', null, h('a', { href: '#/functions' }, 'Go to Functions'))));
    return;
  }
  const module = await load();
  if (mine !== generation) return; // the user moved on while the module loaded
  const page = module.default;
  document.title = 'fnlens · ' + page.title(route);
  const ctx = {
    route,
    /** Keep the URL in step with what the page shows. */
    setParams(params, { push = false } = {}) { replaceState(route.page, route.arg, params, push); },
    isCurrent: () => mine === generation,
    /** Go to a hash; the same hash renders again (a search run twice runs twice). */
    navigate(hash) { if (hash === location.hash) { rendered = null; render(); } else { location.hash = hash; } },
    /** Render the current URL again (relative ranges move to now). */
    reload() { rendered = null; render(); },
  };
  try {
    cleanup = (await page.render(view, route, ctx)) || null;
  } catch (e) {
    console.error(e);
    if (mine === generation) view.append(h('div', { class: 'error', role: 'alert' }, String(e.message || e)));
  }
}

// --- theme: system, light or dark; remembered -----------------------------------------

const THEMES = ['system', 'light', 'dark'];
const themeButton = document.getElementById('theme');

function storedTheme() {
  try { return localStorage.getItem('fnlens.theme') || 'system'; } catch (e) { return 'system'; }
}

function applyTheme() {
  const chosen = storedTheme();
  const dark = chosen === 'dark' || (chosen === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  const before = document.documentElement.dataset.theme;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  const label = 'Theme: ' + (chosen === 'system' ? 'follows the system' : chosen);
  themeButton.title = label;
  themeButton.setAttribute('aria-label', label);
  themeButton.textContent = chosen === 'light' ? '☀' : chosen === 'dark' ? '☾' : '◐';
  if (before && before !== document.documentElement.dataset.theme) {
    rendered = null; // charts take their colours when drawn
    render();
  }
}

themeButton.addEventListener('click', () => {
  const next = THEMES[(THEMES.indexOf(storedTheme()) + 1) % THEMES.length];
  try { localStorage.setItem('fnlens.theme', next); } catch (e) { /* storage off */ }
  applyTheme();
});
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', applyTheme);

// --- start -------------------------------------------------------------------------------

// links from the first version of the UI: /?q=...&range=... was the search page
if (!location.hash && location.search) {
  history.replaceState(null, '', location.pathname + '#/search' + location.search);
} else if (!location.hash) {
  history.replaceState(null, '', location.pathname + '#/functions');
}
window.addEventListener('hashchange', render);
window.addEventListener('popstate', render);
applyTheme();
render();
