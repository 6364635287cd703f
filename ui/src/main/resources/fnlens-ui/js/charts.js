// Charts with uPlot (served from its WebJar by the collector; no CDN, no build step).
import uPlot from 'uplot';
import { h } from './dom.js';

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export const COLORS = {
  get accent() { return cssVar('--accent'); },
  get error() { return cssVar('--chart-error'); },
  get p50() { return cssVar('--chart-1'); },
  get p95() { return cssVar('--chart-2'); },
  get p99() { return cssVar('--chart-3'); },
  get cold() { return cssVar('--chart-cold'); },
  get memory() { return cssVar('--chart-1'); },
  get limit() { return cssVar('--chart-3'); },
};

/** Every chart on the page, so a page can destroy them when it goes away. */
const live = new Set();
const observer = new ResizeObserver(entries => {
  for (const entry of entries) {
    const chart = entry.target.__chart;
    const width = Math.floor(entry.contentRect.width);
    if (chart && width > 0 && width !== chart.width) chart.setSize({ width, height: chart.height });
  }
});

export function destroyAll() {
  for (const chart of live) {
    observer.unobserve(chart.root.parentElement || chart.root);
    chart.destroy();
  }
  live.clear();
}

function mount(el, opts, data) {
  opts.width = Math.max(100, Math.floor(el.clientWidth || el.getBoundingClientRect().width || 300));
  const chart = new uPlot(opts, data, el);
  el.__chart = chart;
  observer.observe(el);
  live.add(chart);
  return chart;
}

function axis(format) {
  const grid = cssVar('--border');
  const text = cssVar('--muted');
  return {
    stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 },
    font: '11px system-ui, sans-serif',
    values: format ? (u, vals) => vals.map(v => (v == null ? '' : format(v))) : undefined,
    // wide enough for the longest label ("2,000 MB", "12.5 s")
    size: format ? (u, values) => 18 + 7 * Math.max(3, ...(values || []).map(v => String(v).length)) : undefined,
  };
}

/**
 * A time series chart. `xs`: epoch seconds; `series`: [{label, values, color, bars, dash,
 * right}] where `right` puts the series on a second axis formatted by `rightFormat`.
 * The element gets the chart; returns the uPlot instance.
 */
/**
 * Options: height; format / rightFormat (axis and legend values); legend (false hides it);
 * sync (charts with the same key share the cursor); onZoom(fromMs, toMs) makes a drag across
 * the chart select a time range.
 */
export function timeChart(el, xs, series, { height = 180, format, rightFormat, legend = true, sync, onZoom } = {}) {
  const bars = uPlot.paths.bars({ size: [0.7, 40] });
  const fromZero = (u, min, max) => [0, max > 0 ? max * 1.1 : 1];
  const scales = { x: { time: true }, y: { range: fromZero } };
  const axes = [axis(), axis(format)];
  if (series.some(s => s.right)) {
    scales.r = { range: fromZero };
    axes.push(Object.assign(axis(rightFormat), { scale: 'r', side: 1, grid: { show: false } }));
  }
  const opts = {
    height,
    legend: { show: legend, live: true },
    cursor: { drag: { x: !!onZoom, y: false, setScale: false }, points: { size: 6 }, sync: sync ? { key: sync } : undefined },
    hooks: onZoom ? {
      setSelect: [u => {
        if (u.select.width < 4) return;
        const from = u.posToVal(u.select.left, 'x');
        const to = u.posToVal(u.select.left + u.select.width, 'x');
        u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
        onZoom(Math.floor(from * 1000), Math.ceil(to * 1000));
      }],
    } : undefined,
    scales,
    axes,
    series: [{ label: 'Time' }].concat(series.map(s => {
      const fmt = s.right ? rightFormat : format;
      // a line through few points: show the points, and join them across empty bins
      const present = s.values.filter(v => v != null).length;
      return {
        label: s.label,
        scale: s.right ? 'r' : 'y',
        stroke: s.color,
        fill: s.bars ? s.color + '99' : undefined,
        width: s.bars ? 0 : 1.75,
        dash: s.dash,
        paths: s.bars ? bars : undefined,
        points: { show: !s.bars && present <= xs.length / 3, size: 5 },
        spanGaps: !s.bars,
        value: fmt ? (u, v) => (v == null ? '—' : fmt(v)) : undefined,
      };
    })),
  };
  return mount(el, opts, [xs, ...series.map(s => s.values)]);
}

/**
 * A small chart without axes or legend (table cells). With `threshold` (a number) a dashed line
 * marks it, and the scale reaches it.
 */
export function sparkline(el, xs, ys, color, { threshold } = {}) {
  const limit = threshold != null && Number.isFinite(threshold) ? threshold : null;
  const series = [{}, { stroke: color, fill: color + '33', width: 1.25, points: { show: false } }];
  const data = [xs, ys];
  if (limit != null) {
    series.push({ stroke: cssVar('--chart-error'), width: 1, dash: [3, 3], points: { show: false } });
    data.push(xs.map(() => limit));
  }
  const opts = {
    height: 28,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false },
    scales: { x: { time: false }, y: { range: (u, min, max) => [Math.min(0, min), max > 0 ? max * (limit != null ? 1.1 : 1) : 1] } },
    axes: [{ show: false }, { show: false }],
    series,
    padding: [2, 0, 2, 0],
  };
  return mount(el, opts, data);
}

/** A container for a chart with a title. */
export function chartBox(title, note) {
  const plot = h('div', { class: 'chart' });
  const box = h('figure', { class: 'chart-box' },
    h('figcaption', null, h('span', { class: 'chart-title' }, title), note ? h('span', { class: 'chart-note' }, note) : null),
    plot);
  return { box, plot };
}

/**
 * Aligns stats rows keyed by bin to the full range, so a bin without events shows 0 (for
 * counts) or a gap (null, for percentiles). Returns {xs (epoch s), get(column, missing)}.
 */
export function bins(rows, binColumn, range, period) {
  const step = period.seconds;
  const first = Math.floor(range.from / 1000 / step) * step;
  const last = Math.floor(range.to / 1000 / step) * step;
  const xs = [];
  for (let t = first; t <= last; t += step) xs.push(t);
  const byBin = new Map();
  for (const row of rows) {
    const t = Math.floor(Date.parse(String(row[binColumn]).replace(' ', 'T') + 'Z') / 1000);
    byBin.set(t, row);
  }
  return {
    xs,
    get(column, missing = 0) {
      return xs.map(t => {
        const row = byBin.get(t);
        const v = row ? row[column] : undefined;
        return v == null || v === '' ? missing : Number(v);
      });
    },
  };
}
