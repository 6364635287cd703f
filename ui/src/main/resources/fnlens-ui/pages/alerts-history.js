// Alert history (#/alerts/history?rule=): every transition, newest first, filtered by rule.
import * as alerts from '../js/alerts-api.js';
import { errorBox, h, loading } from '../js/dom.js';
import { num } from '../js/format.js';
import { at, editLink, labelChips, problem, stateBadge } from './alerts-common.js';

const LIMIT = 200;

export default {
  async render(body, { route }, ctx) {
    const abort = new AbortController();
    const chosen = route.params.get('rule') || '';
    const select = h('select', { id: 'history-rule' }, h('option', { value: '' }, 'All rules'));
    const box = h('div', null, loading('the history'));
    body.append(h('div', { class: 'toolbar history-bar' }, h('label', { for: 'history-rule' }, 'Rule'), select), box);
    select.addEventListener('change', () => {
      const p = new URLSearchParams();
      if (select.value) p.set('rule', select.value);
      ctx.navigate('#/alerts/history' + (select.value ? '?' + p : ''));
    });
    try {
      const [entries, rules] = await Promise.all([alerts.history(chosen, LIMIT, abort.signal), alerts.rules(abort.signal)]);
      if (!ctx.isCurrent()) return null;
      const names = [...new Set(rules.map(r => r.name).concat(chosen ? [chosen] : []))].sort();
      select.append(...names.map(n => h('option', { value: n, selected: n === chosen }, n)));
      if (!entries.length) {
        box.replaceChildren(h('div', { class: 'empty-state', dataset: { empty: 'history' } }, h('h2', null, 'No transitions yet'),
          h('p', null, 'Each time an alert goes pending, fires or resolves — or a rule finds no data or fails — it is listed here. ',
            rules.length ? 'Nothing has changed state so far.' : h('a', { href: '#/alerts' }, 'Add a rule first.'))));
        return null;
      }
      box.replaceChildren(h('p', { class: 'muted' }, entries.length === LIMIT ? 'The newest ' + LIMIT + ' transitions' : entries.length + ' transitions'),
        h('div', { class: 'table-wrap' }, h('table', { class: 'grid history-table' },
          h('caption', { class: 'visually-hidden' }, 'Alert history'),
          h('thead', null, h('tr', null, ['Time', 'Rule', 'Group', 'Transition', 'Value', 'Reason'].map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', null, entries.map(t => h('tr', { dataset: { rule: t.rule, to: t.to } },
            h('td', { class: 'nowrap' }, at(t.time)),
            h('td', null, h('a', { href: editLink(t.rule) }, t.rule)),
            h('td', null, labelChips(t.group) || h('span', { class: 'muted' }, 'the rule')),
            h('td', { class: 'nowrap transition' }, stateBadge(t.from), ' → ', stateBadge(t.to)),
            h('td', { class: 'num' }, t.value != null ? num(t.value) : '—'),
            h('td', null, t.reason || '')))))));
    } catch (e) {
      if (e.name !== 'AbortError' && ctx.isCurrent()) box.replaceChildren(errorBox(problem(e)));
    }
    return () => abort.abort();
  },
};
