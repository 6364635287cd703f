// Firing alerts (#/alerts/firing): what is wrong now — labels, annotations, since when, severity.
import * as alerts from '../js/alerts-api.js';
import { errorBox, h, loading } from '../js/dom.js';
import { editLink, insightsLink, labelChips, problem, severityPill, when } from './alerts-common.js';

const REFRESH_MS = 3000;

export default {
  async render(body, { editable }, ctx) {
    const abort = new AbortController();
    const box = h('div', null, loading('firing alerts'));
    body.append(box);
    let timer = null;

    async function refresh() {
      try {
        const [firing, rules] = await Promise.all([alerts.firing(abort.signal), alerts.rules(abort.signal)]);
        if (!ctx.isCurrent()) return;
        draw(firing, rules);
      } catch (e) {
        if (e.name !== 'AbortError' && ctx.isCurrent()) box.replaceChildren(errorBox(problem(e)));
      }
      clearTimeout(timer);
      if (ctx.isCurrent()) timer = setTimeout(refresh, REFRESH_MS);
    }

    function draw(firing, rules) {
      if (!firing.length) {
        const pending = rules.filter(r => r.state === 'PENDING').length;
        box.replaceChildren(h('div', { class: 'empty-state', dataset: { empty: 'firing' } },
          h('h2', null, 'Nothing is firing'),
          rules.length
            ? h('p', null, rules.length + (rules.length === 1 ? ' rule is' : ' rules are') + ' being evaluated'
              + (pending ? ', ' + pending + ' pending' : '') + '. See them on the ', h('a', { href: '#/alerts' }, 'Rules'), ' tab.')
            : h('p', null, 'There are no alert rules yet: ', h('a', { href: '#/alerts' },
              editable ? 'enable a template or write a rule' : 'see the Rules tab'), '.')));
        return;
      }
      const rows = firing.slice().sort((a, b) => String(a.startsAt).localeCompare(String(b.startsAt)));
      box.replaceChildren(h('p', { class: 'muted' }, firing.length + (firing.length === 1 ? ' alert' : ' alerts') + ' firing'),
        h('div', { class: 'table-wrap' }, h('table', { class: 'grid firing-table' },
          h('caption', { class: 'visually-hidden' }, 'Firing alerts'),
          h('thead', null, h('tr', null, ['Severity', 'Alert', 'Labels', 'Annotations', 'Since', ''].map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', null, rows.map(row)))));
    }

    function row(a) {
      const labels = a.labels || {};
      const annotations = Object.entries(a.annotations || {});
      const link = insightsLink(a.generatorURL);
      return h('tr', { class: 'is-error', dataset: { alert: labels.alertname || '', fingerprint: a.fingerprint || '' } },
        h('td', null, severityPill(labels.severity)),
        h('td', { class: 'nowrap' }, h('a', { href: editLink(labels.alertname || '') }, labels.alertname || '—')),
        h('td', { class: 'labels' }, labelChips(labels, ['alertname', 'severity']) || h('span', { class: 'muted' }, '—')),
        h('td', { class: 'annotations' }, annotations.length ? h('dl', { class: 'annotation-list' }, annotations.map(([k, v]) =>
          [h('dt', null, k), h('dd', null, v)])) : h('span', { class: 'muted' }, '—')),
        h('td', { class: 'nowrap' }, when(a.startsAt)),
        h('td', null, link ? h('a', { href: link }, 'Query') : null));
    }

    await refresh();
    return () => { abort.abort(); clearTimeout(timer); };
  },
};
