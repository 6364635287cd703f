// Alert rules: each rule's state (per group when grouped), its last evaluation, a sparkline of its
// recent values against the threshold; the built-in templates, enabled in one click.
import * as alerts from '../js/alerts-api.js';
import { COLORS, destroyAll, sparkline } from '../js/charts.js';
import { errorBox, h, loading } from '../js/dom.js';
import { num } from '../js/format.js';
import { editLink, groupLabels, historyLink, labelChips, parseCondition, problem, severityPill, stateBadge, when } from './alerts-common.js';

const REFRESH_MS = 3000;

export default {
  async render(body, { editable }, ctx) {
    const abort = new AbortController();
    const list = h('div', { class: 'rules-list' }, loading('alert rules'));
    const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    const templatesBox = h('div');
    body.append(list, status, templatesBox);
    let destinations = [];
    let timer = null;

    async function refresh(first) {
      try {
        const rules = await alerts.rules(abort.signal);
        if (!ctx.isCurrent()) return;
        draw(rules);
        if (first) await drawTemplates(rules.length === 0);
      } catch (e) {
        if (e.name !== 'AbortError' && ctx.isCurrent()) list.replaceChildren(errorBox(problem(e)));
      }
      clearTimeout(timer);
      if (ctx.isCurrent()) timer = setTimeout(() => refresh(false), REFRESH_MS);
    }

    function draw(rules) {
      // redrawn every few seconds: keep the keyboard focus where it was
      const focused = document.activeElement && list.contains(document.activeElement) ? document.activeElement.dataset.key : null;
      destroyAll();
      if (!rules.length) {
        list.replaceChildren(h('div', { class: 'empty-state', dataset: { empty: 'rules' } },
          h('h2', null, 'No alert rules yet'),
          h('p', null, 'A rule is a Logs Insights query, a condition on one of its numbers and a window, evaluated on a schedule. ',
            'Enable a built-in template below in one click (error rate, p99 duration, timeouts, cold starts, memory, silence, a log pattern), ',
            editable ? ['or ', h('a', { href: '#/alerts/new', dataset: { key: 'new' } }, 'write your own rule'), '.'] : 'or ask an admin to add rules.'),
          h('p', { class: 'muted' }, 'Rules can also come from the collector\'s config file (section alerts, see docs/alerts.md).')));
        return;
      }
      const head = h('div', { class: 'rules-head' },
        h('span', { class: 'muted' }, rules.length + (rules.length === 1 ? ' rule' : ' rules') + ', '
          + rules.filter(r => r.state === 'FIRING').length + ' firing'),
        editable ? h('a', { class: 'button primary-link', href: '#/alerts/new', dataset: { key: 'new' } }, 'New rule') : null);
      const table = h('table', { class: 'grid rules-table' },
        h('caption', { class: 'visually-hidden' }, 'Alert rules'),
        h('thead', null, h('tr', null, ['State', 'Rule', 'Alerts', 'Recent values', 'Condition', 'Last evaluation', '']
          .map((t, i) => h('th', { scope: 'col', class: i === 3 ? 'num' : null }, t)))),
        h('tbody', null, rules.map(r => row(r))));
      list.replaceChildren(head, h('div', { class: 'table-wrap' }, table));
      for (const el of list.querySelectorAll('.spark[data-rule]')) {
        const r = rules.find(x => x.name === el.dataset.rule);
        const values = (r.values || []).filter(v => v[1] != null);
        if (values.length < 2) continue;
        const cond = parseCondition(r.condition);
        sparkline(el, values.map(v => v[0] / 1000), values.map(v => v[1]),
          r.state === 'FIRING' ? COLORS.error : COLORS.accent, { threshold: cond && cond.value });
      }
      if (focused) {
        const again = list.querySelector('[data-key="' + CSS.escape(focused) + '"]');
        if (again) again.focus();
      }
    }

    function row(r) {
      const groups = (r.alerts || []).map(a => h('li', { class: 'alert-group', dataset: { state: a.state } },
        stateBadge(a.state), ' ', labelChips(groupLabels(r, a.labels)) || h('span', { class: 'muted' }, 'the rule'),
        a.value != null ? h('span', { class: 'group-value' }, ' ', num(a.value)) : null));
      const actions = [
        h('a', { href: editLink(r.name), dataset: { key: 'edit:' + r.name } }, editable && r.source !== 'config' ? 'Edit' : 'View'),
        h('a', { href: historyLink(r.name), dataset: { key: 'history:' + r.name } }, 'History'),
      ];
      if (editable && r.source !== 'config') actions.push(deleteButton(r.name));
      return h('tr', { dataset: { rule: r.name, state: r.state } },
        h('td', null, stateBadge(r.state)),
        h('td', { class: 'rule-cell' },
          h('a', { class: 'rule-name', href: editLink(r.name), dataset: { key: 'name:' + r.name } }, r.name),
          h('div', { class: 'rule-meta' }, severityPill(r.severity),
            r.source === 'config' ? h('span', { class: 'chip', title: 'From the config file: change it there' }, 'config') : null,
            (r.destinations || []).length ? h('span', { class: 'muted' }, ' → ' + r.destinations.join(', ')) : h('span', { class: 'muted' }, ' no destination')),
          r.lastError ? h('div', { class: 'rule-error bad' }, r.lastError) : null),
        h('td', null, groups.length ? h('ul', { class: 'alert-groups' }, groups) : h('span', { class: 'muted' }, 'none')),
        h('td', { class: 'num' }, h('div', { class: 'with-spark' },
          h('span', { class: 'value' }, r.lastValue != null ? num(r.lastValue) : '—'),
          h('div', { class: 'spark', dataset: { rule: r.name }, role: 'img',
            'aria-label': 'Last ' + (r.values || []).length + ' evaluated values' }))),
        h('td', null, h('code', null, r.condition), h('div', { class: 'muted' }, 'over ' + r.window)),
        h('td', { class: 'nowrap' }, when(r.lastEvaluation), h('div', { class: 'muted' }, 'every ' + r.every)),
        h('td', { class: 'actions' }, actions));
    }

    function deleteButton(name) {
      // asks again in place rather than in a dialog: stays keyboard- and test-friendly
      let armed = null;
      const b = h('button', { type: 'button', class: 'link-button danger', dataset: { key: 'delete:' + name } }, 'Delete');
      b.addEventListener('click', async () => {
        if (!armed) {
          b.textContent = 'Delete ' + name + '?';
          armed = setTimeout(() => { armed = null; b.textContent = 'Delete'; }, 4000);
          return;
        }
        clearTimeout(armed);
        try {
          await alerts.deleteRule(name);
          status.textContent = 'Deleted ' + name + '.';
          clearTimeout(timer);
          refresh(false);
        } catch (e) {
          status.textContent = problem(e);
        }
      });
      return b;
    }

    async function drawTemplates(noRules) {
      let list;
      try {
        [list, destinations] = await Promise.all([alerts.templates(abort.signal),
          editable ? alerts.destinations(abort.signal).catch(() => []) : Promise.resolve([])]);
      } catch (e) {
        templatesBox.replaceChildren(errorBox(problem(e)));
        return;
      }
      if (!ctx.isCurrent()) return;
      const sendTo = h('select', { id: 'template-destination' }, h('option', { value: '' }, 'no destination yet'),
        destinations.map(d => h('option', { value: d.name }, d.name)));
      const card = h('details', { class: 'card templates', open: noRules, id: 'templates' },
        h('summary', { class: 'card-title' }, 'Built-in templates'),
        h('p', { class: 'muted' }, 'Each makes an ordinary rule, one alert per function (or for one log group): edit it afterwards.'),
        editable ? h('label', { class: 'inline-field' }, 'Notify ', sendTo) : h('p', { class: 'muted' }, 'Enabling a template needs an admin token.'),
        h('div', { class: 'template-grid' }, list.map(t => templateCard(t, sendTo))));
      templatesBox.replaceChildren(card);
    }

    function templateCard(t, sendTo) {
      const inputs = t.params.map(p => h('label', { class: 'param' }, h('span', null, p.name),
        h('input', { name: p.name, placeholder: p.default || 'all', title: p.description, 'aria-label': t.title + ': ' + p.name + ' (' + p.description + ')' })));
      const button = editable ? h('button', { type: 'submit', class: 'primary' }, 'Enable') : null;
      const result = h('p', { class: 'template-result', role: 'status' });
      const form = h('form', { class: 'template', dataset: { template: t.id } },
        h('h3', null, t.title), h('p', { class: 'muted' }, t.description),
        h('div', { class: 'params' }, inputs), button, result);
      form.addEventListener('submit', async e => {
        e.preventDefault();
        const params = {};
        for (const input of inputs.map(l => l.querySelector('input'))) if (input.value.trim()) params[input.name] = input.value.trim();
        const request = { params };
        if (sendTo.value) request.destinations = [sendTo.value];
        button.disabled = true;
        try {
          const rule = await alerts.enableTemplate(t.id, request);
          result.replaceChildren('Enabled as ', h('a', { href: editLink(rule.name) }, rule.name), '.');
          clearTimeout(timer);
          refresh(false);
        } catch (err) {
          result.replaceChildren(h('span', { class: 'bad' }, problem(err)));
        } finally {
          button.disabled = false;
        }
      });
      return form;
    }

    await refresh(true);
    return () => { abort.abort(); clearTimeout(timer); };
  },
};
