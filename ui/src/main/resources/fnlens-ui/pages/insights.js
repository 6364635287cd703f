// Logs Insights: editor, log groups, time range, histogram, results, export, saved queries.
// The URL (#/insights?q=...&range=...&groups=...) reproduces the view, results included.
import { query } from '../js/api.js';
import { chartBox, COLORS, bins, timeChart } from '../js/charts.js';
import { errorBox, h, replace } from '../js/dom.js';
import { bytes, int } from '../js/format.js';
import { groupPicker } from '../js/groups.js';
import * as ranges from '../js/range.js';
import { commands, createEditor } from './insights-editor.js';
import { exportButtons, MAX_SHOWN, resultsTable, visualization } from './insights-results.js';

export const EXAMPLES = [
  ['Latest events', 'fields @timestamp, @message, @logStream, @log\n| sort @timestamp desc\n| limit 20'],
  ['Errors with their invocation', 'filter ispresent(errorType)\n| fields @timestamp, @log, errorType, errorMessage, @requestId\n| sort @timestamp desc\n| limit 100'],
  ['Errors by type', 'filter ispresent(errorType)\n| stats count() as n by errorType, @log\n| sort n desc'],
  ['Slowest invocations', 'filter @type = "REPORT"\n| fields @requestId, @duration, @billedDuration, @log\n| sort @duration desc\n| limit 20'],
  ['Duration percentiles over time', 'filter @type = "REPORT"\n| stats avg(@duration), pct(@duration, 95), pct(@duration, 99) by bin(5m)'],
  ['Cold starts', 'filter @type = "REPORT" and ispresent(@initDuration)\n| stats count() as coldStarts, avg(@initDuration) as avgInit, max(@initDuration) as maxInit by @log'],
  ['Over-provisioned memory', 'filter @type = "REPORT"\n| stats max(@memorySize / 1000 / 1000) as provisionedMemoryMB,\n    max(@maxMemoryUsed / 1000 / 1000) as maxMemoryUsedMB,\n    provisionedMemoryMB - maxMemoryUsedMB as overProvisionedMB\n  by @log'],
  ['Timeouts', 'filter @message like /Task timed out/\n| stats count() by bin(30m)'],
  ['Message patterns', 'pattern @message'],
];
const DEFAULT_QUERY = EXAMPLES[0][1];
const SAVED_KEY = 'fnlens.savedQueries';

function loadSaved() {
  try { return JSON.parse(localStorage.getItem(SAVED_KEY) || '[]').filter(s => s && typeof s.name === 'string'); } catch (e) { return []; }
}

function storeSaved(list) {
  try { localStorage.setItem(SAVED_KEY, JSON.stringify(list)); } catch (e) { /* storage full or off */ }
}

/** The query's leading filter and parse commands, counted by time bin: the histogram of matching events. */
export function histogramQuery(text, unit) {
  const kept = [];
  for (const c of commands(text)) {
    if (c.name === 'filter' || c.name === 'parse') kept.push(c.text);
    else if (c.name !== 'fields' && c.name !== 'display' && c.name !== 'sort') break;
  }
  return kept.concat(`stats count() as events by bin(${unit})`).join('\n| ');
}

