// Pieces the alerts pages share: the tabs, state badges, label chips. Labels and annotations are
// log content (a group's value comes from the logs): text nodes only, through h().
import { h } from '../js/dom.js';
import { ago, time } from '../js/format.js';
import { ADMIN_NEEDED } from '../js/alerts-api.js';

const TABS = [
  ['', 'Rules'],
  ['firing', 'Firing'],
  ['history', 'History'],
  ['destinations', 'Destinations'],
];

/** The tab bar; `current` is the first segment of the route's argument. */
export function tabs(current) {
  return h('nav', { class: 'tabs', 'aria-label': 'Alerts' }, TABS.map(([key, label]) => h('a', {
    href: '#/alerts' + (key ? '/' + key : ''), class: 'tab' + (key === current ? ' active' : ''),
    'aria-current': key === current ? 'page' : null, dataset: { tab: key || 'rules' },
  }, label)));
}

/** OK, PENDING, FIRING, NO_DATA, ERROR as a coloured badge. */
export function stateBadge(state) {
  const s = String(state || 'OK');
  return h('span', { class: 'state state-' + s.toLowerCase().replace('_', '-'), dataset: { state: s } },
    s === 'NO_DATA' ? 'NO DATA' : s);
}

/** Labels as chips `name=value`; `skip` names labels not worth repeating (alertname, severity). */
export function labelChips(labels, skip = []) {
  const entries = Object.entries(labels || {}).filter(([k]) => !skip.includes(k));
  if (!entries.length) return null;
  return h('span', { class: 'chips label-chips' }, entries.map(([k, v]) =>
    h('span', { class: 'chip', title: k + '=' + v }, h('b', null, k), '=', v)));
}

/** The labels of one alert that come from its group, not from the rule. */
export function groupLabels(rule, labels) {
  const own = new Set(['alertname', 'severity', ...Object.keys(rule.labels || {})]);
  return Object.fromEntries(Object.entries(labels || {}).filter(([k]) => !own.has(k)));
}

export function severityPill(severity) {
  const s = String(severity || 'warning');
  const cls = /^(critical|error|page|high)$/i.test(s) ? ' bad' : /^(warning|warn|medium)$/i.test(s) ? ' warn' : '';
  return h('span', { class: 'pill severity' + cls }, s);
}

/** An ISO time as "3 min ago", the exact local time on hover. */
export function when(iso) {
  if (!iso) return h('span', { class: 'muted' }, 'never');
  const t = Date.parse(iso);
  if (Number.isNaN(t) || t <= 0) return h('span', { class: 'muted' }, '—');
  return h('time', { datetime: iso, title: time(t) }, ago(t));
}

/** A 403 as what to do about it; anything else as its message. */
export function problem(e) {
  return e && e.status === 403 ? ADMIN_NEEDED : String((e && e.message) || e);
}

/** `#/insights?...` from a notification's generatorURL: stays on this UI whatever externalURL says. */
export function insightsLink(generatorUrl) {
  const i = String(generatorUrl || '').indexOf('#/insights?');
  return i < 0 ? null : String(generatorUrl).slice(i);
}

export function editLink(name) {
  return '#/alerts/edit/' + encodeURIComponent(name);
}

export function historyLink(name) {
  return '#/alerts/history' + (name ? '?rule=' + encodeURIComponent(name) : '');
}

/** `errors > 5` -> {column: 'errors', op: '>', value: 5}; null when it does not read as a condition. */
export function parseCondition(text) {
  const m = /^\s*(`[^`]+`|\S+?)\s*(>=|<=|!=|>|<|=)\s*(-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*$/.exec(String(text || ''));
  return m ? { column: m[1].replace(/^`|`$/g, ''), op: m[2], value: Number(m[3]) } : null;
}

/** An ISO time as the local time, "3 min ago" on hover (for lists of events). */
export function at(iso) {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  return h('time', { datetime: iso, title: ago(t) }, time(t));
}
