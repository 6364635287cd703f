// Search: full text over messages (Lucene syntax), newest first, via /api/search.
import { getJson } from '../js/api.js';
import { h } from '../js/dom.js';
import { functionName, functionRoute, int, parseTime, time } from '../js/format.js';
import { attachAgent } from '../js/empty.js';
import * as ranges from '../js/range.js';

const LIMIT = 500;

function chip(label, value, cls) {
  return h('span', { class: 'chip' + (cls ? ' ' + cls : '') }, h('b', null, label), ' ' + value);
}

/** As the REPORT line writes it: up to 2 decimals. */
function msExact(value) {
  return (Math.round(value * 100) / 100).toLocaleString('en-US') + ' ms';
}

function mbValue(bytes) {
  return Math.round(bytes / 1e6).toLocaleString('en-US'); // CloudWatch counts 1 MB as 10^6 bytes
}

function reportChips(e) {
  const chips = [];
  if (e['@duration'] != null) chips.push(chip('Duration', msExact(e['@duration'])));
  if (e['@billedDuration'] != null) chips.push(chip('Billed', msExact(e['@billedDuration'])));
  if (e['@maxMemoryUsed'] != null || e['@memorySize'] != null) {
    const used = e['@maxMemoryUsed'] != null ? mbValue(e['@maxMemoryUsed']) : '?';
    const size = e['@memorySize'] != null ? mbValue(e['@memorySize']) : '?';
    chips.push(chip('Memory', used + ' / ' + size + ' MB'));
  }
  if (e['@initDuration'] != null) chips.push(chip('Init', msExact(e['@initDuration']), 'cold'));
  return chips;
}

function isError(message) {
  return /\t(ERROR|FATAL)\t/.test(message) || / Task timed out after /.test(message);
}

function row(e) {
  const t = parseTime(e['@timestamp']);
  const message = h('pre', { class: 'message' }, e['@message']);
  message.addEventListener('click', () => message.classList.toggle('expanded'));
  return h('tr', { class: isError(e['@message']) ? 'is-error' : null },
    h('td', { class: 'col-time' }, h('time', { datetime: e['@timestamp'], title: e['@timestamp'] }, time(t))),
    h('td', { class: 'col-stream' },
      h('a', { class: 'group', href: functionRoute(e['@log']), title: e['@log'] }, functionName(e['@log'])),
      e['@requestId'] ? h('a', { class: 'stream mono', href: '#/invocation/' + encodeURIComponent(e['@requestId']), title: e['@logStream'] }, e['@requestId'])
        : h('span', { class: 'stream', title: e['@logStream'] }, e['@logStream'])),
    h('td', { class: 'col-message' }, e['@type'] === 'REPORT' ? h('div', { class: 'chips' }, reportChips(e)) : null, message));
}

export default {
  title: () => 'Search',
  async render(view, route, ctx) {
    const params = route.params;
    const range = ranges.fromParams(params);
    const abort = new AbortController();
    const q = h('input', { id: 'q', name: 'q', type: 'search', spellcheck: 'false', value: params.get('q') || '',
      'aria-label': 'Query', placeholder: 'Search messages, e.g. "Task timed out" or @type:REPORT AND @duration:[1000 TO *]' });
    const group = h('select', { id: 'logGroup', 'aria-label': 'Log group' }, h('option', { value: '' }, 'All log groups'));
    const wanted = params.get('logGroup') || '';
    if (wanted) group.append(h('option', { value: wanted, selected: true }, wanted));
    const form = h('form', { id: 'search', class: 'searchbar', role: 'search', autocomplete: 'off' },
      q, ranges.picker(range, next => go(next)), group, h('button', { type: 'submit', class: 'primary' }, 'Search'));
    const status = h('p', { id: 'status', class: 'status', 'aria-live': 'polite' });
    const error = h('div', { id: 'error', class: 'error', role: 'alert', hidden: true });
    const tbody = h('tbody');
    const table = h('table', { id: 'results', class: 'results' }, h('thead', null, h('tr', null,
      h('th', { class: 'col-time', scope: 'col' }, 'Time'), h('th', { class: 'col-stream', scope: 'col' }, 'Function'),
      h('th', { scope: 'col' }, 'Message'))), tbody);
    const empty = h('p', { id: 'empty', class: 'empty', hidden: true }, 'No events match in this time range.');
    view.append(h('div', { class: 'page-head' }, h('h1', null, 'Search')), form, status, error, table, empty);

    function go(nextRange) {
      const p = new URLSearchParams();
      if (q.value.trim()) p.set('q', q.value.trim());
      ranges.toParams(nextRange || range, p);
      if (group.value) p.set('logGroup', group.value);
      ctx.navigate('#/search?' + p);
    }
    form.addEventListener('submit', e => { e.preventDefault(); go(); });
    group.addEventListener('change', () => go());

    getJson('/api/functions', abort.signal).then(({ functions }) => {
      for (const f of functions) {
        if (f.logGroup === wanted) continue;
        group.append(h('option', { value: f.logGroup }, f.logGroup + '  (' + int(f.invocations) + ' invocations)'));
      }
      group.value = wanted;
      if (!functions.length && !params.get('q')) view.append(attachAgent());
    }).catch(() => { /* the picker stays at "All log groups" */ });

    const search = new URLSearchParams({
      q: params.get('q') || '', start: String(Math.floor(range.from / 1000)), end: String(Math.floor(range.to / 1000)), limit: String(LIMIT),
    });
    if (wanted) search.set('logGroup', wanted);
    status.textContent = 'Searching…';
    try {
      const result = await getJson('/api/search?' + search, abort.signal);
      if (!ctx.isCurrent()) return;
      tbody.replaceChildren(...result.events.map(row));
      empty.hidden = result.events.length > 0;
      const s = result.statistics;
      status.textContent = s.recordsMatched > result.events.length
        ? `Newest ${int(result.events.length)} of ${int(s.recordsMatched)} matching events · ${s.elapsedMs} ms`
        : `${int(s.recordsMatched)} matching events · ${s.elapsedMs} ms`;
    } catch (e) {
      if (e.name === 'AbortError' || !ctx.isCurrent()) return;
      status.textContent = '';
      error.textContent = e.message;
      error.hidden = false;
    }
    return () => abort.abort();
  },
};
