// Destinations (#/alerts/destinations[/<name>]): where notifications go, a "Send test notification"
// button, and the delivery log (the last 50 attempts: sent, failed, retried). Admin only: webhook
// URLs can be credentials, as Slack's are.
import * as alerts from '../js/alerts-api.js';
import { errorBox, h, loading, replace } from '../js/dom.js';
import { at, problem } from './alerts-common.js';
import { destinationForm } from './alerts-destination-form.js';

const OUTCOMES = { delivered: 'sent', retry: 'retried', failed: 'failed' };

export default {
  async render(body, { name, editable }, ctx) {
    const abort = new AbortController();
    const box = h('div', null, loading('destinations'));
    body.append(box);

    async function refresh() {
      let list;
      try {
        list = await alerts.destinations(abort.signal);
      } catch (e) {
        if (e.name === 'AbortError' || !ctx.isCurrent()) return;
        box.replaceChildren(e.status === 403
          ? h('div', { class: 'empty-state', dataset: { empty: 'forbidden' } }, h('h2', null, 'Destinations need an admin token'),
            h('p', null, 'Webhook addresses can be credentials (as Slack\'s are), so only admins see them and their delivery log. ',
              'Sign in with an admin token (java -jar fnlens.jar token create --scope admin).'))
          : errorBox(problem(e)));
        return;
      }
      if (!ctx.isCurrent()) return;
      const shown = name ? list.filter(d => d.name === name) : list;
      const add = editable && !name ? destinationForm(() => refresh()) : null;
      if (!list.length) {
        replace(box, h('div', { class: 'empty-state', dataset: { empty: 'destinations' } }, h('h2', null, 'No destinations yet'),
          h('p', null, 'A destination is a webhook that gets notifications: Alertmanager\'s JSON, a Slack message or your own template, ',
            'signed with the Standard Webhooks headers when it has a secret. Add one below, or in the collector\'s config file.')), add);
        if (add) add.open = true;
        return;
      }
      replace(box, name ? h('p', null, h('a', { href: '#/alerts/destinations' }, '← All destinations')) : null,
        shown.length ? shown.map(card) : h('p', { class: 'empty' }, 'No destination named ' + name + '.'), add);
    }

    function card(d) {
      const result = h('p', { class: 'test-result', role: 'status', 'aria-live': 'polite' });
      const test = h('button', { type: 'button', class: 'button test-button', disabled: !editable }, 'Send test notification');
      test.addEventListener('click', async () => {
        test.disabled = true;
        result.replaceChildren('Sending…');
        try {
          const r = await alerts.testDestination(d.name);
          result.replaceChildren(h('span', { class: r.delivered ? 'state state-ok' : 'state state-firing' }, r.delivered ? 'delivered' : r.outcome),
            ' ', r.detail || '');
          const again = (await alerts.destinations(abort.signal)).find(x => x.name === d.name);
          if (again && ctx.isCurrent()) log.replaceWith(log = deliveryLog(again));
        } catch (e) {
          result.replaceChildren(h('span', { class: 'bad' }, problem(e)));
        } finally {
          test.disabled = false;
        }
      });
      let log = deliveryLog(d);
      const counts = { sent: 0, failed: 0, retried: 0 };
      for (const a of d.deliveries || []) counts[OUTCOMES[a.outcome] || 'failed']++;
      return h('section', { class: 'card destination', id: 'destination-' + d.name, dataset: { destination: d.name } },
        h('div', { class: 'destination-head' },
          h('h2', { class: 'card-title' }, h('a', { href: '#/alerts/destinations/' + encodeURIComponent(d.name) }, d.name)),
          h('span', { class: 'chip' }, d.type), d.source === 'config' ? h('span', { class: 'chip' }, 'config') : null,
          d.disabled ? h('span', { class: 'state state-firing', title: 'The receiver answered 410 Gone; save the destination again to enable it' }, 'disabled') : null,
          h('span', { class: 'spacer' }), test),
        h('dl', { class: 'destination-facts' },
          h('dt', null, 'URL'), h('dd', { class: 'mono url' }, d.url),
          h('dt', null, 'Signed'), h('dd', null, d.secret_set ? 'yes (Standard Webhooks)' : 'no secret'),
          h('dt', null, 'Waiting'), h('dd', null, String(d.waiting), ' in the outbox'),
          h('dt', null, 'Last 50 attempts'), h('dd', null, counts.sent + ' sent, ' + counts.retried + ' retried, ' + counts.failed + ' failed')),
        result, log);
    }

    await refresh();
    return () => abort.abort();
  },
};

function deliveryLog(d) {
  const entries = d.deliveries || [];
  if (!entries.length) {
    return h('p', { class: 'muted delivery-log', dataset: { empty: 'deliveries' } },
      'No deliveries yet. Send a test notification to check the receiver.');
  }
  return h('div', { class: 'table-wrap delivery-log' }, h('table', { class: 'grid compact' },
    h('caption', { class: 'visually-hidden' }, 'Delivery log of ' + d.name),
    h('thead', null, h('tr', null, ['Time', 'Rule', 'Outcome', 'Status', 'Attempt', 'Detail', 'Webhook id'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', null, entries.map(a => h('tr', { class: a.outcome === 'failed' ? 'is-error' : null, dataset: { outcome: a.outcome, rule: a.rule } },
      h('td', { class: 'nowrap' }, at(a.time)),
      h('td', null, a.rule),
      h('td', null, h('span', { class: 'state state-' + (a.outcome === 'delivered' ? 'ok' : a.outcome === 'retry' ? 'pending' : 'firing') },
        OUTCOMES[a.outcome] || a.outcome)),
      h('td', { class: 'num' }, a.status != null ? String(a.status) : '—'),
      h('td', { class: 'num' }, String(a.attempt)),
      h('td', { class: 'detail' }, a.detail || ''),
      h('td', { class: 'mono' }, a.webhookId))))));
}
