// Signing in: once the collector has access tokens, the UI trades a read or admin token for an
// HttpOnly session cookie (POST /api/session). The token itself is never stored by the page.
import { h } from './dom.js';

let shown = null;

/** Shows the sign-in dialog (once, however many requests were refused) and reloads the view after. */
export function requireSignIn() {
  if (shown) return;
  const input = h('input', { type: 'password', id: 'signin-token', autocomplete: 'off', placeholder: 'fnl_read_…',
    'aria-label': 'Access token', required: true });
  const error = h('p', { class: 'signin-error', role: 'alert' });
  const form = h('form', { class: 'signin-form', onsubmit: submit },
    h('h2', {}, 'Sign in to fnlens'),
    h('p', {}, 'This collector needs an access token. Use a read or admin token ',
      '(create one with ', h('code', {}, 'java -jar fnlens.jar token create --scope read'), ').'),
    input, error,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  shown = h('div', { class: 'signin-overlay', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'signin-title' }, form);
  form.querySelector('h2').id = 'signin-title';
  document.body.append(shown);
  input.focus();

  async function submit(event) {
    event.preventDefault();
    error.textContent = '';
    const response = await fetch('/api/session', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Fnlens-Request': '1' },
      body: JSON.stringify({ token: input.value.trim() }),
    });
    if (response.ok) {
      shown.remove();
      shown = null;
      location.reload();
    } else {
      error.textContent = response.status === 403
        ? 'An ingest token cannot sign in: use a read or admin token.'
        : 'That token is not valid here.';
    }
  }
}
