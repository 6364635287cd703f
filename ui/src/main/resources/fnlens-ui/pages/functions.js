// Functions (home): one row per function over the chosen range.
import { functions as listFunctions, query } from '../js/api.js';
import { bins, COLORS, sparkline } from '../js/charts.js';
import { errorBox, h, loading } from '../js/dom.js';
import { attachAgent } from '../js/empty.js';
import { functionName, functionRoute, int, mb, ms, percent, stripAccount, usd } from '../js/format.js';
import { summaries, total } from '../js/metrics.js';
import * as ranges from '../js/range.js';
import { sortableTable } from '../js/table.js';

const COLUMNS = [
  { key: 'function', label: 'Function', sortValue: r => functionName(r.logGroup),
    cell: r => h('a', { href: functionRoute(r.logGroup) + rangeSuffix(), class: 'fn-link' }, functionName(r.logGroup)) },
  { key: 'invocations', label: 'Invocations', numeric: true, sortValue: r => r.invocations,
    cell: r => h('div', { class: 'with-spark' }, h('span', { class: 'value' }, int(r.invocations)), h('div', { class: 'spark', dataset: { group: r.logGroup } })) },
  { key: 'errors', label: 'Errors', numeric: true, sortValue: r => r.errors,
    title: 'Failed invocations: exceptions and timeouts, as Lambda\'s Errors metric counts them',
    cell: r => h('span', { class: r.errors ? 'bad' : null }, int(r.errors)) },
  { key: 'errorRate', label: 'Error rate', numeric: true, sortValue: r => (r.invocations ? r.errors / r.invocations : null),
    cell: r => h('span', { class: r.errors ? 'pill bad' : 'pill' }, percent(r.errors, r.invocations)) },
  { key: 'timeouts', label: 'Timeouts', numeric: true, sortValue: r => r.timeouts, cell: r => int(r.timeouts) },
  { key: 'coldStarts', label: 'Cold starts', numeric: true, sortValue: r => r.coldStarts,
    cell: r => [h('span', { class: 'value' }, int(r.coldStarts)), h('span', { class: 'sub' }, percent(r.coldStarts, r.invocations))] },
  { key: 'avgInit', label: 'Avg init', numeric: true, sortValue: r => r.avgInit, cell: r => ms(r.avgInit) },
  { key: 'p50', label: 'p50', numeric: true, sortValue: r => r.p50, cell: r => ms(r.p50), title: 'Median duration' },
  { key: 'p95', label: 'p95', numeric: true, sortValue: r => r.p95, cell: r => ms(r.p95) },
  { key: 'p99', label: 'p99', numeric: true, sortValue: r => r.p99, cell: r => ms(r.p99) },
  { key: 'memory', label: 'Memory used', numeric: true, title: 'Max memory used / memory size',
    sortValue: r => (r.memorySize ? r.maxMemoryUsed / r.memorySize : null), cell: memoryCell },
  { key: 'cost', label: 'Est. cost', numeric: true, sortValue: r => r.cost.total, cell: r => usd(r.cost.total),
    title: 'Requests + GB-seconds at Lambda x86 prices (us-east-1)' },
];

let currentRange = null;
function rangeSuffix() {
  return '?' + ranges.toParams(currentRange, new URLSearchParams());
}

function memoryCell(r) {
  if (r.memorySize == null) return '—';
  const share = r.maxMemoryUsed != null ? Math.min(1, r.maxMemoryUsed / r.memorySize) : 0;
  return h('div', { class: 'meter-cell' },
    h('span', null, mb(r.maxMemoryUsed).replace(' MB', ''), ' / ', mb(r.memorySize)),
    h('span', { class: 'meter', role: 'img', 'aria-label': Math.round(share * 100) + '% of memory size' },
      h('span', { class: 'meter-fill' + (share > 0.9 ? ' hot' : ''), style: 'width:' + (share * 100).toFixed(1) + '%' })));
}

function tile(label, value, sub, cls) {
  return h('div', { class: 'tile' + (cls ? ' ' + cls : '') }, h('div', { class: 'tile-label' }, label),
    h('div', { class: 'tile-value' }, value), sub ? h('div', { class: 'tile-sub' }, sub) : null);
}

