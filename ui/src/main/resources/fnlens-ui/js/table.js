// A sortable table: click (or Enter on) a header to sort; the sort is reported so the
// page can keep it in the URL.
import { h } from './dom.js';

/**
 * columns: [{key, label, title?, numeric?, sortValue(row), cell(row) -> node|string, class?}]
 * sort: {key, desc}; onSort(sort) is called after the table re-sorted itself.
 * rowAttrs(row) -> attributes of the <tr> (e.g. a class).
 */
export function sortableTable(columns, rows, { sort, onSort, rowAttrs, caption } = {}) {
  let current = sort || { key: columns[0].key, desc: false };
  const tbody = h('tbody');
  const headers = columns.map(col => {
    const button = h('button', { type: 'button', class: 'sort', title: col.title || null }, col.label,
      h('span', { class: 'sort-mark', 'aria-hidden': 'true' }));
    const th = h('th', { scope: 'col', class: (col.numeric ? 'num ' : '') + (col.class || ''), dataset: { col: col.key } }, button);
    button.addEventListener('click', () => {
      current = { key: col.key, desc: current.key === col.key ? !current.desc : !!col.numeric };
      draw();
      if (onSort) onSort(current);
    });
    return th;
  });

  function draw() {
    const col = columns.find(c => c.key === current.key) || columns[0];
    const sorted = rows.slice().sort((a, b) => compare(col.sortValue(a), col.sortValue(b), current.desc));
    headers.forEach((th, i) => {
      const active = columns[i].key === col.key;
      th.setAttribute('aria-sort', active ? (current.desc ? 'descending' : 'ascending') : 'none');
      th.querySelector('.sort-mark').textContent = active ? (current.desc ? ' ↓' : ' ↑') : '';
    });
    tbody.replaceChildren(...sorted.map(row => h('tr', rowAttrs ? rowAttrs(row) : null,
      columns.map(c => h('td', { class: (c.numeric ? 'num ' : '') + (c.class || ''), dataset: { col: c.key } }, c.cell(row))))));
  }

  draw();
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'grid' }, caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', null, h('tr', null, headers)), tbody));
}

/** Missing values sort last in both directions; numbers by value; text by locale. */
function compare(a, b, desc) {
  const am = a == null || Number.isNaN(a);
  const bm = b == null || Number.isNaN(b);
  if (am || bm) return am && bm ? 0 : am ? 1 : -1;
  const c = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return desc ? -c : c;
}
