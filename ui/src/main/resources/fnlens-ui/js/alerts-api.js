// The collector's /api/alerts, as the alerts pages use it. Rule and destination names are
// [A-Za-z0-9._-], but they are encoded anyway.
import { getJson, sendJson } from './api.js';

const enc = encodeURIComponent;

export const rules = async signal => (await getJson('/api/alerts/rules', signal)).rules;
export const rule = (name, signal) => getJson('/api/alerts/rules/' + enc(name), signal);
export const createRule = body => sendJson('POST', '/api/alerts/rules', body);
export const updateRule = (name, body) => sendJson('PUT', '/api/alerts/rules/' + enc(name), body);
export const deleteRule = name => sendJson('DELETE', '/api/alerts/rules/' + enc(name));
export const preview = (body, signal) => sendJson('POST', '/api/alerts/preview', body, signal);

export const destinations = async signal => (await getJson('/api/alerts/destinations', signal)).destinations;
export const createDestination = body => sendJson('POST', '/api/alerts/destinations', body);
export const testDestination = name => sendJson('POST', '/api/alerts/destinations/' + enc(name) + '/test', {});

export const firing = async signal => (await getJson('/api/alerts/firing', signal)).alerts;
export const templates = async signal => (await getJson('/api/alerts/templates', signal)).templates;
export const enableTemplate = (id, body) => sendJson('POST', '/api/alerts/templates/' + enc(id), body);

export async function history(ruleName, limit, signal) {
  const p = new URLSearchParams({ limit: String(limit) });
  if (ruleName) p.set('rule', ruleName);
  return (await getJson('/api/alerts/history?' + p, signal)).history;
}

/**
 * Whether this browser may change alert rules: the collector has no tokens yet (open), or the
 * session's token has the admin scope. The answer only hides buttons; the collector decides.
 */
export async function canEdit(signal) {
  try {
    const s = await getJson('/api/session', signal);
    return !!(s.open || s.scope === 'admin');
  } catch (e) {
    return false;
  }
}

/** What the pages say when the collector refuses a change or a page (403). */
export const ADMIN_NEEDED = 'This needs an admin token: sign in with one (java -jar fnlens.jar token create --scope admin).';
