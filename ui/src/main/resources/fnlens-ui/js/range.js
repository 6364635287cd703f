// Time ranges: relative (range=1h, resolved against now when the view loads) or absolute
// (from=...&to=... as ISO-8601), both kept in the URL so a link reproduces the view.
import { h } from './dom.js';

export const RELATIVE = [
  ['5m', 'Last 5 minutes', 300],
  ['15m', 'Last 15 minutes', 900],
  ['1h', 'Last hour', 3600],
  ['3h', 'Last 3 hours', 3 * 3600],
  ['12h', 'Last 12 hours', 12 * 3600],
  ['24h', 'Last 24 hours', 86400],
  ['3d', 'Last 3 days', 3 * 86400],
  ['7d', 'Last 7 days', 7 * 86400],
  ['14d', 'Last 14 days', 14 * 86400],
];
const SECONDS = Object.fromEntries(RELATIVE.map(([key, , s]) => [key, s]));

/** Bin periods for charts, smallest first: [insights unit, seconds]. */
const PERIODS = [['10s', 10], ['30s', 30], ['1m', 60], ['5m', 300], ['10m', 600], ['15m', 900], ['30m', 1800],
  ['1h', 3600], ['3h', 10800], ['6h', 21600], ['12h', 43200], ['1d', 86400]];

/**
 * From URL parameters to {from, to (epoch ms), relative (key or null), label, seconds}.
 * Unknown or missing values fall back to `fallback`.
 */
export function fromParams(params, fallback = '1h', now = Date.now()) {
  const from = Date.parse(params.get('from') || '');
  const to = Date.parse(params.get('to') || '');
  if (!Number.isNaN(from) && !Number.isNaN(to) && from < to) {
    return { from, to, relative: null, label: 'Custom', seconds: (to - from) / 1000 };
  }
  const key = SECONDS[params.get('range')] ? params.get('range') : fallback;
  return { from: now - SECONDS[key] * 1000, to: now, relative: key, label: labelOf(key), seconds: SECONDS[key] };
}

/** Writes the range into URL parameters (relative: range=; absolute: from= and to=). */
export function toParams(range, params) {
  params.delete('range');
  params.delete('from');
  params.delete('to');
  if (range.relative) {
    params.set('range', range.relative);
  } else {
    params.set('from', new Date(range.from).toISOString());
    params.set('to', new Date(range.to).toISOString());
  }
  return params;
}

export function labelOf(key) {
  const found = RELATIVE.find(([k]) => k === key);
  return found ? found[1] : key;
}

/** A bin period giving about `bins` points over the range: {unit: '5m', seconds: 300}. */
export function period(range, bins = 60) {
  const wanted = range.seconds / bins;
  const found = PERIODS.find(([, s]) => s >= wanted) || PERIODS[PERIODS.length - 1];
  return { unit: found[0], seconds: found[1] };
}

/** Days covered by the range, for scaling a cost to a month. */
export function days(range) {
  return (range.to - range.from) / 86400000;
}

function localInput(millis) {
  const d = new Date(millis - new Date(millis).getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

/**
 * The time range picker: a select of relative ranges plus "Custom" (two local date-time
 * inputs). Calls onChange(range) with a range as fromParams gives.
 */
export function picker(range, onChange) {
  const select = h('select', { class: 'range-select', 'aria-label': 'Time range' },
    RELATIVE.map(([key, label]) => h('option', { value: key, selected: key === range.relative }, label)),
    h('option', { value: 'custom', selected: !range.relative }, 'Custom range…'));
  const fromInput = h('input', { type: 'datetime-local', 'aria-label': 'From', value: localInput(range.from) });
  const toInput = h('input', { type: 'datetime-local', 'aria-label': 'To', value: localInput(range.to) });
  const apply = h('button', { type: 'button' }, 'Apply');
  const custom = h('span', { class: 'range-custom', hidden: !!range.relative }, fromInput, h('span', { 'aria-hidden': 'true' }, '→'), toInput, apply);

  select.addEventListener('change', () => {
    if (select.value === 'custom') {
      custom.hidden = false;
      fromInput.focus();
      return;
    }
    custom.hidden = true;
    onChange(fromParams(new URLSearchParams({ range: select.value })));
  });
  apply.addEventListener('click', () => {
    const from = new Date(fromInput.value).getTime();
    const to = new Date(toInput.value).getTime();
    if (Number.isNaN(from) || Number.isNaN(to) || from >= to) {
      toInput.setCustomValidity('The end must come after the start');
      toInput.reportValidity();
      return;
    }
    toInput.setCustomValidity('');
    onChange({ from, to, relative: null, label: 'Custom', seconds: (to - from) / 1000 });
  });
  return h('span', { class: 'range-picker' }, select, custom);
}
