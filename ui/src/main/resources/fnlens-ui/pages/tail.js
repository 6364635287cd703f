// Live tail: events matching a filter as they arrive, over server-sent events from
// /api/tail. Rendering is batched once per animation frame and the rows kept are capped,
// so thousands of events a second never make the page fall behind.
import { h } from '../js/dom.js';
import { functionName, functionRoute, int, parseTime, time } from '../js/format.js';
import { groupPicker } from '../js/groups.js';

export const MAX_ROWS = 2000;

export default {
  title: () => 'Live tail',
  render(view, route, ctx) {
    const params = route.params;
    let groups = (params.get('groups') || '').split(',').map(s => s.trim()).filter(Boolean);
    let source = null;
    let pending = [];
    let paused = false;
    let frame = 0;
    let received = 0;
    let skipped = 0;
    const recent = []; // [ms, count] of the last seconds, for the rate

    const filter = h('input', { type: 'search', class: 'filter', value: params.get('q') || '', spellcheck: 'false',
      'aria-label': 'Filter (search syntax)', placeholder: 'Filter, e.g. ERROR or @type:REPORT AND @duration:[1000 TO *] — empty shows everything' });
    const form = h('form', { class: 'searchbar', role: 'search' }, filter,
      h('span', { class: 'picker-slot' }, groupPicker(groups, next => { groups = next; restart(); })),
      h('button', { type: 'submit', class: 'primary' }, 'Tail'));
    form.addEventListener('submit', e => { e.preventDefault(); restart(); });

    const state = h('span', { class: 'tail-state', dataset: { state: 'connecting' }, 'aria-live': 'polite' }, 'Connecting…');
    const counter = h('span', { class: 'tail-counter muted' });
    const pauseButton = h('button', { type: 'button', class: 'button', 'aria-pressed': 'false' }, 'Pause');
    const clearButton = h('button', { type: 'button', class: 'link-button' }, 'Clear');
    const problem = h('div', { class: 'error', role: 'alert', hidden: true });
    const list = h('div', { class: 'tail-list', role: 'log', 'aria-label': 'Live events, newest first' });
    const empty = h('p', { class: 'empty tail-empty' }, 'Waiting for new events… they appear here as they arrive (newest first).');
    const rowTemplate = h('div', { class: 'tail-row' },
      h('time', { class: 'mono muted' }), h('a', { class: 'tail-fn' }), h('pre', { class: 'message' }));

    pauseButton.addEventListener('click', () => {
      paused = !paused;
      pauseButton.textContent = paused ? 'Resume' : 'Pause';
      pauseButton.setAttribute('aria-pressed', String(paused));
      list.classList.toggle('paused', paused);
      schedule();
    });
    clearButton.addEventListener('click', () => { list.replaceChildren(); pending = []; updateCounter(); });

    view.append(h('div', { class: 'page-head' }, h('h1', null, 'Live tail'),
      h('div', { class: 'toolbar' }, state, counter, pauseButton, clearButton)), form, problem, empty, list);

    function setState(name, text) {
      state.dataset.state = name;
      state.textContent = text;
    }

    function restart() {
      const p = new URLSearchParams();
      if (filter.value.trim()) p.set('q', filter.value.trim());
      if (groups.length) p.set('groups', groups.join(','));
      ctx.setParams(p);
      connect(p);
    }

    function connect(p) {
      if (source) source.close();
      problem.hidden = true;
      setState('connecting', 'Connecting…');
      const query = new URLSearchParams();
      if (p.get('q')) query.set('q', p.get('q'));
      if (p.get('groups')) query.set('logGroup', p.get('groups'));
      const es = new EventSource('/api/tail?' + query);
      source = es;
      es.addEventListener('ready', () => setState('live', 'Live'));
      es.addEventListener('events', e => {
        const message = JSON.parse(e.data);
        const events = message.events || [];
        received += events.length;
        skipped += message.skipped || 0;
        recent.push([performance.now(), events.length]);
        for (const ev of events) pending.push(ev);
        if (pending.length > MAX_ROWS) pending.splice(0, pending.length - MAX_ROWS);
        schedule();
      });
      es.addEventListener('problem', e => {
        es.close();
        setState('stopped', 'Stopped');
        problem.textContent = JSON.parse(e.data).message;
        problem.hidden = false;
      });
      es.onerror = () => {
        if (es.readyState === EventSource.CLOSED || source !== es) return;
        setState('connecting', 'Reconnecting… (events sent meanwhile are not shown)');
      };
    }

    function schedule() {
      if (!frame) frame = requestAnimationFrame(flush);
    }

    function flush() {
      frame = 0;
      if (!paused && pending.length) {
        const batch = pending;
        pending = [];
        const fragment = document.createDocumentFragment();
        for (let i = batch.length - 1; i >= 0; i--) fragment.append(row(batch[i]));
        list.prepend(fragment);
        while (list.childElementCount > MAX_ROWS) list.lastElementChild.remove();
        empty.hidden = true;
      }
      updateCounter();
    }

    function row(e) {
      const r = rowTemplate.cloneNode(true);
      const t = r.firstChild;
      const ms = parseTime(e['@timestamp']);
      t.textContent = time(ms);
      t.dateTime = e['@timestamp'];
      const fn = t.nextSibling;
      fn.textContent = functionName(e['@log']);
      fn.href = functionRoute(e['@log']);
      fn.title = e['@log'] + '\n' + e['@logStream'];
      fn.nextSibling.textContent = e['@message'];
      const m = e['@message'];
      if (m.includes('\tERROR\t') || m.includes(' Task timed out after ')) r.classList.add('is-error');
      else if (e['@type'] === 'REPORT') r.classList.add('is-report');
      return r;
    }

    function updateCounter() {
      const now = performance.now();
      while (recent.length && now - recent[0][0] > 5000) recent.shift();
      const rate = recent.reduce((n, [, c]) => n + c, 0) / 5;
      counter.textContent = `${int(received)} received · ${int(rate)}/s · ${int(list.childElementCount)} shown`
        + (paused && pending.length ? ` · ${int(pending.length)} waiting` : '')
        + (skipped ? ` · ${int(skipped)} skipped (over 10,000 in one poll: narrow the filter)` : '');
      counter.dataset.received = String(received);
    }

    connect(params);
    updateCounter();
    const ticker = setInterval(updateCounter, 1000);
    filter.focus();
    return () => {
      clearInterval(ticker);
      if (source) source.close();
      if (frame) cancelAnimationFrame(frame);
    };
  },
};
