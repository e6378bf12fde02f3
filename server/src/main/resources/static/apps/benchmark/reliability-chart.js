// Reliability diagram of one submission: for each confidence bin, the share of records whose most probable
// direction was right (bar) against the mean confidence; the diagonal is perfect calibration. SVG, no library.
'use strict';

const ReliabilityChart = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const SIZE = 96;
  const PAD = 14;

  function element(name, attributes, parent) {
    const node = document.createElementNS(NS, name);
    Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, v));
    if (parent) {
      parent.appendChild(node);
    }
    return node;
  }

  function draw(bins, label) {
    const inner = SIZE - 2 * PAD;
    const svg = element('svg', { class: 'reliability', width: SIZE, height: SIZE, viewBox: '0 0 ' + SIZE + ' ' + SIZE, role: 'img' });
    svg.setAttribute('aria-label', 'Reliability diagram of ' + label);
    const x = v => PAD + v * inner;
    const y = v => SIZE - PAD - v * inner;
    (bins || []).forEach(bin => {
      if (bin.count > 0 && bin.accuracy !== null && bin.accuracy !== undefined) {
        const bar = element('rect', {
          class: 'bar', x: x(bin.lower) + 1, width: Math.max(1, x(bin.upper) - x(bin.lower) - 2),
          y: y(bin.accuracy), height: y(0) - y(bin.accuracy)
        }, svg);
        element('title', {}, bar).textContent = 'confidence ' + bin.lower.toFixed(1) + '–' + bin.upper.toFixed(1)
          + ': ' + bin.count + ' records, accuracy ' + bin.accuracy.toFixed(2) + ', mean confidence ' + bin.meanConfidence.toFixed(2);
      }
    });
    element('line', { class: 'diagonal', x1: x(0), y1: y(0), x2: x(1), y2: y(1) }, svg);
    element('line', { class: 'axis', x1: x(0), y1: y(0), x2: x(1), y2: y(0) }, svg);
    element('line', { class: 'axis', x1: x(0), y1: y(0), x2: x(0), y2: y(1) }, svg);
    element('text', { x: x(0.5), y: SIZE - 4, 'text-anchor': 'middle' }, svg).textContent = 'confidence';
    element('text', { x: 4, y: y(0.5), transform: 'rotate(-90 8 ' + y(0.5) + ')', 'text-anchor': 'middle' }, svg).textContent = 'accuracy';
    return svg;
  }

  return { draw };
})();
