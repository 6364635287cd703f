// The rule editor (#/alerts/new, #/alerts/edit/<rule>): every key of the rule format, a live
// preview against the threshold, and the collector's checks shown at the field they concern.
import * as alerts from '../js/alerts-api.js';
import { errorBox, h, loading } from '../js/dom.js';
import { createEditor } from './insights-editor.js';
import { historyLink, problem, stateBadge } from './alerts-common.js';
import { renderPreview } from './alerts-preview.js';

const NEW_RULE = {
  name: '', query: 'filter ispresent(errorType)\n| stats count() as errors by @log', condition: 'errors > 5',
  every: '1m', window: '5m', for: '0s', keep_firing_for: '0s', no_data: 'missing', severity: 'warning',
  labels: {}, annotations: { summary: 'Errors in {{ @log }}: {{ errors }}' }, destinations: [],
};
const DURATIONS = [
  ['every', 'Every', 'how often it is evaluated (at least 100ms)', '1m'],
  ['window', 'Window', 'each evaluation queries [now − window, now]', '5m'],
  ['for', 'For', 'the condition must hold this long before it fires', '0s'],
  ['keep_firing_for', 'Keep firing for', 'keeps firing this long after the condition stopped holding', '0s'],
];
const TIMERS = [['group_wait', '30s'], ['group_interval', '5m'], ['repeat_interval', '4h']];
const NO_DATA = [['missing', 'missing — resolve, show NO DATA'], ['breaching', 'breaching — as if the condition held'],
  ['not_breaching', 'not breaching — resolve, show OK'], ['ignore', 'ignore — change nothing']];

