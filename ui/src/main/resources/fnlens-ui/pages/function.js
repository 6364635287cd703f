// Function: charts over time, cost and right-sizing, error groups, recent invocations.
import { query } from '../js/api.js';
import { bins, chartBox, COLORS, timeChart } from '../js/charts.js';
import { errorBox, h, loading, replace } from '../js/dom.js';
import { attachAgent } from '../js/empty.js';
import { functionName, int, logGroupOf, mb, ms, percent, usd } from '../js/format.js';
import { ERROR_LINE, summaries, TIMEOUT_LINE } from '../js/metrics.js';
import { rightSize } from '../js/pricing.js';
import * as ranges from '../js/range.js';
import { errorGroups, recentInvocations } from './function-tables.js';

function timelineQuery(unit) {
  return `filter @type = "REPORT"
| stats count() as invocations, count(@initDuration) as coldStarts, avg(@initDuration) as avgInit,
    pct(@duration, 50) as p50, pct(@duration, 95) as p95, pct(@duration, 99) as p99,
    max(@maxMemoryUsed) as maxMemoryUsed, max(@memorySize) as memorySize
  by bin(${unit})`;
}

function errorTimelineQuery(unit) {
  return `filter (${ERROR_LINE}) or ${TIMEOUT_LINE} | stats count() as errors by bin(${unit})`;
}

function tile(label, value, sub, cls) {
  return h('div', { class: 'tile' + (cls ? ' ' + cls : ''), dataset: { tile: label } },
    h('div', { class: 'tile-label' }, label), h('div', { class: 'tile-value' }, value),
    sub ? h('div', { class: 'tile-sub' }, sub) : null);
}

export default {
  title: route => functionName(logGroupOf(route.arg)),
  async render(view, route, ctx) {
    const group = logGroupOf(route.arg);
    const name = functionName(group);
    const range = ranges.fromParams(route.params);
    const rangeParams = ranges.toParams(range, new URLSearchParams());
    const abort = new AbortController();
    const opts = { logGroups: [group], signal: abort.signal };

    const insightsLink = '#/insights?' + new URLSearchParams({
      q: 'fields @timestamp, @message\n| sort @timestamp desc\n| limit 100', groups: group, ...Object.fromEntries(rangeParams),
    });
    const refresh = h('button', { type: 'button', class: 'icon-button', title: 'Refresh', 'aria-label': 'Refresh', onclick: () => ctx.reload() }, '↻');
    view.append(h('div', { class: 'page-head' },
      h('div', null,
        h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/functions?' + rangeParams }, 'Functions'), ' / '),
        h('h1', null, name), h('div', { class: 'muted mono' }, group)),
      h('div', { class: 'toolbar' },
        h('a', { class: 'button', href: insightsLink }, 'Logs Insights'),
        h('a', { class: 'button', href: '#/tail?' + new URLSearchParams({ groups: group }) }, 'Live tail'),
        ranges.picker(range, next => {
          ctx.navigate('#/function/' + encodeURIComponent(route.arg) + '?' + ranges.toParams(next, new URLSearchParams(route.params)));
        }), refresh)));
    const body = h('div', null, loading(name));
    view.append(body);

    try {
      const period = ranges.period(range, 60);
      const [byGroup, timeline, errorTimeline] = await Promise.all([
        summaries(range, opts), query(timelineQuery(period.unit), range, opts), query(errorTimelineQuery(period.unit), range, opts)]);
      if (!ctx.isCurrent()) return;
      const s = byGroup.get(group);
      if (!s || !s.invocations) {
        body.replaceChildren(attachAgent('No invocations of ' + name + ' in this time range'));
        return;
      }
      const sizing = rightSize(s.memorySize / 1e6, s.maxMemoryUsed / 1e6, s.cost.compute, ranges.days(range));
      replace(body,
        h('div', { class: 'tiles' },
          tile('Invocations', int(s.invocations), range.label),
          tile('Errors', int(s.errors), percent(s.errors, s.invocations) + ' · ' + int(s.timeouts) + ' timeouts', s.errors ? 'is-bad' : null),
          tile('Cold starts', int(s.coldStarts), percent(s.coldStarts, s.invocations) + ' · avg init ' + ms(s.avgInit)),
          tile('Duration p99', ms(s.p99), 'p50 ' + ms(s.p50) + ' · p95 ' + ms(s.p95)),
          tile('Max memory used', mb(s.maxMemoryUsed), 'of ' + mb(s.memorySize) + ' (' + percent(s.maxMemoryUsed, s.memorySize) + ')'),
          tile('Cost', usd(s.cost.total), usd(s.cost.requests) + ' requests + ' + usd(s.cost.compute) + ' compute')),
        sizing ? rightSizingNote(name, s, sizing) : null,
        charts(),
        h('div', { class: 'columns' }, h('div', { id: 'error-groups' }, loading('error groups')), h('div', { id: 'recent' }, loading('recent invocations'))));
      const zoom = (from, to) => ctx.navigate('#/function/' + encodeURIComponent(route.arg) + '?'
        + ranges.toParams({ from, to, relative: null }, new URLSearchParams(route.params)));
      drawCharts(body, range, period, timeline.rows, errorTimeline.rows, zoom);
      const [groups, recent] = await Promise.all([errorGroups(range, opts), recentInvocations(range, opts)]);
      if (!ctx.isCurrent()) return;
      body.querySelector('#error-groups').replaceChildren(groups);
      body.querySelector('#recent').replaceChildren(recent);
    } catch (e) {
      if (ctx.isCurrent()) body.replaceChildren(errorBox(e.message));
    }
    return () => abort.abort();
  },
};

