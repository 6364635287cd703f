// The log group picker: a dropdown of checkboxes with a filter; none checked means all.
import { functions } from './api.js';
import { h } from './dom.js';

// one listener for every picker: a click elsewhere closes an open dropdown
document.addEventListener('click', e => {
  for (const open of document.querySelectorAll('details.dropdown[open]')) {
    if (!open.contains(e.target)) open.open = false;
  }
});

/**
 * groupPicker(selected, onChange) -> element. Loads the log groups from /api/functions;
 * selected groups not (or no longer) stored still show, so a shared link keeps its meaning.
 */
export function groupPicker(selected, onChange) {
  let chosen = new Set(selected);
  const summary = h('summary', { class: 'button' });
  const filter = h('input', { type: 'search', placeholder: 'Filter log groups', 'aria-label': 'Filter log groups' });
  const list = h('div', { class: 'group-list', role: 'group', 'aria-label': 'Log groups' });
  const clear = h('button', { type: 'button', class: 'link-button' }, 'All log groups');
  const details = h('details', { class: 'dropdown group-picker' }, summary, h('div', { class: 'menu' }, filter, clear, list));
  let names = [...chosen];

  function label() {
    summary.textContent = chosen.size === 0 ? 'All log groups'
      : chosen.size === 1 ? [...chosen][0] : chosen.size + ' log groups';
    summary.title = chosen.size ? [...chosen].join('\n') : 'All log groups';
  }

  function draw() {
    const f = filter.value.trim().toLowerCase();
    list.replaceChildren(...names.filter(n => !f || n.toLowerCase().includes(f)).map(name => {
      const box = h('input', { type: 'checkbox', value: name, checked: chosen.has(name) });
      box.addEventListener('change', () => {
        if (box.checked) chosen.add(name); else chosen.delete(name);
        label();
        onChange([...chosen]);
      });
      return h('label', { class: 'check' }, box, h('span', null, name));
    }));
    if (!names.length) list.append(h('p', { class: 'muted' }, 'No log groups yet.'));
  }

  filter.addEventListener('input', draw);
  clear.addEventListener('click', () => { chosen = new Set(); label(); draw(); onChange([]); });
  details.addEventListener('keydown', e => { if (e.key === 'Escape') { details.open = false; summary.focus(); } });
  label();
  draw();
  functions().then(fs => {
    names = [...new Set([...fs.map(f => f.logGroup), ...chosen])].sort();
    draw();
  }).catch(() => { /* the picker keeps what the URL named */ });
  return details;
}
