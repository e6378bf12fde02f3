// Draws one SVG chart per state variable of a $trajectory answer (FHIR Parameters): the measured values
// over time, intervention episodes as shaded intervals labelled with their start and end, derived
// transitions as dashed markers whose delta, direction and confidence show on hover and in a table
// under the chart, and a legend saying which is which.
'use strict';

const TrajectoryChart = (() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const WIDTH = 760, HEIGHT = 220, MARGIN = { left: 50, right: 15, top: 10, bottom: 25 };

  function part(parameter, name) {
    return (parameter.part || []).filter(p => p.name === name);
  }

  function value(p) {
    if (!p) return undefined;
    return p.valueDecimal ?? p.valueDateTime ?? p.valueCode ?? p.valueString ?? p.valueCoding ?? p.valueReference;
  }

  /** Plain data from the Parameters resource. */
  function parse(parameters) {
    const all = parameters.parameter || [];
    const variables = all.filter(p => p.name === 'variable').map(v => ({
      code: value(part(v, 'code')[0]).code,
      display: value(part(v, 'code')[0]).display || value(part(v, 'code')[0]).code,
      unit: value(part(v, 'unit')[0]) || '',
      points: part(v, 'point').map(p => ({ time: Date.parse(value(part(p, 'time')[0])), value: Number(value(part(p, 'value')[0])) }))
        .filter(p => !Number.isNaN(p.time) && !Number.isNaN(p.value)).sort((a, b) => a.time - b.time)
    }));
    const interventions = all.filter(p => p.name === 'intervention').map(i => ({
      label: (value(part(i, 'actionClass')[0]) || {}).display || (value(part(i, 'actionClass')[0]) || {}).code || 'intervention',
      start: Date.parse(value(part(i, 'start')[0])),
      end: part(i, 'end').length ? Date.parse(value(part(i, 'end')[0])) : undefined
    }));
    const transitions = all.filter(p => p.name === 'transition').map(t => ({
      variable: (value(part(t, 'variable')[0]) || {}).code,
      action: (value(part(t, 'actionClass')[0]) || {}).display || (value(part(t, 'actionClass')[0]) || {}).code || '',
      baseline: Date.parse(value(part(t, 'baselineTime')[0])),
      followUp: Date.parse(value(part(t, 'followUpTime')[0])),
      baselineValue: Number(value(part(t, 'baseline')[0])),
      followUpValue: Number(value(part(t, 'followUp')[0])),
      delta: Number(value(part(t, 'delta')[0])),
      direction: value(part(t, 'direction')[0]) || '',
      confidence: Number(value(part(t, 'confidence')[0]))
    }));
    return { variables, interventions, transitions };
  }

  function element(name, attributes, parent) {
    const node = document.createElementNS(SVG, name);
    Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, v));
    if (parent) parent.appendChild(node);
    return node;
  }

  function day(time) {
    return Number.isNaN(time) || time === undefined ? '' : new Date(time).toISOString().slice(0, 10);
  }

  function number(n) {
    return Number.isNaN(n) ? '' : Number(n.toPrecision(4)).toString();
  }

  function signed(n) {
    return Number.isNaN(n) ? '' : (n > 0 ? '+' : '') + number(n);
  }

  /** One line per transition: what hovering a marker shows, and what the table lists. */
  function describe(t, unit) {
    return `${t.action ? t.action + ': ' : ''}${number(t.baselineValue)} → ${number(t.followUpValue)} ${unit}`
      + ` (Δ ${signed(t.delta)} ${unit}), ${t.direction}, confidence ${number(t.confidence)}`
      + ` [${day(t.baseline)} → ${day(t.followUp)}]`;
  }

  function legend(section) {
    const list = document.createElement('ul');
    list.className = 'legend';
    [['series', 'measured value'], ['intervention', 'intervention (start to end)'], ['transition', 'transition: baseline and follow-up']]
      .forEach(([kind, text]) => {
        const item = document.createElement('li');
        item.dataset.legend = kind;
        const swatch = document.createElement('span');
        swatch.className = 'swatch swatch-' + kind;
        item.append(swatch, document.createTextNode(text));
        list.appendChild(item);
      });
    section.appendChild(list);
  }

  function table(section, transitions, unit) {
    if (transitions.length === 0) return;
    const tableElement = document.createElement('table');
    tableElement.className = 'transitions';
    const head = tableElement.createTHead().insertRow();
    ['action', 'baseline', 'follow-up', 'delta', 'direction', 'confidence'].forEach(text => {
      const cell = document.createElement('th');
      cell.textContent = text;
      head.appendChild(cell);
    });
    const body = tableElement.createTBody();
    transitions.forEach(t => {
      const row = body.insertRow();
      row.dataset.direction = t.direction;
      [t.action, `${number(t.baselineValue)} ${unit} (${day(t.baseline)})`, `${number(t.followUpValue)} ${unit} (${day(t.followUp)})`,
        `${signed(t.delta)} ${unit}`, t.direction, number(t.confidence)].forEach((text, index) => {
        const cell = row.insertCell();
        cell.textContent = text;
        cell.className = ['action', 'baseline', 'follow-up', 'delta', 'direction', 'confidence'][index];
      });
    });
    section.appendChild(tableElement);
  }

  function drawVariable(container, variable, interventions, transitions) {
    const section = document.createElement('section');
    section.className = 'chart';
    section.dataset.variable = variable.code;
    section.dataset.points = String(variable.points.length);
    const title = document.createElement('h2');
    title.textContent = variable.display + (variable.unit ? ' (' + variable.unit + ')' : '');
    section.appendChild(title);
    const svg = element('svg', { width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img' }, section);
    container.appendChild(section);
    const ownTransitions = transitions.filter(t => t.variable === variable.code);
    legend(section);
    table(section, ownTransitions, variable.unit);
    if (variable.points.length === 0) return;

    const times = variable.points.map(p => p.time);
    const values = variable.points.map(p => p.value);
    let t0 = Math.min(...times), t1 = Math.max(...times);
    if (t0 === t1) { t0 -= 86400000; t1 += 86400000; }
    let v0 = Math.min(...values), v1 = Math.max(...values);
    if (v0 === v1) { v0 -= 1; v1 += 1; }
    const x = t => MARGIN.left + (t - t0) / (t1 - t0) * (WIDTH - MARGIN.left - MARGIN.right);
    const y = v => HEIGHT - MARGIN.bottom - (v - v0) / (v1 - v0) * (HEIGHT - MARGIN.top - MARGIN.bottom);
    const clamp = t => Math.min(Math.max(t, t0), t1);

    interventions.filter(i => !Number.isNaN(i.start) && i.start <= t1 && (i.end === undefined || i.end >= t0)).forEach(i => {
      const start = x(clamp(i.start)), end = x(clamp(i.end === undefined ? t1 : i.end));
      const rect = element('rect', { class: 'intervention', x: start, y: MARGIN.top, width: Math.max(end - start, 2),
        height: HEIGHT - MARGIN.top - MARGIN.bottom }, svg);
      element('title', {}, rect).textContent = `${i.label}: ${day(i.start)} → ${i.end === undefined ? 'ongoing' : day(i.end)}`;
      element('text', { class: 'intervention-label', x: start + 2, y: MARGIN.top + 10 }, svg).textContent = i.label;
      element('text', { class: 'intervention-start', x: start + 2, y: MARGIN.top + 22 }, svg).textContent = 'start ' + day(i.start);
      if (i.end !== undefined && i.end <= t1) {
        element('text', { class: 'intervention-end', x: end - 2, y: MARGIN.top + 34, 'text-anchor': 'end' }, svg)
          .textContent = 'end ' + day(i.end);
      }
    });
    element('line', { class: 'axis', x1: MARGIN.left, y1: HEIGHT - MARGIN.bottom, x2: WIDTH - MARGIN.right, y2: HEIGHT - MARGIN.bottom }, svg);
    element('line', { class: 'axis', x1: MARGIN.left, y1: MARGIN.top, x2: MARGIN.left, y2: HEIGHT - MARGIN.bottom }, svg);
    [v0, (v0 + v1) / 2, v1].forEach(v => {
      element('text', { class: 'tick', x: 4, y: y(v) + 3 }, svg).textContent = Number(v.toPrecision(4)).toString();
    });
    [t0, t1].forEach((t, index) => {
      element('text', { class: 'tick', x: index === 0 ? MARGIN.left : WIDTH - MARGIN.right - 60, y: HEIGHT - 8 }, svg)
        .textContent = new Date(t).toISOString().slice(0, 10);
    });
    ownTransitions.forEach(t => {
      [t.baseline, t.followUp].filter(time => !Number.isNaN(time) && time >= t0 && time <= t1).forEach(time => {
        const marker = element('line', { class: 'transition', x1: x(time), y1: MARGIN.top, x2: x(time), y2: HEIGHT - MARGIN.bottom }, svg);
        element('title', {}, marker).textContent = describe(t, variable.unit);
      });
    });
    element('polyline', { class: 'series', 'data-series': variable.code,
      points: variable.points.map(p => `${x(p.time)},${y(p.value)}`).join(' ') }, svg);
    variable.points.forEach(p => element('circle', { class: 'point', cx: x(p.time), cy: y(p.value), r: 3 }, svg));
  }

  function draw(container, parameters) {
    const data = parse(parameters);
    container.replaceChildren();
    data.variables.forEach(v => drawVariable(container, v, data.interventions, data.transitions));
    return data;
  }

  return { parse, draw };
})();