function rightSizingNote(name, s, sizing) {
  return h('aside', { class: 'note', role: 'note' },
    h('strong', null, 'Right-sizing: '),
    `${name} used at most ${mb(s.maxMemoryUsed)} of its ${mb(s.memorySize)}. At ${sizing.suggested} MB it would save about `,
    h('strong', { class: 'saving' }, usd(sizing.monthlySaving) + ' a month'),
    ' at this traffic, if the billed duration stays the same (CPU scales with memory: check the duration after the change).');
}

function charts() {
  const boxes = [
    chartBox('Invocations and errors', 'drag across a chart to zoom in'),
    chartBox('Duration', 'p50 · p95 · p99'),
    chartBox('Cold starts', 'count · average init duration'),
    chartBox('Memory', 'max used · memory size'),
  ];
  boxes.forEach((b, i) => { b.plot.dataset.chart = ['invocations', 'duration', 'cold', 'memory'][i]; });
  return h('div', { class: 'chart-grid' }, boxes.map(b => b.box));
}

function drawCharts(body, range, period, rows, errorRows, onZoom) {
  const column = `bin(${period.unit})`;
  const t = bins(rows, column, range, period);
  const e = bins(errorRows, column, range, period);
  const plot = key => body.querySelector(`[data-chart="${key}"]`);
  const mbFormat = v => Math.round(v / 1e6) + ' MB';
  const count = v => (Number.isInteger(v) ? v.toLocaleString('en-US') : '');
  const shared = { sync: 'function', onZoom };
  timeChart(plot('invocations'), t.xs, [
    { label: 'Invocations', values: t.get('invocations'), color: COLORS.accent, bars: true },
    { label: 'Errors', values: e.get('errors'), color: COLORS.error, bars: true },
  ], { ...shared, format: count });
  timeChart(plot('duration'), t.xs, [
    { label: 'p50', values: t.get('p50', null), color: COLORS.p50 },
    { label: 'p95', values: t.get('p95', null), color: COLORS.p95 },
    { label: 'p99', values: t.get('p99', null), color: COLORS.p99 },
  ], { ...shared, format: ms });
  timeChart(plot('cold'), t.xs, [
    { label: 'Cold starts', values: t.get('coldStarts'), color: COLORS.cold, bars: true },
    { label: 'Avg init', values: t.get('avgInit', null), color: COLORS.p99, right: true },
  ], { ...shared, format: count, rightFormat: ms });
  timeChart(plot('memory'), t.xs, [
    { label: 'Max used', values: t.get('maxMemoryUsed', null), color: COLORS.memory },
    { label: 'Memory size', values: t.get('memorySize', null), color: COLORS.limit, dash: [6, 4] },
  ], { ...shared, format: mbFormat });
}
