// The collector's HTTP API. Aggregations always run in the collector (POST /api/query);
// the browser only lays out what comes back.

import { requireSignIn } from './signin.js';

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || 'HTTP ' + status);
    this.status = status;
    this.reason = body && body.error;
    this.line = body && body.line;
    this.column = body && body.column;
    this.field = body && body.field; // the rule or destination key at fault (alerts API)
  }
}

/** A 429 (this browser already runs as many queries as the collector allows) is retried this often. */
const RETRIES_AFTER_429 = 3;

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); reject(new DOMException('aborted', 'AbortError')); });
  });
}

async function send(url, init) {
  let response;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await fetch(url, init);
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, { error: 'network', message: 'The collector does not answer (' + e.message + ')' });
    }
    if (response.status !== 429 || attempt >= RETRIES_AFTER_429) break;
    // a page sends several queries at once: wait as told (1-5 s) and ask again
    const seconds = Math.min(5, Math.max(1, Number(response.headers.get('Retry-After')) || 1));
    await sleep(seconds * 1000 * (1 + Math.random() * 0.2), init && init.signal);
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    // not JSON: the status says what happened
  }
  if (response.status === 401) requireSignIn();
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/**
 * Sent with every request: with a session cookie the collector accepts a POST only when it
 * carries this header, which another site's form or script cannot send.
 */
const CSRF = { 'X-Fnlens-Request': '1' };

export function getJson(url, signal) {
  return send(url, { headers: { Accept: 'application/json', ...CSRF }, signal });
}

export function postJson(url, body, signal) {
  return sendJson('POST', url, body, signal);
}

/** A change (POST, PUT, DELETE); `body` undefined sends none. */
export function sendJson(method, url, body, signal) {
  const headers = { Accept: 'application/json', ...CSRF };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return send(url, { method, signal, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/**
 * Runs a Logs Insights query over [from, to] (epoch ms) and returns
 * {status, columns, rows (objects field -> string value), results (as sent), statistics}.
 */
export async function query(text, range, { logGroups, limit, signal } = {}) {
  const body = {
    query: text,
    startTime: Math.floor(range.from / 1000),
    endTime: Math.ceil(range.to / 1000),
  };
  if (logGroups && logGroups.length) body.logGroupNames = logGroups;
  if (limit) body.limit = limit;
  const answer = await postJson('/api/query', body, signal);
  const results = answer.results || [];
  const rows = results.map(row => {
    const o = {};
    for (const { field, value } of row) o[field] = value;
    return o;
  });
  return {
    status: answer.status,
    columns: answer.columns || columnsOf(results),
    rows,
    results,
    statistics: answer.statistics || {},
  };
}

function columnsOf(results) {
  const seen = new Set();
  for (const row of results) for (const { field } of row) seen.add(field);
  return [...seen];
}

/** Every log group the collector has stored: [{logGroup, function, events, invocations}]. */
export async function functions(signal) {
  return (await getJson('/api/functions', signal)).functions;
}

/** All events of one invocation, oldest first. Falls back to /api/search until /api/invocations answers. */
export async function invocation(requestId, signal) {
  try {
    const answer = await getJson('/api/invocations/' + encodeURIComponent(requestId), signal);
    return Array.isArray(answer) ? answer : answer.events;
  } catch (e) {
    // a 404 in fnlens's error shape is the endpoint saying "no such invocation";
    // any other 404 means this collector does not have the endpoint yet
    if (e.status !== 404) throw e;
    if (e.reason) return [];
  }
  const end = Math.floor(Date.now() / 1000) + 7200;
  const params = new URLSearchParams({
    q: '@requestId:"' + requestId.replace(/["\\]/g, '\\$&') + '"',
    start: String(end - 15 * 86400), end: String(end), limit: '10000',
  });
  const answer = await getJson('/api/search?' + params, signal);
  return answer.events.slice().reverse();
}
