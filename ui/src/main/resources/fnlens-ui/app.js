// fnlens search page. Plain JS, no build step.
// Log content is untrusted: it only ever reaches the page through textContent.
(function () {
  'use strict';

  const RANGES = { '15m': 15 * 60, '1h': 3600, '24h': 86400, '7d': 7 * 86400 };
  const LIMIT = 500;

  const form = document.getElementById('search');
  const q = document.getElementById('q');
  const range = document.getElementById('range');
  const logGroup = document.getElementById('logGroup');
  const statusLine = document.getElementById('status');
  const errorBox = document.getElementById('error');
  const tbody = document.querySelector('#results tbody');
  const empty = document.getElementById('empty');
  const rowTemplate = document.getElementById('row');

  // --- URL <-> form: every search is a deep link ---

  function readUrl() {
    const params = new URLSearchParams(location.search);
    q.value = params.get('q') || '';
    range.value = RANGES[params.get('range')] ? params.get('range') : '1h';
    const group = params.get('logGroup') || '';
    if (group && !Array.from(logGroup.options).some(o => o.value === group)) {
      logGroup.add(new Option(group, group));
    }
    logGroup.value = group;
  }

  function writeUrl(push) {
    const params = new URLSearchParams();
    if (q.value.trim()) params.set('q', q.value.trim());
    if (range.value !== '1h') params.set('range', range.value);
    if (logGroup.value) params.set('logGroup', logGroup.value);
    const url = location.pathname + (params.toString() ? '?' + params : '');
    if (url !== location.pathname + location.search) {
      history[push ? 'pushState' : 'replaceState'](null, '', url);
    }
  }

  // --- API ---

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      // not JSON: reported below by status
    }
    if (!response.ok) {
      throw new Error((body && body.message) || ('HTTP ' + response.status));
    }
    return body;
  }

  async function loadLogGroups() {
    try {
      const { functions } = await getJson('/api/functions');
      const selected = logGroup.value;
      for (const f of functions) {
        if (!Array.from(logGroup.options).some(o => o.value === f.logGroup)) {
          const label = f.logGroup + '  (' + f.invocations.toLocaleString() + ' invocations)';
          logGroup.add(new Option(label, f.logGroup));
        }
      }
      logGroup.value = selected;
    } catch (e) {
      // the picker stays at "All log groups"; the search itself reports errors
    }
  }

  async function search() {
    const end = Math.floor(Date.now() / 1000);
    const params = new URLSearchParams({
      q: q.value.trim(), start: String(end - RANGES[range.value]), end: String(end), limit: String(LIMIT)
    });
    if (logGroup.value) params.set('logGroup', logGroup.value);
    statusLine.textContent = 'Searching…';
    errorBox.hidden = true;
    try {
      const result = await getJson('/api/search?' + params);
      render(result.events);
      const s = result.statistics;
      statusLine.textContent = s.recordsMatched > result.events.length
        ? `Newest ${result.events.length.toLocaleString()} of ${s.recordsMatched.toLocaleString()} matching events · ${s.elapsedMs} ms`
        : `${s.recordsMatched.toLocaleString()} matching events · ${s.elapsedMs} ms`;
    } catch (e) {
      render([]);
      empty.hidden = true;
      statusLine.textContent = '';
      errorBox.textContent = e.message;
      errorBox.hidden = false;
    }
  }

  // --- rendering ---

  function render(events) {
    tbody.replaceChildren(...events.map(row));
    empty.hidden = events.length > 0;
  }

  function row(event) {
    const tr = rowTemplate.content.firstElementChild.cloneNode(true);
    const time = tr.querySelector('time');
    time.dateTime = event['@timestamp'];
    time.textContent = localTime(event['@timestamp']);
    time.title = event['@timestamp'];
    tr.querySelector('.group').textContent = event['@log'].replace(/^\/aws\/lambda\//, '');
    tr.querySelector('.group').title = event['@log'];
    tr.querySelector('.stream').textContent = event['@logStream'];
    tr.querySelector('.stream').title = event['@logStream'];
    const message = tr.querySelector('.message');
    message.textContent = event['@message'];
    message.addEventListener('click', () => message.classList.toggle('expanded'));
    if (event['@type'] === 'REPORT') {
      tr.querySelector('.chips').append(...reportChips(event));
    }
    if (isError(event['@message'])) {
      tr.classList.add('is-error');
    }
    return tr;
  }

  function reportChips(e) {
    const chips = [];
    if (e['@duration'] != null) chips.push(chip('Duration', ms(e['@duration'])));
    if (e['@billedDuration'] != null) chips.push(chip('Billed', ms(e['@billedDuration'])));
    if (e['@maxMemoryUsed'] != null || e['@memorySize'] != null) {
      const used = e['@maxMemoryUsed'] != null ? mb(e['@maxMemoryUsed']) : '?';
      const size = e['@memorySize'] != null ? mb(e['@memorySize']) : '?';
      chips.push(chip('Memory', used + ' / ' + size + ' MB'));
    }
    if (e['@initDuration'] != null) chips.push(chip('Init', ms(e['@initDuration']), 'cold'));
    return chips;
  }

  function chip(label, value, extraClass) {
    const span = document.createElement('span');
    span.className = 'chip' + (extraClass ? ' ' + extraClass : '');
    const b = document.createElement('b');
    b.textContent = label;
    span.append(b, document.createTextNode(' ' + value));
    return span;
  }

  function isError(message) {
    return /\t(ERROR|FATAL)\t/.test(message) || / Task timed out after /.test(message);
  }

  function ms(value) {
    return (Math.round(value * 100) / 100).toLocaleString() + ' ms';
  }

  function mb(bytes) {
    return Math.round(bytes / 1e6).toLocaleString(); // CloudWatch counts 1 MB as 10^6 bytes
  }

  function localTime(iso) {
    const d = new Date(iso);
    const p = (n, w) => String(n).padStart(w || 2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} `
      + `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
  }

  // --- wiring ---

  form.addEventListener('submit', event => {
    event.preventDefault();
    writeUrl(true);
    search();
  });
  range.addEventListener('change', () => form.requestSubmit());
  logGroup.addEventListener('change', () => form.requestSubmit());
  window.addEventListener('popstate', () => {
    readUrl();
    search();
  });

  readUrl();
  loadLogGroups();
  search();
})();
