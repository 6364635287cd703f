// The Function page's tables: error groups and recent invocations.
import { query } from '../js/api.js';
import { card, h } from '../js/dom.js';
import { ERROR_LINE, TIMEOUT_LINE } from '../js/metrics.js';
import { ago, compactTime, int, mb, ms, parseTime, time } from '../js/format.js';

const GROUPS_QUERY = `filter ${ERROR_LINE}
| stats count() as n, min(@timestamp) as firstSeen, max(@timestamp) as lastSeen,
    latest(errorMessage) as sampleMessage, latest(@requestId) as sampleRequestId
  by errorType, stackTrace.0
| sort n desc
| limit 50`;
const TIMEOUT_GROUP_QUERY = `filter ${TIMEOUT_LINE}
| stats count() as n, min(@timestamp) as firstSeen, max(@timestamp) as lastSeen,
    latest(@message) as sampleMessage, latest(@requestId) as sampleRequestId`;
const RECENT_QUERY = `filter @type = "REPORT"
| fields @timestamp, @requestId, @duration, @billedDuration, @maxMemoryUsed, @memorySize, @initDuration
| sort @timestamp desc
| limit 50`;
const FAILED_QUERY = `filter (${ERROR_LINE}) or ${TIMEOUT_LINE}
| fields @requestId, errorType, @message
| sort @timestamp desc
| limit 1000`;

export function invocationLink(requestId, text) {
  return h('a', { href: '#/invocation/' + encodeURIComponent(requestId), class: 'mono' }, text || requestId);
}

/** Exceptions grouped by type and top stack frame, most frequent first; timeouts as one group. */
export async function errorGroups(range, opts) {
  const [groups, timeouts] = await Promise.all([query(GROUPS_QUERY, range, opts), query(TIMEOUT_GROUP_QUERY, range, opts)]);
  const rows = groups.rows.map(r => ({
    type: r.errorType, frame: r['stackTrace.0'], n: Number(r.n), first: parseTime(r.firstSeen), last: parseTime(r.lastSeen),
    sample: r.sampleMessage, requestId: r.sampleRequestId,
  }));
  const t = timeouts.rows[0];
  if (t && Number(t.n) > 0) {
    rows.push({ type: 'Task timed out', frame: null, n: Number(t.n), first: parseTime(t.firstSeen), last: parseTime(t.lastSeen),
      sample: t.sampleMessage, requestId: t.sampleRequestId, timeout: true });
    rows.sort((a, b) => b.n - a.n);
  }
  if (!rows.length) {
    return card('Error groups', h('p', { class: 'empty' }, 'No errors in this time range.'));
  }
  return card('Error groups', h('ul', { class: 'error-groups' }, rows.map(r => h('li', { class: 'error-group' },
    h('div', { class: 'eg-head' },
      h('span', { class: 'eg-type' }, r.type || 'Error'),
      h('span', { class: 'eg-count', title: 'occurrences' }, int(r.n) + '×')),
    r.frame ? h('div', { class: 'eg-frame mono' }, 'at ', r.frame) : null,
    h('div', { class: 'eg-sample' }, r.sample || ''),
    h('div', { class: 'eg-meta' },
      h('span', { title: time(r.first) }, 'first ', ago(r.first)), ' · ',
      h('span', { title: time(r.last) }, 'last ', ago(r.last)),
      r.requestId ? [' · ', invocationLink(r.requestId, 'sample invocation')] : null)))));
}

/** The latest invocations with their outcome; a row opens the invocation. */
export async function recentInvocations(range, opts) {
  const [recent, failed] = await Promise.all([query(RECENT_QUERY, range, opts), query(FAILED_QUERY, range, opts)]);
  const outcome = new Map();
  for (const r of failed.rows) {
    if (!r['@requestId'] || outcome.has(r['@requestId'])) continue;
    outcome.set(r['@requestId'], r.errorType ? { label: 'error', title: r.errorType } : { label: 'timeout', title: 'Task timed out' });
  }
  if (!recent.rows.length) return card('Recent invocations', h('p', { class: 'empty' }, 'No invocations in this time range.'));
  const rows = recent.rows.map(r => {
    const o = outcome.get(r['@requestId']) || { label: 'ok', title: 'succeeded' };
    const cold = r['@initDuration'] != null;
    return h('tr', { class: 'clickable', dataset: { requestId: r['@requestId'] } },
      h('td', { class: 'mono nowrap', title: time(parseTime(r['@timestamp'])) }, compactTime(parseTime(r['@timestamp']))),
      h('td', { class: 'request-cell', title: r['@requestId'] }, invocationLink(r['@requestId'])),
      h('td', null, h('span', { class: 'status status-' + o.label, title: o.title }, o.label),
        cold ? h('span', { class: 'status status-cold', title: 'Init ' + ms(Number(r['@initDuration'])) }, 'cold') : null),
      h('td', { class: 'num' }, ms(Number(r['@duration']))),
      h('td', { class: 'num' }, mb(Number(r['@maxMemoryUsed'])).replace(' MB', ''), ' / ', mb(Number(r['@memorySize']))));
  });
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'grid compact' },
    h('thead', null, h('tr', null, ['Time', 'Request id', 'Outcome', 'Duration', 'Memory'].map((t, i) =>
      h('th', { scope: 'col', class: i >= 3 ? 'num' : null }, t)))),
    h('tbody', null, rows)));
  table.addEventListener('click', e => {
    const tr = e.target.closest('tr[data-request-id]');
    if (tr && !e.target.closest('a')) location.hash = '#/invocation/' + encodeURIComponent(tr.dataset.requestId);
  });
  return card('Recent invocations', table);
}
