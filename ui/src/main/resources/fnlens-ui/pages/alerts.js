// Alerts: rules (#/alerts), the rule editor (#/alerts/new, #/alerts/edit/<rule>), firing alerts
// (#/alerts/firing), history (#/alerts/history?rule=) and destinations with their delivery log
// (#/alerts/destinations[/<name>]). One module per view; this one picks it.
import { h } from '../js/dom.js';
import { canEdit } from '../js/alerts-api.js';
import { tabs } from './alerts-common.js';

const VIEWS = {
  '': () => import('./alerts-rules.js'),
  new: () => import('./alerts-editor.js'),
  edit: () => import('./alerts-editor.js'),
  firing: () => import('./alerts-firing.js'),
  history: () => import('./alerts-history.js'),
  destinations: () => import('./alerts-destinations.js'),
};
const TITLES = { '': 'Alerts', new: 'New alert rule', edit: 'Alert rule', firing: 'Firing alerts',
  history: 'Alert history', destinations: 'Alert destinations' };

/** #/alerts/edit/orders-errors -> {view: 'edit', name: 'orders-errors'}. */
function split(arg) {
  const slash = arg.indexOf('/');
  return slash < 0 ? { view: arg, name: '' } : { view: arg.slice(0, slash), name: arg.slice(slash + 1) };
}

export default {
  title: route => {
    const { view, name } = split(route.arg);
    return (TITLES[view] || 'Alerts') + (name ? ' · ' + name : '');
  },
  async render(view, route, ctx) {
    const { view: which, name } = split(route.arg);
    const load = VIEWS[which];
    const tab = which === 'new' || which === 'edit' ? '' : which;
    const body = h('div', { class: 'alerts-view' });
    view.append(h('div', { class: 'page-head' }, h('h1', null, 'Alerts'), tabs(load ? tab : null)), body);
    if (!load) {
      body.append(h('div', { class: 'empty-state' }, h('h2', null, 'No such alerts page'),
        h('p', null, h('a', { href: '#/alerts' }, 'Go to the alert rules'))));
      return null;
    }
    const [module, editable] = await Promise.all([load(), canEdit()]);
    if (!ctx.isCurrent()) return null;
    return module.default.render(body, { route, name, view: which, editable }, ctx);
  },
};
