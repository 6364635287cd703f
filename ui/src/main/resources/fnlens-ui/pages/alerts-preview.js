// The rule editor's live preview: runs the rule once (POST /api/alerts/preview, nothing saved) and
// shows each group's value against the threshold, as bars and as rows.
import { h } from '../js/dom.js';
import { num } from '../js/format.js';
import { parseCondition } from './alerts-common.js';

const MAX_BARS = 20;

/** Renders a preview answer {status, condition, columns, groups: [{group, value, breaching, row}]}. */
export function renderPreview(answer) {
  const groups = answer.groups || [];
  const breaching = groups.filter(g => g.breaching).length;
  const cond = parseCondition(answer.condition);
  const summary = h('p', { class: 'preview-summary', dataset: { breaching: String(breaching) } },
    groups.length === 0 ? 'No rows: the query found nothing in the window (the rule\'s no_data setting decides what that means).'
      : [groups.length + (groups.length === 1 ? ' row, ' : ' rows, '),
        h('strong', { class: breaching ? 'bad' : null }, breaching + ' breaching'), ' ', h('code', null, answer.condition),
        ' — the rule would be ', h('strong', null, breaching ? 'FIRING (or PENDING for its "for")' : 'OK'), '.']);
  if (!groups.length) return h('div', { class: 'preview-result' }, summary);
  return h('div', { class: 'preview-result' }, summary, bars(groups, cond), table(answer, groups));
}

/** One bar per group (the most breaching first), with the threshold marked across them. */
function bars(groups, cond) {
  const shown = groups.filter(g => g.value != null).slice()
    .sort((a, b) => (b.breaching - a.breaching) || (b.value - a.value)).slice(0, MAX_BARS);
  if (!shown.length) return null;
  const values = shown.map(g => g.value).concat(cond ? [cond.value] : []);
  const top = Math.max(...values, 0);
  const bottom = Math.min(...values, 0);
  const span = top - bottom || 1;
  const at = v => ((v - bottom) / span) * 100;
  const limit = cond ? h('div', { class: 'pv-threshold', style: 'left:' + at(cond.value).toFixed(2) + '%',
    title: 'threshold ' + cond.op + ' ' + num(cond.value) }) : null;
  return h('figure', { class: 'preview-chart', role: 'img',
    'aria-label': 'Each group\'s value against the threshold' + (cond ? ' ' + num(cond.value) : '') },
  h('figcaption', { class: 'muted' }, 'Value per group', cond ? [' · threshold ', cond.op, ' ', num(cond.value), ' (dashed)'] : null),
  shown.map(g => h('div', { class: 'pv-row' + (g.breaching ? ' breaching' : '') },
    h('span', { class: 'pv-label', title: groupText(g.group) }, groupText(g.group) || 'all'),
    h('div', { class: 'pv-track' },
      h('div', { class: 'pv-bar', style: 'left:' + at(Math.min(0, g.value)).toFixed(2) + '%;width:'
        + Math.max(0.5, Math.abs(at(g.value) - at(0))).toFixed(2) + '%' }),
      limit ? limit.cloneNode(true) : null),
    h('span', { class: 'pv-value' }, num(g.value)))));
}

function table(answer, groups) {
  const columns = answer.columns || [];
  return h('div', { class: 'table-wrap' }, h('table', { class: 'grid compact preview-table' },
    h('caption', { class: 'visually-hidden' }, 'Preview rows'),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Breaching')),
      columns.map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', null, groups.map(g => h('tr', { class: g.breaching ? 'is-error' : null, dataset: { breaching: String(g.breaching) } },
      h('td', null, g.breaching ? h('span', { class: 'state state-firing' }, 'breaching') : h('span', { class: 'state state-ok' }, 'ok')),
      columns.map(c => h('td', null, g.row && g.row[c] != null ? String(g.row[c]) : '')))))));
}

function groupText(group) {
  return Object.values(group || {}).join(', ');
}