function parseSort(text) {
  const desc = text.startsWith('-');
  const key = desc ? text.slice(1) : text;
  return COLUMNS.some(c => c.key === key) ? { key, desc } : { key: 'invocations', desc: true };
}

export default {
  title: () => 'Functions',
  async render(view, route, ctx) {
    const params = route.params;
    const range = ranges.fromParams(params);
    currentRange = range;
    const abort = new AbortController();
    const sort = parseSort(params.get('sort') || '-invocations');

    const refresh = h('button', { type: 'button', class: 'icon-button', title: 'Refresh', 'aria-label': 'Refresh' }, '↻');
    refresh.addEventListener('click', () => ctx.reload());
    const header = h('div', { class: 'page-head' }, h('h1', null, 'Functions'),
      h('div', { class: 'toolbar' }, ranges.picker(range, next => {
        const p = new URLSearchParams(params);
        ranges.toParams(next, p);
        ctx.navigate('#/functions?' + p);
      }), refresh));
    const body = h('div', null, loading('functions'));
    view.append(header, body);

    try {
      const period = ranges.period(range, 30);
      const [known, byGroup, spark] = await Promise.all([
        listFunctions(abort.signal),
        summaries(range, { signal: abort.signal }),
        query(`filter @type = "REPORT" | stats count() as n by @log, bin(${period.unit})`, range, { signal: abort.signal }),
      ]);
      if (!ctx.isCurrent()) return;
      if (!known.length && !byGroup.size) {
        body.replaceChildren(attachAgent('No functions yet'));
        return;
      }
      for (const f of known) {
        if (!byGroup.has(f.logGroup)) byGroup.set(f.logGroup, emptyEntry(f.logGroup));
      }
      const rows = [...byGroup.values()];
      const t = total(rows);
      const tiles = h('div', { class: 'tiles' },
        tile('Invocations', int(t.invocations), range.label),
        tile('Errors', int(t.errors), percent(t.errors, t.invocations) + ' of invocations', t.errors ? 'is-bad' : null),
        tile('Cold starts', int(t.coldStarts), percent(t.coldStarts, t.invocations) + ' of invocations'),
        tile('Estimated cost', usd(t.cost), 'requests + GB-seconds, x86 prices'));
      const table = sortableTable(COLUMNS, rows, {
        sort, caption: 'Functions',
        rowAttrs: r => ({ class: 'clickable' + (r.invocations ? '' : ' idle'), dataset: { group: r.logGroup } }),
        onSort: s => {
          const p = new URLSearchParams(params);
          p.set('sort', (s.desc ? '-' : '') + s.key);
          ctx.setParams(p);
          drawSparks();
        },
      });
      table.addEventListener('click', e => {
        const tr = e.target.closest('tr[data-group]');
        if (tr && !e.target.closest('a, button')) location.hash = functionRoute(tr.dataset.group) + rangeSuffix();
      });
      const note = h('p', { class: 'footnote' },
        'Throttles are not shown: a throttled request never reaches the function, so the agent cannot see it. ',
        'Costs use Lambda\'s x86 prices in us-east-1 ($0.20 per million requests, $0.0000166667 per GB-second), before the free tier.');
      body.replaceChildren(tiles, table, note);

      const sparkRows = new Map();
      for (const row of spark.rows) {
        const g = stripAccount(row['@log']);
        if (!sparkRows.has(g)) sparkRows.set(g, []);
        sparkRows.get(g).push(row);
      }
      function drawSparks() {
        for (const el of body.querySelectorAll('.spark')) {
          if (el.__chart) continue;
          const series = bins(sparkRows.get(el.dataset.group) || [], `bin(${period.unit})`, range, period);
          sparkline(el, series.xs, series.get('n'), COLORS.accent);
        }
      }
      drawSparks();
    } catch (e) {
      if (ctx.isCurrent()) body.replaceChildren(errorBox(e.message));
    }
    return () => abort.abort();
  },
};

function emptyEntry(logGroup) {
  return {
    logGroup, invocations: 0, errors: 0, exceptions: 0, timeouts: 0, coldStarts: 0, avgInit: null,
    p50: null, p95: null, p99: null, maxMemoryUsed: null, memorySize: null, cost: { total: 0 },
  };
}
