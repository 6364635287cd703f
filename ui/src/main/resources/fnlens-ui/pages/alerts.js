// Alerts: the place in the navigation for the alert rules pages (built with the alerts work).
import { h } from '../js/dom.js';

export default {
  title: () => 'Alerts',
  render(view) {
    view.append(h('div', { class: 'page-head' }, h('h1', null, 'Alerts')),
      h('div', { class: 'empty-state', dataset: { placeholder: 'alerts' } },
        h('h2', null, 'Alert rules are coming'),
        h('p', null, 'A rule will be a Logs Insights query, a condition and a window, evaluated on a schedule '
          + '(OK → pending → firing → resolved), notifying webhooks (Alertmanager or Slack format, signed).'),
        h('p', null, 'Until then, try the query you would alert on in ', h('a', { href: '#/insights' }, 'Logs Insights'), '.')));
  },
};
