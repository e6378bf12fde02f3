// A small Markdown renderer for the dataset card (headings, paragraphs, lists, tables, code, bold): builds DOM
// nodes with textContent only, so nothing in a card can inject markup or script.
'use strict';

const Markdown = (() => {
  function inline(parent, text) {
    text.split(/(\*\*[^*]+\*\*|`[^`]+`)/).forEach(part => {
      if (part.startsWith('**') && part.endsWith('**') && part.length > 4) {
        parent.appendChild(document.createElement('strong')).textContent = part.slice(2, -2);
      } else if (part.startsWith('`') && part.endsWith('`') && part.length > 2) {
        parent.appendChild(document.createElement('code')).textContent = part.slice(1, -1);
      } else if (part) {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }

  function cells(line) {
    return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map(c => c.trim());
  }

  function render(container, source) {
    container.replaceChildren();
    const lines = source.split('\n');
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      const heading = /^(#{1,4})\s+(.*)$/.exec(line);
      if (heading) {
        inline(container.appendChild(document.createElement('h' + heading[1].length)), heading[2]);
        i++;
      } else if (line.trim().startsWith('|') && i + 1 < lines.length && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1])) {
        const table = container.appendChild(document.createElement('table'));
        const head = table.appendChild(document.createElement('tr'));
        cells(line).forEach(c => inline(head.appendChild(document.createElement('th')), c));
        i += 2;
        while (i < lines.length && lines[i].trim().startsWith('|')) {
          const row = table.appendChild(document.createElement('tr'));
          cells(lines[i]).forEach(c => inline(row.appendChild(document.createElement('td')), c));
          i++;
        }
      } else if (/^\s*[-*]\s+/.test(line)) {
        const list = container.appendChild(document.createElement('ul'));
        while (i < lines.length && /^\s*[-*]\s+/.test(lines[i])) {
          inline(list.appendChild(document.createElement('li')), lines[i].replace(/^\s*[-*]\s+/, ''));
          i++;
        }
      } else if (line.startsWith('```')) {
        const pre = container.appendChild(document.createElement('pre'));
        const body = [];
        i++;
        while (i < lines.length && !lines[i].startsWith('```')) {
          body.push(lines[i++]);
        }
        pre.textContent = body.join('\n');
        i++;
      } else if (line.trim()) {
        const paragraph = [];
        while (i < lines.length && lines[i].trim() && !/^(#|\||```|\s*[-*]\s)/.test(lines[i])) {
          paragraph.push(lines[i++].trim());
        }
        inline(container.appendChild(document.createElement('p')), paragraph.join(' '));
      } else {
        i++;
      }
    }
  }

  return { render };
})();
