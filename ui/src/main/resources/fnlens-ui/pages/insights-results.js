// Logs Insights answers: the results table (columns are the query's fields) and export.
import { chartBox, timeChart } from '../js/charts.js';
import { download, h } from '../js/dom.js';
import { functionRoute, parseTime } from '../js/format.js';

export const MAX_SHOWN = 1000;

function cell(field, value) {
  if (value == null) return h('td', { class: 'missing' });
  if (field === '@requestId') return h('td', null, h('a', { class: 'mono', href: '#/invocation/' + encodeURIComponent(value) }, value));
  if (field === '@log') return h('td', null, h('a', { href: functionRoute(value) }, value));
  if (field === '@message' || String(value).length > 80 || String(value).includes('\n')) {
    return h('td', null, h('pre', { class: 'message' }, value));
  }
  const numeric = value !== '' && !Number.isNaN(Number(value));
  return h('td', { class: numeric ? 'num mono' : 'mono' }, value);
}

/** The table of an answer; rows beyond MAX_SHOWN are left to the exports. */
export function resultsTable(answer) {
  const shown = answer.rows.slice(0, MAX_SHOWN);
  const numeric = c => shown.some(r => r[c] != null) && shown.every(r => r[c] == null || (r[c] !== '' && !Number.isNaN(Number(r[c]))));
  const table = h('table', { class: 'grid results-table' },
    h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'num row-number' }, '#'),
      answer.columns.map(c => h('th', { scope: 'col', class: numeric(c) ? 'num' : null }, c)))),
    h('tbody', null, shown.map((row, i) => h('tr', null, h('td', { class: 'num muted' }, String(i + 1)),
      answer.columns.map(c => cell(c, row[c]))))));
  table.addEventListener('click', e => {
    const pre = e.target.closest('pre.message');
    if (pre) pre.classList.toggle('expanded');
  });
  return h('div', { class: 'table-wrap' }, table);
}

/**
 * RFC 4180 CSV. A value that a spreadsheet would run as a formula (=, +, -, @ first, and
 * not a number) gets a leading apostrophe; column names are written as they are.
 */
export function toCsv(answer) {
  const quote = s => (/[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s);
  const value = v => {
    if (v == null) return '';
    const s = String(v);
    return quote(/^[=+\-@\t\r]/.test(s) && Number.isNaN(Number(s)) ? "'" + s : s);
  };
  const lines = [answer.columns.map(quote).join(',')];
  for (const row of answer.rows) lines.push(answer.columns.map(c => value(row[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** The rows as JSON objects, fields in column order, missing values left out (as the API does). */
export function toJson(answer) {
  return JSON.stringify(answer.rows.map(row => {
    const o = {};
    for (const c of answer.columns) if (row[c] != null) o[c] = row[c];
    return o;
  }), null, 2) + '\n';
}

export function exportButtons(answer) {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return h('span', { class: 'exports' },
    h('button', { type: 'button', class: 'button', onclick: () => download('fnlens-' + stamp + '.csv', 'text/csv', toCsv(answer)) }, 'Export CSV'),
    h('button', { type: 'button', class: 'button', onclick: () => download('fnlens-' + stamp + '.json', 'application/json', toJson(answer)) }, 'Export JSON'));
}

const PALETTE = ['--chart-1', '--chart-2', '--chart-3', '--chart-cold', '--accent', '--chart-error'];

/**
 * For an answer grouped by a time bin alone (`stats ... by bin(5m)`): a chart of its numeric
 * columns over time, to be drawn once in the page. Null for any other answer.
 */
export function visualization(answer) {
  const [first, ...rest] = answer.columns;
  if (!first || !/^bin\(/i.test(first) || !answer.rows.length) return null;
  const numeric = rest.filter(c => answer.rows.some(r => r[c] != null) && answer.rows.every(r => r[c] == null || !Number.isNaN(Number(r[c]))));
  if (!numeric.length) return null;
  const rows = answer.rows.filter(r => r[first] != null).sort((a, b) => parseTime(a[first]) - parseTime(b[first]));
  const { box, plot } = chartBox('Visualization', numeric.join(' · ') + ' by ' + first);
  box.classList.add('visualization');
  return {
    box,
    draw() {
      const css = name => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
      timeChart(plot, rows.map(r => parseTime(r[first]) / 1000), numeric.map((c, i) => ({
        label: c, color: css(PALETTE[i % PALETTE.length]), values: rows.map(r => (r[c] == null ? null : Number(r[c]))),
      })), { height: 200, format: v => v.toLocaleString('en-US', { maximumFractionDigits: 2 }) });
    },
  };
}
