// The dataset card's plots of a task (train and tuning distributions, follow-up time, direction shares): the server
// draws them as SVG from the stored card, so they show exactly the numbers the card releases. This brings such an SVG
// into the page by copying only the elements and attributes a plot uses (no script, no link, no event handler), so
// nothing in an answer can run in the page, and keeps its <title> and <desc> for screen readers.
'use strict';

const CardPlots = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const ELEMENTS = new Set(['svg', 'g', 'rect', 'line', 'circle', 'text', 'title', 'desc']);
  const ATTRIBUTES = new Set(['class', 'role', 'width', 'height', 'viewBox', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy',
    'r', 'fill', 'stroke', 'stroke-width', 'text-anchor', 'font-weight', 'font-family', 'font-size', 'data-task',
    'data-split', 'data-variable', 'data-value']);

  function copy(node) {
    if (node.nodeType === Node.TEXT_NODE) {
      return document.createTextNode(node.nodeValue);
    }
    if (node.nodeType !== Node.ELEMENT_NODE || node.namespaceURI !== NS || !ELEMENTS.has(node.localName)) {
      return null;
    }
    const out = document.createElementNS(NS, node.localName);
    Array.from(node.attributes).forEach(a => {
      if (!a.namespaceURI && ATTRIBUTES.has(a.name)) {
        out.setAttribute(a.name, a.value);
      }
    });
    node.childNodes.forEach(child => {
      const copied = copy(child);
      if (copied) {
        out.appendChild(copied);
      }
    });
    return out;
  }

  // A figure holding the plot of one task, or null when the answer is no SVG.
  function figure(svgText, taskId) {
    const parsed = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    if (parsed.getElementsByTagName('parsererror').length || parsed.documentElement.localName !== 'svg') {
      return null;
    }
    const svg = copy(parsed.documentElement);
    const figure = document.createElement('figure');
    figure.className = 'plots';
    figure.dataset.task = taskId;
    figure.appendChild(svg);
    figure.appendChild(document.createElement('figcaption')).textContent = 'Train and tuning splits of ' + taskId
      + ' as the card releases them: quartile box, median line, mean dot, direction shares. Held-out split and '
      + 'splits of fewer than k records: counts only, no plot.';
    return figure;
  }

  return { figure };
})();
