// Numbers, durations, sizes, money and times, as the pages show them.

const LAMBDA_PREFIX = '/aws/lambda/';

export function num(value) {
  if (value == null || Number.isNaN(value)) return '—';
  return Number(value).toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function int(value) {
  if (value == null || Number.isNaN(value)) return '—';
  return Math.round(value).toLocaleString('en-US');
}

export function percent(part, whole) {
  if (!whole) return '—';
  const p = (100 * part) / whole;
  return (p === 0 || p >= 10 ? p.toFixed(0) : p < 0.1 ? '<0.1' : p.toFixed(1)) + '%';
}

/** Milliseconds: 0.35 ms, 12.3 ms, 1,204 ms, 12.5 s. */
export function ms(value) {
  if (value == null || Number.isNaN(value)) return '—';
  if (value >= 10000) return (value / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 }) + ' s';
  if (value >= 100) return Math.round(value).toLocaleString('en-US') + ' ms';
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 }) + ' ms';
}

/** Lambda's MB are 10^6 bytes, as CloudWatch discovers @memorySize and @maxMemoryUsed. */
export function mb(bytes) {
  if (bytes == null || Number.isNaN(bytes)) return '—';
  return Math.round(bytes / 1e6).toLocaleString('en-US') + ' MB';
}

export function usd(value) {
  if (value == null || Number.isNaN(value)) return '—';
  if (value === 0) return '$0.00';
  if (value < 0.01) return '$' + value.toPrecision(2).replace(/0+$/, '');
  return '$' + value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function bytes(value) {
  if (value == null) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = value;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return (i === 0 ? v : v.toFixed(1)) + ' ' + units[i];
}

/** `yyyy-MM-dd HH:mm:ss.SSS` (query answers, UTC) or ISO-8601 -> epoch ms. */
export function parseTime(text) {
  if (text == null || text === '') return NaN;
  if (typeof text === 'number') return text;
  const iso = /^\d{4}-\d\d-\d\d \d/.test(text) ? text.replace(' ', 'T') + 'Z' : text;
  return Date.parse(iso);
}

function pad(n, w) {
  return String(n).padStart(w || 2, '0');
}

/** Local time `2026-01-02 10:00:00.123`. */
export function time(millis, withMillis = true) {
  const d = new Date(millis);
  if (Number.isNaN(d.getTime())) return '—';
  const s = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return withMillis ? s + '.' + pad(d.getMilliseconds(), 3) : s;
}

export function shortTime(millis) {
  const d = new Date(millis);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** The time of day for today's moments, the full local time for older ones. */
export function compactTime(millis, now = Date.now()) {
  return new Date(millis).toDateString() === new Date(now).toDateString() ? shortTime(millis) : time(millis);
}

/** "3 min ago", "2 h ago", "5 d ago". */
export function ago(millis, now = Date.now()) {
  const s = Math.max(0, (now - millis) / 1000);
  if (s < 60) return Math.round(s) + ' s ago';
  if (s < 3600) return Math.round(s / 60) + ' min ago';
  if (s < 86400) return Math.round(s / 3600) + ' h ago';
  return Math.round(s / 86400) + ' d ago';
}

export function functionName(logGroup) {
  const group = stripAccount(logGroup);
  return group.startsWith(LAMBDA_PREFIX) ? group.slice(LAMBDA_PREFIX.length) : group;
}

/** Insights may answer `@log` as `account-id:log-group`. */
export function stripAccount(logGroup) {
  return String(logGroup || '').replace(/^\d+:/, '');
}

/** The route segment of a function page: its name for Lambda log groups, else the whole group. */
export function functionRoute(logGroup) {
  const group = stripAccount(logGroup);
  return '#/function/' + encodeURIComponent(group.startsWith(LAMBDA_PREFIX) ? group.slice(LAMBDA_PREFIX.length) : group);
}

export function logGroupOf(routeName) {
  return routeName.startsWith('/') ? routeName : LAMBDA_PREFIX + routeName;
}