export default {
  title: () => 'Logs Insights',
  async render(view, route, ctx) {
    const params = route.params;
    let range = ranges.fromParams(params);
    let groups = (params.get('groups') || '').split(',').map(s => s.trim()).filter(Boolean);
    let running = null;

    const editor = createEditor({ value: params.get('q') ?? DEFAULT_QUERY, onRun: () => run(true) });
    const status = h('p', { class: 'status', 'aria-live': 'polite', id: 'query-status' });
    const output = h('div', { class: 'query-output' });
    const runButton = h('button', { type: 'button', class: 'primary', title: 'Ctrl+Enter / Cmd+Enter' }, 'Run query');
    runButton.addEventListener('click', () => run(true));

    const examples = h('select', { 'aria-label': 'Example queries', class: 'examples' },
      h('option', { value: '' }, 'Examples…'), EXAMPLES.map(([name], i) => h('option', { value: String(i) }, name)));
    examples.addEventListener('change', () => {
      if (examples.value === '') return;
      editor.value = EXAMPLES[Number(examples.value)][1];
      examples.value = '';
      editor.focus();
    });

    const saved = h('select', { 'aria-label': 'Saved queries', class: 'saved' });
    const saveName = h('input', { type: 'text', placeholder: 'Name this query', 'aria-label': 'Saved query name', maxlength: 100 });
    const saveForm = h('form', { class: 'save-form', hidden: true }, saveName,
      h('button', { type: 'submit', class: 'button' }, 'Save'),
      h('button', { type: 'button', class: 'link-button', onclick: () => { saveForm.hidden = true; } }, 'Cancel'));
    const saveButton = h('button', { type: 'button', class: 'button' }, 'Save query');
    const deleteButton = h('button', { type: 'button', class: 'link-button', hidden: true }, 'Delete');
    function drawSaved(selectedName) {
      const list = loadSaved();
      saved.replaceChildren(h('option', { value: '' }, list.length ? 'Saved queries (' + list.length + ')…' : 'No saved queries'),
        ...list.map(s => h('option', { value: s.name }, s.name)));
      saved.value = list.some(s => s.name === selectedName) ? selectedName : '';
      saved.disabled = !list.length;
      deleteButton.hidden = !saved.value;
    }
    saved.addEventListener('change', () => {
      const s = loadSaved().find(x => x.name === saved.value);
      deleteButton.hidden = !s;
      if (!s) return;
      editor.value = s.query;
      if (Array.isArray(s.groups)) { groups = s.groups; pickerSlot.replaceChildren(picker()); }
      run(true);
    });
    saveButton.addEventListener('click', () => {
      saveForm.hidden = false;
      saveName.value = saved.value || '';
      saveName.focus();
    });
    saveForm.addEventListener('submit', e => {
      e.preventDefault();
      const name = saveName.value.trim();
      if (!name) return;
      const list = loadSaved().filter(s => s.name !== name);
      list.push({ name, query: editor.value, groups });
      list.sort((a, b) => a.name.localeCompare(b.name));
      storeSaved(list);
      saveForm.hidden = true;
      drawSaved(name);
    });
    deleteButton.addEventListener('click', () => {
      storeSaved(loadSaved().filter(s => s.name !== saved.value));
      drawSaved('');
    });
    drawSaved('');

    const picker = () => groupPicker(groups, next => { groups = next; writeUrl(false); });
    const pickerSlot = h('span', null, picker());
    const rangeSlot = h('span');
    const drawRange = () => rangeSlot.replaceChildren(ranges.picker(range, next => { range = next; drawRange(); run(true); }));
    drawRange();

    view.append(
      h('div', { class: 'page-head' }, h('h1', null, 'Logs Insights'),
        h('div', { class: 'toolbar' }, pickerSlot, rangeSlot)),
      h('div', { class: 'card editor-card' }, editor.el,
        h('div', { class: 'editor-bar' }, runButton, h('span', { class: 'hint' }, 'Ctrl+Enter'), examples, saved, deleteButton, saveButton, saveForm)),
      status, output);

    function writeUrl(push) {
      const p = new URLSearchParams();
      p.set('q', editor.value);
      ranges.toParams(range, p);
      if (groups.length) p.set('groups', groups.join(','));
      ctx.setParams(p, { push });
    }

    async function run(fromUser) {
      if (running) running.abort();
      const abort = new AbortController();
      running = abort;
      if (fromUser && range.relative) range = ranges.fromParams(new URLSearchParams({ range: range.relative }));
      writeUrl(fromUser);
      const text = editor.value;
      editor.markError(null);
      status.textContent = 'Running…';
      output.setAttribute('aria-busy', 'true');
      const period = ranges.period(range, 60);
      const opts = { logGroups: groups, signal: abort.signal };
      const started = performance.now();
      const histogram = query(histogramQuery(text, period.unit), range, opts).catch(() => null);
      try {
        const answer = await query(text, range, opts);
        const elapsed = Math.round(performance.now() - started);
        if (abort !== running) return;
        const s = answer.statistics;
        status.textContent = `${answer.status} · ${int(answer.rows.length)} rows · ${int(s.recordsMatched)} records matched · `
          + `${int(s.recordsScanned)} scanned · ${bytes(s.bytesScanned)} · ${elapsed} ms`
          + (answer.rows.length > MAX_SHOWN ? ` · the table shows the first ${int(MAX_SHOWN)}, the exports all` : '');
        const { box, plot } = chartBox('Matching events', period.unit + ' bins');
        box.classList.add('histogram');
        const chart = visualization(answer);
        replace(output, box, chart && chart.box, h('div', { class: 'results-bar' }, exportButtons(answer)),
          answer.rows.length ? resultsTable(answer) : h('p', { class: 'empty' }, 'No results in this time range.'));
        if (chart) chart.draw();
        const hist = await histogram;
        if (abort !== running) return;
        if (hist) {
          const b = bins(hist.rows, `bin(${period.unit})`, range, period);
          timeChart(plot, b.xs, [{ label: 'Events', values: b.get('events'), color: COLORS.accent, bars: true }],
            { height: 110, legend: false, format: v => (Number.isInteger(v) ? v.toLocaleString('en-US') : '') });
        } else {
          box.remove();
        }
      } catch (e) {
        if (abort !== running || e.name === 'AbortError') return;
        status.textContent = '';
        if (e.line) editor.markError(e.line, e.column);
        output.replaceChildren(errorBox(e.message));
        output.querySelector('.error').classList.add('query-error');
      } finally {
        if (abort === running) output.removeAttribute('aria-busy');
      }
    }

    if (params.has('q')) run(false);
    else editor.focus();
    return () => { if (running) running.abort(); };
  },
};