export default {
  async render(body, { name, view, editable }, ctx) {
    const isNew = view === 'new';
    body.append(loading(isNew ? 'the editor' : 'the rule'));
    let rule = NEW_RULE;
    let destinations = null;
    try {
      [rule, destinations] = await Promise.all([isNew ? NEW_RULE : alerts.rule(name),
        editable ? alerts.destinations().catch(() => null) : null]);
    } catch (e) {
      body.replaceChildren(e.status === 404 ? h('div', { class: 'empty-state' }, h('h2', null, 'No rule named ' + name),
        h('p', null, h('a', { href: '#/alerts' }, 'Back to the rules'))) : errorBox(problem(e)));
      return null;
    }
    if (!ctx.isCurrent()) return null;
    const readOnly = !editable || rule.source === 'config';
    const fields = {};
    const errors = {};

    function field(key, label, control, help) {
      const id = 'rule-' + key.replace(/_/g, '-');
      errors[key] = h('p', { class: 'field-error', id: id + '-error', role: 'alert', hidden: true });
      // one input gets the label; a group of them (labels, destinations) is named by it
      const input = control.matches('input, select, textarea') ? control : control.querySelector(':scope > textarea');
      if (input && !input.id) input.id = id;
      if (!input) {
        control.setAttribute('role', 'group');
        control.setAttribute('aria-labelledby', id + '-label');
      }
      const describedBy = [help ? id + '-help' : null, id + '-error'].filter(Boolean).join(' ');
      (input || control).setAttribute('aria-describedby', describedBy);
      return h('div', { class: 'field', dataset: { field: key } },
        input ? h('label', { for: input.id }, label) : h('span', { class: 'field-label', id: id + '-label' }, label),
        control, help ? h('p', { class: 'help', id: id + '-help' }, help) : null, errors[key]);
    }
    const text = (key, value, attrs) => (fields[key] = h('input', { type: 'text', value: value ?? '', disabled: readOnly, autocomplete: 'off', ...attrs }));

    const query = createEditor({ value: rule.query, label: 'Query', onRun: () => runPreview() });
    query.textarea.id = 'rule-query';
    query.textarea.disabled = readOnly;
    fields.query = query.textarea;
    const labels = pairs('label', rule.labels, readOnly);
    const annotations = pairs('annotation', rule.annotations, readOnly);
    const destinationsControl = destinationPicker(destinations, rule.destinations || [], readOnly);
    const noData = fields.no_data = h('select', { disabled: readOnly },
      NO_DATA.map(([v, l]) => h('option', { value: v, selected: v === rule.no_data }, l)));

    const form = h('form', { class: 'rule-form', novalidate: true },
      h('div', { class: 'form-grid' },
        field('name', 'Name', text('name', rule.name, { disabled: readOnly || !isNew, required: true, placeholder: 'orders-errors', pattern: '[A-Za-z0-9][A-Za-z0-9._-]*' }),
          isNew ? 'letters, digits, . _ -' : 'rename by creating a new rule'),
        field('severity', 'Severity', text('severity', rule.severity, { list: 'severities' }), 'becomes the severity label'),
        h('datalist', { id: 'severities' }, ['critical', 'warning', 'info'].map(v => h('option', { value: v })))),
      field('query', 'Query', query.el, 'a Logs Insights query that computes the tested number with stats; its "by" keys make one alert per group. Ctrl+Enter previews.'),
      h('div', { class: 'form-grid' },
        field('condition', 'Condition', text('condition', rule.condition, { placeholder: 'errors > 5', class: 'mono' }), '<column> <op> <number>; op one of > >= < <= = !='),
        field('no_data', 'No data', noData, 'when the query yields no number')),
      h('div', { class: 'form-grid four' }, DURATIONS.map(([key, label, help, fallback]) =>
        field(key, label, text(key, rule[key], { placeholder: fallback, class: 'mono' }), help))),
      field('labels', 'Labels', labels.el, 'added to every alert of the rule'),
      field('annotations', 'Annotations', annotations.el, 'text with {{ column }} placeholders, filled from the alert\'s row'),
      field('destinations', 'Destinations', destinationsControl.el, destinations && !destinations.length ? null : 'who gets the notifications'),
      h('details', { class: 'timers' }, h('summary', null, 'Notification timers (default: the destination\'s)'),
        h('div', { class: 'form-grid four' }, TIMERS.map(([key, fallback]) => field(key, key.replace('_', ' '),
          text(key, rule[key], { placeholder: fallback, class: 'mono' }))))));

    // gets the .error look only when it shows something
    const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const saveStatus = h('p', { class: 'status', role: 'status' });
    const previewButton = h('button', { type: 'button', class: 'button', id: 'rule-preview' }, 'Preview');
    const previewBox = h('div', { class: 'preview-box', 'aria-live': 'polite' },
      h('p', { class: 'muted' }, editable ? 'Preview runs the rule once over its window and shows which rows breach.' : ''));
    const actions = readOnly
      ? h('p', { class: 'note' }, rule.source === 'config' ? 'This rule comes from the collector\'s config file: change it there.'
        : 'Read-only: changing rules needs an admin token.')
      : h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', id: 'rule-save' }, isNew ? 'Create rule' : 'Save rule'),
        previewButton, h('a', { class: 'button', href: '#/alerts' }, 'Cancel'), saveStatus);
    form.append(formError, actions);
    previewButton.addEventListener('click', () => runPreview());
    form.addEventListener('submit', e => { e.preventDefault(); save(); });

    const head = h('div', { class: 'rule-head' }, h('h2', null, isNew ? 'New alert rule' : rule.name),
      isNew ? null : [stateBadge(rule.state), ' ', h('a', { href: historyLink(rule.name) }, 'History')]);
    body.replaceChildren(head, h('div', { class: 'editor-columns' },
      h('section', { class: 'card' }, form),
      editable ? h('section', { class: 'card preview' }, h('h2', { class: 'card-title' }, 'Preview'), previewBox) : null));

    function collect() {
      const json = { name: fields.name.value.trim(), query: query.value, condition: fields.condition.value.trim(),
        no_data: noData.value, severity: fields.severity.value.trim() || 'warning',
        labels: labels.value(), annotations: annotations.value(), destinations: destinationsControl.value() };
      for (const [key] of DURATIONS.concat(TIMERS)) if (fields[key].value.trim()) json[key] = fields[key].value.trim();
      return json;
    }

    function clearErrors() {
      for (const [key, el] of Object.entries(errors)) {
        el.hidden = true;
        el.textContent = '';
        const input = fields[key];
        if (input) input.removeAttribute('aria-invalid');
      }
      formError.hidden = true;
      formError.classList.remove('error');
      query.markError(null);
    }

    /** A 400 from the collector at the field it names; the query's at its line and column. */
    function showError(e) {
      const key = e.field ? e.field.split('.')[0].split('[')[0] : null;
      if (e.status === 400 && key && errors[key]) {
        errors[key].textContent = String(e.message).replace(new RegExp('^' + key + '(\\.[^:]*)?: '), (m, sub) => (sub ? sub.slice(1) + ': ' : ''));
        errors[key].hidden = false;
        if (fields[key]) fields[key].setAttribute('aria-invalid', 'true');
        if (key === 'query' && e.line) query.markError(e.line, e.column);
        return;
      }
      formError.textContent = problem(e);
      formError.classList.add('error');
      formError.hidden = false;
    }

    let previewAbort = null;
    async function runPreview() {
      if (!editable) return;
      clearErrors();
      if (previewAbort) previewAbort.abort();
      previewAbort = new AbortController();
      previewBox.replaceChildren(loading('the preview'));
      try {
        const body = collect();
        if (!body.name) body.name = 'preview'; // a new rule may have no name yet
        const answer = await alerts.preview(body, previewAbort.signal);
        if (ctx.isCurrent()) previewBox.replaceChildren(renderPreview(answer));
      } catch (e) {
        if (e.name === 'AbortError' || !ctx.isCurrent()) return;
        showError(e);
        previewBox.replaceChildren(h('p', { class: 'muted preview-failed' }, 'Fix the rule to preview it: ', problem(e)));
      }
    }

    async function save() {
      clearErrors();
      saveStatus.textContent = 'Saving…';
      try {
        const body = collect();
        const saved = isNew ? await alerts.createRule(body) : await alerts.updateRule(rule.name, body);
        saveStatus.textContent = 'Saved ' + saved.name + '.';
        ctx.navigate('#/alerts');
      } catch (e) {
        saveStatus.textContent = '';
        showError(e);
      }
    }

    // preview as the rule changes, once typing pauses
    let pause = null;
    for (const el of [query.textarea, fields.condition, fields.window]) {
      el.addEventListener('input', () => { clearTimeout(pause); pause = setTimeout(runPreview, 900); });
    }
    if (editable && !isNew) runPreview();
    if (isNew && editable) fields.name.focus();
    return () => { clearTimeout(pause); if (previewAbort) previewAbort.abort(); };
  },
};

