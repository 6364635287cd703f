// What a new user sees before any data arrived: how to attach the agent.
import { h } from './dom.js';

export function attachAgent(heading) {
  const collector = location.protocol + '//' + location.hostname + ':4318';
  return h('div', { class: 'empty-state' },
    h('h1', null, heading || 'No invocations yet'),
    h('p', null, 'Attach the fnlens agent to a Java function and its invocations show up here within a second.'),
    h('ol', { class: 'steps' },
      h('li', null, 'Point the function\'s JVM at the agent and this collector:',
        h('pre', { class: 'code' },
          'JAVA_TOOL_OPTIONS=-javaagent:/path/to/fnlens-agent.jar\n'
          + 'FNLENS_ENDPOINT=' + collector)),
      h('li', null, 'On AWS Lambda, ship the jar in a layer (it lands in /opt) and set '
        + 'JAVA_TOOL_OPTIONS=-agentlib:instrument=/opt/fnlens-agent.jar on the function (it starts faster than '
        + '-javaagent there). '
        + 'Locally, ', h('code', null, 'java -jar fnlens.jar local --template template.yaml'),
        ' runs functions with the agent attached.'),
      h('li', null, 'Or see it with sample traffic: ', h('code', null, 'java -jar fnlens.jar demo'), '.')),
    h('p', { class: 'muted' }, 'Already sending? Widen the time range: nothing arrived in the one chosen.'));
}

export function noMatches(text) {
  return h('p', { class: 'empty' }, text || 'Nothing matches in this time range.');
}
