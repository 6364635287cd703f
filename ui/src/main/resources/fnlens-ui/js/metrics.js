// The Logs Insights queries behind the Functions and Function pages. The collector
// aggregates; these functions only join the few rows per function that come back.
import { query } from './api.js';
import { stripAccount } from './format.js';
import { cost } from './pricing.js';

export const SUMMARY_QUERY = `filter @type = "REPORT"
| stats count() as invocations, count(@initDuration) as coldStarts, avg(@initDuration) as avgInit,
    pct(@duration, 50) as p50, pct(@duration, 95) as p95, pct(@duration, 99) as p99,
    max(@maxMemoryUsed) as maxMemoryUsed, max(@memorySize) as memorySize,
    sum(@billedDuration * @memorySize) as billedByteMs
  by @log`;
/**
 * A failed invocation writes one JSON line with errorType. The `like` lets the collector find
 * those lines in its index instead of reading every message; ispresent() keeps the meaning exact.
 */
export const ERROR_LINE = `@message like '"errorType"' and ispresent(errorType)`;
/** A timed out invocation writes `<ts> <id> Task timed out after 3.00 seconds` (and no error line). */
export const TIMEOUT_LINE = '@message like "Task timed out after"';
/**
 * The counts read only REPORT events: a failed invocation's REPORT says `Status: error` or `Status: timeout`
 * (the agent's, Lambda's JSON platform.report, and the timeouts of newer text REPORT lines), which the
 * collector counts from its index without reading a message. Text-format CloudWatch logs whose REPORT lines do
 * not say Status show their errors on the Function page (error groups), not in these counts.
 */
export const ERRORS_QUERY = 'filter @type = "REPORT" and @status = "error" | stats count() as errors by @log';
export const TIMEOUTS_QUERY = 'filter @type = "REPORT" and @status = "timeout" | stats count() as timeouts by @log';

const num = v => (v == null || v === '' ? null : Number(v));

/**
 * Per log group over the range: {logGroup, invocations, errors (exceptions + timeouts, as
 * Lambda's Errors metric counts them), timeouts, coldStarts, avgInit, p50, p95, p99,
 * maxMemoryUsed, memorySize (bytes), cost {requests, compute, gbSeconds, total}}.
 */
export async function summaries(range, { logGroups, signal } = {}) {
  const opts = { logGroups, signal };
  const [summary, errors, timeouts] = await Promise.all([
    query(SUMMARY_QUERY, range, opts), query(ERRORS_QUERY, range, opts), query(TIMEOUTS_QUERY, range, opts)]);
  const byGroup = new Map();
  const entry = group => {
    const key = stripAccount(group);
    if (!byGroup.has(key)) {
      byGroup.set(key, {
        logGroup: key, invocations: 0, errors: 0, exceptions: 0, timeouts: 0, coldStarts: 0, avgInit: null,
        p50: null, p95: null, p99: null, maxMemoryUsed: null, memorySize: null, cost: cost(0, 0),
      });
    }
    return byGroup.get(key);
  };
  for (const row of summary.rows) {
    if (row['@log'] == null) continue;
    const e = entry(row['@log']);
    e.invocations = num(row.invocations) || 0;
    e.coldStarts = num(row.coldStarts) || 0;
    for (const k of ['avgInit', 'p50', 'p95', 'p99', 'maxMemoryUsed', 'memorySize']) e[k] = num(row[k]);
    e.cost = cost(e.invocations, (num(row.billedByteMs) || 0) / 1e6);
  }
  for (const row of errors.rows) if (row['@log'] != null) entry(row['@log']).exceptions = num(row.errors) || 0;
  for (const row of timeouts.rows) if (row['@log'] != null) entry(row['@log']).timeouts = num(row.timeouts) || 0;
  for (const e of byGroup.values()) e.errors = e.exceptions + e.timeouts;
  return byGroup;
}

/** Sums of a set of summaries (the tiles above the functions table). */
export function total(entries) {
  const t = { invocations: 0, errors: 0, coldStarts: 0, cost: 0 };
  for (const e of entries) {
    t.invocations += e.invocations;
    t.errors += e.errors;
    t.coldStarts += e.coldStarts;
    t.cost += e.cost.total;
  }
  return t;
}