/** Rows of name and value inputs, with add and remove buttons. */
function pairs(kind, initial, readOnly) {
  const rows = h('div', { class: 'pairs' });
  const add = h('button', { type: 'button', class: 'link-button', hidden: readOnly }, 'Add ' + kind);
  function addRow(k = '', v = '') {
    const remove = h('button', { type: 'button', class: 'link-button', 'aria-label': 'Remove this ' + kind, hidden: readOnly }, '✕');
    const row = h('div', { class: 'pair' },
      h('input', { type: 'text', class: 'pair-key', value: k, placeholder: 'name', 'aria-label': kind + ' name', disabled: readOnly }),
      h('input', { type: 'text', class: 'pair-value', value: v, placeholder: 'value', 'aria-label': kind + ' value', disabled: readOnly }),
      remove);
    remove.addEventListener('click', () => row.remove());
    rows.append(row);
    return row;
  }
  for (const [k, v] of Object.entries(initial || {})) addRow(k, v);
  add.addEventListener('click', () => addRow().querySelector('input').focus());
  return {
    el: h('div', { class: 'pairs-box', dataset: { kind } }, rows, add),
    value() {
      const out = {};
      for (const row of rows.querySelectorAll('.pair')) {
        const k = row.querySelector('.pair-key').value.trim();
        if (k) out[k] = row.querySelector('.pair-value').value;
      }
      return out;
    },
  };
}

/** Checkboxes of the known destinations; a text field when they cannot be listed. */
function destinationPicker(known, chosen, readOnly) {
  if (!known) {
    const input = h('input', { type: 'text', value: chosen.join(', '), placeholder: 'ops, slack', disabled: readOnly, 'aria-label': 'Destinations, comma separated' });
    return { el: input, value: () => input.value.split(',').map(s => s.trim()).filter(Boolean) };
  }
  if (!known.length && !chosen.length) {
    return { el: h('p', { class: 'muted' }, 'No destinations yet: ', h('a', { href: '#/alerts/destinations' }, 'add one'),
      '. A rule without destinations still evaluates and keeps its history.'), value: () => [] };
  }
  const names = [...new Set(known.map(d => d.name).concat(chosen))];
  const boxes = names.map(n => h('input', { type: 'checkbox', value: n, checked: chosen.includes(n), disabled: readOnly }));
  return {
    el: h('div', { class: 'checks', role: 'group', 'aria-label': 'Destinations' }, names.map((n, i) => h('label', { class: 'check' }, boxes[i], ' ', n))),
    value: () => boxes.filter(b => b.checked).map(b => b.value),
  };
}
