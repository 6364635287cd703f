// Invocation: every line of one request id in order, its REPORT, its exception, its trigger.
import { invocation } from '../js/api.js';
import { card, errorBox, h, loading, replace } from '../js/dom.js';
import { functionName, functionRoute, mb, ms, parseTime, time, usd } from '../js/format.js';
import { cost } from '../js/pricing.js';
import { triggerAndTraceCard } from './invocation-trace.js';

/** The JSON after the `<ts>\t<id>\t<LEVEL>\t` prefix of an application line, if any. */
function jsonPart(message) {
  const parts = message.split('\t');
  const text = (parts.length >= 4 ? parts.slice(3).join('\t') : message).trim();
  if (!text.startsWith('{')) return null;
  try { return JSON.parse(text); } catch (e) { return null; }
}

function level(message) {
  const parts = message.split('\t');
  return parts.length >= 4 && /^[A-Z]+$/.test(parts[2]) ? parts[2] : null;
}

function exceptionOf(events) {
  for (const e of events) {
    const json = jsonPart(e['@message']);
    if (json && json.errorType) return json;
    const f = e.fields || {};
    if (f.errorType) {
      const stack = [];
      for (let i = 0; f['stackTrace.' + i] != null; i++) stack.push(f['stackTrace.' + i]);
      return { errorType: f.errorType, errorMessage: f.errorMessage, stackTrace: stack };
    }
  }
  return null;
}

function metric(label, value, sub) {
  return h('div', { class: 'tile', dataset: { tile: label } }, h('div', { class: 'tile-label' }, label),
    h('div', { class: 'tile-value' }, value), sub ? h('div', { class: 'tile-sub' }, sub) : null);
}

export default {
  title: route => 'Invocation ' + route.arg,
  async render(view, route, ctx) {
    const requestId = route.arg;
    const abort = new AbortController();
    const body = h('div', null, loading('invocation'));
    view.append(h('div', { class: 'page-head' }, h('div', null,
      h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/functions' }, 'Functions'), ' / ',
        h('span', { class: 'crumb-fn' })),
      h('h1', null, 'Invocation ', h('span', { class: 'mono request-id' }, requestId)))), body);
    try {
      const events = await invocation(requestId, abort.signal);
      if (!ctx.isCurrent()) return;
      if (!events.length) {
        body.replaceChildren(h('div', { class: 'empty-state' }, h('h2', null, 'No events for this request id'),
          h('p', null, 'It may be older than the data kept, or still on its way: events are searchable about a second after they arrive.')));
        return;
      }
      render(view, body, requestId, events, abort.signal);
    } catch (e) {
      if (ctx.isCurrent()) body.replaceChildren(errorBox(e.message));
    }
    return () => abort.abort();
  },
};

function render(view, body, requestId, events, signal) {
  const group = events[0]['@log'];
  const crumb = view.querySelector('.crumb-fn');
  crumb.replaceChildren(h('a', { href: functionRoute(group) }, functionName(group)));
  const report = events.find(e => e['@type'] === 'REPORT');
  const timedOut = events.some(e => / Task timed out after /.test(e['@message']));
  const exception = exceptionOf(events);
  const outcome = timedOut ? 'timeout' : exception ? 'error' : report ? 'ok' : 'running';
  const start = parseTime(events[0]['@timestamp']);

  const summary = h('div', { class: 'inv-summary' },
    h('span', { class: 'status status-' + outcome }, outcome),
    report && report['@initDuration'] != null ? h('span', { class: 'status status-cold' }, 'cold start') : null,
    h('span', { class: 'muted' }, time(start)),
    h('span', { class: 'muted mono' }, events[0]['@logStream']));

  const metrics = report ? h('div', { class: 'tiles' },
    metric('Duration', ms(report['@duration'])),
    metric('Billed duration', ms(report['@billedDuration'])),
    metric('Memory used', mb(report['@maxMemoryUsed']), 'of ' + mb(report['@memorySize'])),
    report['@initDuration'] != null ? metric('Init duration', ms(report['@initDuration']), 'cold start') : metric('Init duration', '—', 'warm'),
    metric('Cost', usd(cost(1, (report['@billedDuration'] || 0) * (report['@memorySize'] || 0) / 1e6).total), 'requests + GB-seconds')) : null;

  const exceptionCard = exception ? card('Exception',
    h('div', { class: 'exception' },
      h('div', { class: 'ex-type' }, String(exception.errorType)),
      h('div', { class: 'ex-message' }, String(exception.errorMessage ?? '')),
      h('pre', { class: 'stack' }, (Array.isArray(exception.stackTrace) ? exception.stackTrace : []).map(f => 'at ' + f).join('\n')))) : null;

  const trace = triggerAndTraceCard(report, requestId, signal);

  const lines = card('Log lines (' + events.length + ')', h('div', { class: 'table-wrap' }, h('table', { class: 'grid lines' },
    h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'num' }, '+ms'), h('th', { scope: 'col' }, 'Time'),
      h('th', { scope: 'col' }, 'Level'), h('th', { scope: 'col' }, 'Message'))),
    h('tbody', null, events.map(e => {
      const t = parseTime(e['@timestamp']);
      const lvl = e['@type'] || level(e['@message']) || '';
      const bad = lvl === 'ERROR' || lvl === 'FATAL' || / Task timed out after /.test(e['@message']);
      return h('tr', { class: bad ? 'is-error' : null },
        h('td', { class: 'num mono muted' }, (t - start).toLocaleString('en-US')),
        h('td', { class: 'mono nowrap muted' }, time(t)),
        h('td', null, lvl ? h('span', { class: 'level level-' + lvl.toLowerCase() }, lvl) : null),
        h('td', null, h('pre', { class: 'message' }, e['@message'])));
    })))));

  replace(body, summary, metrics, h('div', { class: 'columns' }, exceptionCard || trace, exceptionCard ? trace : null), lines);
}
