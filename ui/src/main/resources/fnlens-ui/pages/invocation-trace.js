// The Invocation page's "Trigger and trace" card: what invoked the function (from the REPORT line's
// trigger parts) and the other invocations of the same trace (same @xrayTraceId), with the one that
// caused this invocation and the ones it caused.
import { query } from '../js/api.js';
import { card, h } from '../js/dom.js';
import { functionName, ms, parseTime, time } from '../js/format.js';

const TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const DAY = 86400000;

const SOURCES = {
  'aws:apigateway': 'API Gateway', 'aws:elb': 'Application Load Balancer', 'aws:lambda-url': 'Function URL',
  'aws:sqs': 'SQS queue', 'aws:sns': 'SNS topic', 'aws:s3': 'S3 bucket', 'aws:dynamodb': 'DynamoDB stream',
  'aws:kinesis': 'Kinesis stream', 'aws:events': 'EventBridge', 'aws:scheduler': 'Schedule',
  http: 'HTTP', pubsub: 'Message', datasource: 'Data source', timer: 'Schedule', other: 'Direct invoke',
};

function pair(label, value) {
  return value == null || value === '' ? null : [h('dt', null, label), h('dd', { class: 'mono' }, String(value))];
}

function trigger(report) {
  const source = report['@trigger'];
  if (source == null) {
    return h('p', { class: 'muted' }, 'The trigger is not known: the REPORT line has no "Trigger" part '
      + '(events from CloudWatch, or an agent older than this collector).');
  }
  return h('dl', { class: 'facts', dataset: { trigger: source } },
    pair('Trigger', (SOURCES[source] || source) + (SOURCES[source] ? ' (' + source + ')' : '')),
    pair('Resource', report['@triggerResource']),
    pair('Route', report['@httpRoute']),
    pair('HTTP status', report['@httpStatus']),
    pair('Batch size', report['@batchSize']));
}

/** Others of the trace, each with its start and end, and how it relates to this invocation. */
function relate(rows, requestId) {
  const all = rows.map(r => {
    const end = parseTime(r['@timestamp']);
    const duration = Number(r['@duration']) || 0;
    return { ...r, start: end - duration, end };
  });
  const self = all.find(r => r['@requestId'] === requestId);
  if (!self) return all.map(r => ({ ...r, relation: 'same trace' }));
  const before = all.filter(r => r !== self && r.start <= self.start);
  // the caller: one still running when this one started, else the last one before it
  const enclosing = before.filter(r => r.end >= self.start);
  const cause = (enclosing.length ? enclosing : before).reduce((a, b) => (!a || b.start > a.start ? b : a), null);
  return all.map(r => ({
    ...r,
    relation: r === self ? 'this invocation' : r === cause ? 'caused this'
      : r.start >= self.start && r.start <= self.end ? 'caused by this' : 'same trace',
  }));
}

function traceTable(rows) {
  return h('table', { class: 'grid compact trace' },
    h('thead', null, h('tr', null, ['Relation', 'Function', 'Request id', 'Duration', 'Trigger']
      .map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', null, rows.map(r => h('tr', { class: r.relation === 'this invocation' ? 'is-current' : null, dataset: { relation: r.relation } },
      h('td', { class: 'nowrap' }, r.relation),
      h('td', null, functionName(r['@log'])),
      h('td', { class: 'mono request-cell', title: r['@requestId'] + ', started ' + time(r.start) },
        r.relation === 'this invocation' ? r['@requestId']
          : h('a', { href: '#/invocation/' + encodeURIComponent(r['@requestId']) }, r['@requestId'])),
      h('td', { class: 'num' }, ms(r['@duration'])),
      h('td', null, r['@trigger'] || '—')))));
}

function insightsLink(traceId, at) {
  return '#/insights?' + new URLSearchParams({
    q: `filter @xrayTraceId = "${traceId}"\n| fields @timestamp, @log, @requestId, @duration, @trigger\n| sort @timestamp asc`,
    from: new Date(at - DAY).toISOString(), to: new Date(at + DAY).toISOString(),
  });
}

async function trace(report, requestId, signal) {
  const traceId = report['@xrayTraceId'];
  if (!TRACE_ID.test(traceId || '')) {
    return h('p', { class: 'muted' }, 'No trace id: this invocation was not traced.');
  }
  const at = parseTime(report['@timestamp']);
  const answer = await query(`filter @type = "REPORT" and @xrayTraceId = "${traceId}"`
    + ' | fields @timestamp, @log, @requestId, @duration, @trigger | sort @timestamp asc | limit 1000',
  { from: at - DAY, to: at + DAY }, { signal });
  const rows = relate(answer.rows, requestId);
  const others = rows.filter(r => r.relation !== 'this invocation').length;
  const related = rows.filter(r => r.relation !== 'same trace');
  return h('div', null,
    h('p', null, 'Trace ', h('a', { class: 'mono', href: insightsLink(traceId, at), title: 'All of the trace in Logs Insights' }, traceId), ': ',
      others ? others + ' other invocation' + (others > 1 ? 's' : '') : 'no other invocation',
      related.length < rows.length ? ' (' + (rows.length - related.length) + ' not directly related)' : '', '.'),
    related.length > 1 ? h('div', { class: 'table-wrap' }, traceTable(related)) : null);
}

/** The card; the trace part fills in when its query answers. */
export function triggerAndTraceCard(report, requestId, signal) {
  if (!report) return card('Trigger and trace', h('p', { class: 'muted' }, 'No REPORT line yet.'));
  const traceBox = h('div', { class: 'trace-box' }, h('p', { class: 'muted' }, 'Looking for the trace…'));
  trace(report, requestId, signal)
    .then(content => traceBox.replaceChildren(content))
    .catch(e => { if (e.name !== 'AbortError') traceBox.replaceChildren(h('p', { class: 'bad' }, 'Trace: ' + e.message)); });
  return card('Trigger and trace', trigger(report), traceBox);
}
