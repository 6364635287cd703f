// Adding a destination: name, type, URL, secret. The collector checks the address (no private or
// link-local addresses unless allowed) and answers 400 with the key at fault.
import * as alerts from '../js/alerts-api.js';
import { h } from '../js/dom.js';
import { problem } from './alerts-common.js';

export function destinationForm(onAdded) {
  const input = (id, attrs) => h('input', { id, type: 'text', autocomplete: 'off', ...attrs });
  const name = input('dest-name', { placeholder: 'ops', required: true });
  const type = h('select', { id: 'dest-type' }, ['webhook', 'slack'].map(t => h('option', { value: t }, t)));
  const url = input('dest-url', { type: 'url', placeholder: 'https://example.com/hook', required: true });
  const secret = input('dest-secret', { type: 'password', placeholder: 'whsec_… (optional)' });
  const allowPrivate = h('input', { id: 'dest-private', type: 'checkbox' });
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const form = h('form', { class: 'destination-form' },
    h('div', { class: 'form-grid four' },
      h('div', { class: 'field' }, h('label', { for: 'dest-name' }, 'Name'), name),
      h('div', { class: 'field' }, h('label', { for: 'dest-type' }, 'Type'), type),
      h('div', { class: 'field' }, h('label', { for: 'dest-url' }, 'URL'), url),
      h('div', { class: 'field' }, h('label', { for: 'dest-secret' }, 'Secret'), secret)),
    h('label', { class: 'check' }, allowPrivate, ' allow private network addresses (10/8, 192.168/16, …)'),
    error, h('button', { type: 'submit', class: 'primary' }, 'Add destination'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    error.hidden = true;
    const body = { name: name.value.trim(), type: type.value, url: url.value.trim(), allow_private: allowPrivate.checked };
    if (secret.value.trim()) body.secret = secret.value.trim();
    try {
      await alerts.createDestination(body);
      onAdded();
    } catch (err) {
      error.textContent = problem(err);
      error.hidden = false;
    }
  });
  return h('details', { class: 'card add-destination' }, h('summary', { class: 'card-title' }, 'Add a destination'), form);
}
