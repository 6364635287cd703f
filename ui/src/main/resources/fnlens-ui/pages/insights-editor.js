// The Logs Insights editor: a transparent <textarea> over a highlighted <pre>, so the
// browser keeps native editing, selection, undo and accessibility, with no library.
import { h } from '../js/dom.js';

export const COMMANDS = ['fields', 'filter', 'stats', 'sort', 'limit', 'parse', 'display', 'dedup', 'pattern',
  'unmask', 'unnest', 'lookup', 'diff', 'filterindex', 'source'];
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'like', 'as', 'by', 'asc', 'desc']);

const PATTERNS = [
  ['comment', /#[^\n]*/y],
  ['str', /"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?/y],
  ['quoted', /`[^`\n]*`?/y],
  ['pipe', /\|/y],
  ['num', /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:ms|sec|min|hr|day|week|[smhdw])?(?![\w@$])/y],
  ['word', /[@A-Za-z_$][\w.@$]*/y],
  ['space', /\s+/y],
  ['op', /=~|!=|<=|>=|[=<>+\-*\/%^(),\[\]]/y],
  ['other', /[^]/y],
];
const REGEX = /\/(?:[^\/\\\n]|\\.)*\/?/y;

/**
 * Splits a query into tokens {type, text, start}. Types: comment, str, quoted, re, pipe,
 * num, cmd, kw, fn, field, sysfield, space, op, other. A slash starts a regex after
 * `like`, `=~` or the field of a `parse`; elsewhere it divides.
 */
export function tokenize(text) {
  const tokens = [];
  let pos = 0;
  let commandStart = true; // the next word names a command
  let prev = null; // the previous significant token
  let prevPrev = null;
  while (pos < text.length) {
    let type = null;
    let match = null;
    if (text[pos] === '/' && prev && ((prev.type === 'kw' && prev.text.toLowerCase() === 'like') || prev.text === '=~'
      || (prevPrev && prevPrev.type === 'cmd' && prevPrev.text.toLowerCase() === 'parse') || (prev.type === 'cmd' && prev.text.toLowerCase() === 'parse'))) {
      REGEX.lastIndex = pos;
      match = REGEX.exec(text);
      type = 're';
    }
    for (let i = 0; !match && i < PATTERNS.length; i++) {
      PATTERNS[i][1].lastIndex = pos;
      match = PATTERNS[i][1].exec(text);
      type = PATTERNS[i][0];
    }
    const t = { type, text: match[0], start: pos };
    if (type === 'word') {
      const lower = t.text.toLowerCase();
      if (commandStart && COMMANDS.includes(lower)) t.type = 'cmd';
      else if (KEYWORDS.has(lower)) t.type = 'kw';
      else if (text[pos + t.text.length] === '(' || /^\s*\(/.test(text.slice(pos + t.text.length, pos + t.text.length + 8))) t.type = 'fn';
      else t.type = t.text.startsWith('@') ? 'sysfield' : 'field';
    }
    if (t.type !== 'space' && t.type !== 'comment') {
      commandStart = t.type === 'pipe';
      prevPrev = prev;
      prev = t;
    }
    tokens.push(t);
    pos += t.text.length;
  }
  return tokens;
}

/** The commands of a query as token lists, split at top-level pipes (never inside strings or regexes). */
export function commands(text) {
  const result = [[]];
  for (const t of tokenize(text)) {
    if (t.type === 'pipe') result.push([]);
    else result[result.length - 1].push(t);
  }
  return result.map(tokens => ({
    name: (tokens.find(t => t.type !== 'space' && t.type !== 'comment') || { text: '' }).text.toLowerCase(),
    text: tokens.map(t => t.text).join('').trim(),
  })).filter(c => c.text);
}

/** 1-based line and column -> offset in text. */
export function offsetOf(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/**
 * createEditor({value, onRun}) -> {el, textarea, get value(), set value(v), markError(line, column), focus()}.
 * Ctrl+Enter or Cmd+Enter calls onRun.
 */
export function createEditor({ value = '', onRun, label = 'Query' } = {}) {
  const pre = h('pre', { class: 'editor-highlight', 'aria-hidden': 'true' });
  const textarea = h('textarea', {
    class: 'editor-input', spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off',
    'aria-label': label + ' (Ctrl+Enter or Cmd+Enter runs it)', rows: 5,
  });
  const el = h('div', { class: 'editor' }, pre, textarea);
  let errorAt = null;

  function paint() {
    const text = textarea.value;
    const nodes = [];
    let markDone = errorAt == null;
    for (const t of tokenize(text)) {
      const end = t.start + t.text.length;
      if (!markDone && errorAt >= t.start && errorAt < end) {
        const cut = errorAt - t.start;
        if (cut > 0) nodes.push(span(t.type, t.text.slice(0, cut)));
        const ch = t.text[cut] === '\n' ? ' ' : t.text[cut];
        nodes.push(h('mark', { class: 'err-mark' }, ch));
        if (t.text[cut] === '\n') nodes.push('\n');
        if (cut + 1 < t.text.length) nodes.push(span(t.type, t.text.slice(cut + 1)));
        markDone = true;
      } else {
        nodes.push(span(t.type, t.text));
      }
    }
    if (!markDone) nodes.push(h('mark', { class: 'err-mark' }, ' '));
    nodes.push('\n'); // a trailing newline needs a line to show on
    pre.replaceChildren(...nodes);
    pre.scrollTop = textarea.scrollTop;
    pre.scrollLeft = textarea.scrollLeft;
    textarea.rows = Math.min(16, Math.max(4, text.split('\n').length + 1));
  }

  function span(type, text) {
    return type === 'space' || type === 'word' ? text : h('span', { class: 'tok-' + type }, text);
  }

  textarea.addEventListener('input', () => { errorAt = null; paint(); });
  textarea.addEventListener('scroll', () => { pre.scrollTop = textarea.scrollTop; pre.scrollLeft = textarea.scrollLeft; });
  textarea.addEventListener('keydown', e => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (onRun) onRun();
    }
  });
  textarea.value = value;
  paint();

  return {
    el,
    textarea,
    get value() { return textarea.value; },
    set value(v) { textarea.value = v; errorAt = null; paint(); },
    markError(line, column) { errorAt = line ? offsetOf(textarea.value, line, column) : null; paint(); },
    focus() { textarea.focus(); },
  };
}
