// Building DOM without innerHTML: every string becomes a text node, so log content
// (untrusted) can never turn into markup.

/**
 * h('a', {href: '#/x', class: 'link'}, 'text', child) -> element.
 * Attributes: class, dataset ({...}), on<Event> (functions), hidden/disabled (booleans), others as attributes.
 * Children: strings and numbers (text nodes), nodes, arrays, null/undefined/false (skipped).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'value' || name === 'checked' || name === 'selected') el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces the children of el; like h(), skips null/false and flattens arrays. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

export function svg(tag, attrs) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs || {})) el.setAttribute(name, String(value));
  return el;
}

/** A card with a title, used for every panel. */
export function card(title, ...children) {
  return h('section', { class: 'card' }, title ? h('h2', { class: 'card-title' }, title) : null, ...children);
}

/** A message box for errors; role=alert so screen readers say it. */
export function errorBox(message) {
  return h('div', { class: 'error', role: 'alert' }, message);
}

export function loading(what) {
  return h('p', { class: 'loading', 'aria-live': 'polite' }, 'Loading ' + (what || '') + '…');
}

/** Downloads text as a file named `name`. */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
