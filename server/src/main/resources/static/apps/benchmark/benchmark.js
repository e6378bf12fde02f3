// The benchmark page: launches standalone against the FHIR server it is served from (it asks only for the
// benchmark's read scope, benchmark/*.read, which reaches no clinical record), then shows the tasks, the dataset
// versions, a version's card and the leaderboard per task and split, with a reliability diagram per tuning submission
// (held-out entries carry rounded aggregates with intervals only), and the card's plots of each task (train and tuning
// only, drawn by the server from the card) in the card and above the leaderboard. It never sees a record.
'use strict';

(async () => {
  const status = document.getElementById('status');
  const fhirBase = window.location.origin + '/fhir';
  const query = new URLSearchParams(window.location.search);
  // ?dataset= selects a version; it is kept across the sign-in redirect.
  const WANTED = 'transitionnet.benchmark.dataset';
  if (query.has('dataset')) {
    sessionStorage.setItem(WANTED, query.get('dataset'));
  }
  const wanted = sessionStorage.getItem(WANTED);
  let session;

  async function get(path, accept) {
    const response = await fetch(fhirBase + '/' + path, {
      headers: { Authorization: 'Bearer ' + session.accessToken, Accept: accept || 'application/json' }
    });
    if (response.status === 401) {
      SmartLaunch.forget();
      throw new Error('The session has expired: reload the page to sign in again');
    }
    if (!response.ok) {
      let detail = '';
      try {
        detail = ((await response.json()).issue || []).map(i => i.diagnostics).join('; ');
      } catch (ignored) {
        // not an OperationOutcome
      }
      throw new Error(path.split('?')[0] + ' failed: HTTP ' + response.status + (detail ? ': ' + detail : ''));
    }
    return accept && (accept.startsWith('text/') || accept.startsWith('image/svg')) ? response.text() : response.json();
  }

  function cell(row, text, className) {
    const td = row.appendChild(document.createElement('td'));
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    return td;
  }

  function format(value) {
    return value === null || value === undefined ? '–' : Number(value).toFixed(3);
  }

  function option(select, value, text) {
    const o = select.appendChild(document.createElement('option'));
    o.value = value;
    o.textContent = text;
  }

  function showTask(task, version) {
    const detail = document.getElementById('task-detail');
    detail.replaceChildren();
    if (!task) {
      return;
    }
    detail.appendChild(document.createElement('h2')).textContent = task.title + ' (' + task.id + ' ' + task.version + ')';
    detail.appendChild(document.createElement('p')).textContent = task.description || '';
    const counts = (version.counts || {})[task.id] || {};
    const table = detail.appendChild(document.createElement('table'));
    table.className = 'counts';
    const head = table.appendChild(document.createElement('tr'));
    ['split', 'records'].forEach(h => { head.appendChild(document.createElement('th')).textContent = h; });
    ['train', 'tuning', 'held_out'].forEach(split => {
      const row = table.appendChild(document.createElement('tr'));
      cell(row, split);
      cell(row, String(counts[split] || 0), 'number');
    });
    if (task.safetyBoundary) {
      document.getElementById('boundary').textContent = task.safetyBoundary;
    }
  }

  function showLeaderboard(board, taskId) {
    const container = document.getElementById('leaderboard');
    container.replaceChildren();
    const task = (board.tasks || []).find(t => t.id === taskId || t.task === taskId);
    if (!task) {
      container.textContent = 'No scored submission for this task yet.';
      return 0;
    }
    const metrics = (task.metrics || []).map(m => m.name || m);
    let entries = 0;
    if (board.dataset && board.dataset.demonstration) {
      const note = container.appendChild(document.createElement('p'));
      note.className = 'demonstration';
      note.textContent = 'This version is a ' + board.dataset.demonstration + '.';
    }
    ['held_out', 'tuning'].forEach(split => {
      const list = (task.splits || {})[split] || [];
      const heldOut = split === 'held_out';
      const ties = (task.tieBreaks || []).join(', ');
      container.appendChild(document.createElement('h3')).textContent = split + ' (ranked by ' + task.rankedBy
        + (ties ? '; ties: ' + ties : '') + ')';
      if (heldOut) {
        container.appendChild(document.createElement('p')).textContent = 'Held-out scores are rounded, with a 95 % bootstrap '
          + 'interval, and a client\'s new scores are listed only when they beat its best released ones.';
      }
      const table = container.appendChild(document.createElement('table'));
      table.className = 'board';
      table.dataset.split = split;
      const head = table.appendChild(document.createElement('tr'));
      (heldOut ? ['#', 'model', 'client'].concat(metrics) : ['#', 'model', 'client', 'predicted', 'missing'].concat(metrics, ['reliability']))
        .forEach(h => { head.appendChild(document.createElement('th')).textContent = h; });
      list.forEach(entry => {
        entries++;
        const row = table.appendChild(document.createElement('tr'));
        row.className = entry.baseline ? 'entry baseline' : 'entry';
        row.dataset.model = entry.model.name;
        cell(row, String(entry.rank), 'number');
        const model = cell(row, entry.model.name, 'model');
        model.title = entry.model.description || '';
        cell(row, entry.client);
        if (heldOut) {
          const withheld = (entry.heldOutRelease || {}).withheld;
          metrics.forEach(m => {
            const interval = (entry.intervals || {})[m];
            const td = cell(row, withheld ? 'withheld' : format((entry.metrics || {})[m]), 'number');
            if (interval) {
              td.title = '95 % interval ' + format(interval.low) + ' to ' + format(interval.high);
            } else if (withheld) {
              td.title = withheld;
            }
          });
          return;
        }
        cell(row, String(entry.predicted), 'number');
        cell(row, String(entry.missing), 'number');
        metrics.forEach(m => cell(row, format((entry.metrics || {})[m]), 'number'));
        cell(row, '').appendChild(ReliabilityChart.draw(entry.reliability, entry.model.name + ' on ' + split));
      });
      if (!list.length) {
        const row = table.appendChild(document.createElement('tr'));
        cell(row, 'no submission yet').colSpan = 6 + metrics.length;
      }
    });
    return entries;
  }

  // Each task's plot under the table of its splits in the card, and the selected task's above the leaderboard.
  function showPlots(taskIds, svgs, selected) {
    const headings = Array.from(document.querySelectorAll('#card h2'));
    taskIds.forEach((id, i) => {
      const figure = svgs[i] && CardPlots.figure(svgs[i], id);
      if (!figure) {
        return;
      }
      const heading = headings.find(h => h.textContent.startsWith('Task ' + id + ' '));
      let table = heading && heading.nextElementSibling;
      while (table && table.tagName !== 'TABLE' && table.tagName !== 'H2') {
        table = table.nextElementSibling;
      }
      if (table && table.tagName === 'TABLE') {
        table.after(figure);
      }
      if (id === selected) {
        document.getElementById('leaderboard').prepend(figure.cloneNode(true));
      }
    });
  }

  try {
    session = await SmartLaunch.completeIfReturning() || SmartLaunch.restore(fhirBase);
    if (!session) {
      status.textContent = 'Redirecting to sign in…';
      await SmartLaunch.authorize({
        fhirBase,
        clientId: query.get('client_id') || 'benchmark-viewer',
        scope: 'openid fhirUser benchmark/*.read',
        redirectUri: window.location.origin + window.location.pathname
      });
      return;
    }
    status.textContent = 'Loading datasets…';
    const listing = await get('$datasets');
    const versions = listing.datasets || [];
    if (!versions.length) {
      status.textContent = 'No dataset version has been built yet (' + (listing.tasks || []).length + ' tasks defined).';
      document.body.dataset.rendered = 'true';
      return;
    }
    const versionSelect = document.getElementById('version');
    const taskSelect = document.getElementById('task');
    versions.forEach(v => option(versionSelect, v.datasetId, v.semver + ' — ' + v.datasetId + ' (' + v.createdAt + ')'));
    if (versions.some(v => v.datasetId === wanted)) {
      versionSelect.value = wanted;
    }

    async function render() {
      const version = versions.find(v => v.datasetId === versionSelect.value);
      const previous = taskSelect.value;
      taskSelect.replaceChildren();
      version.tasks.forEach(id => option(taskSelect, id, id));
      if (version.tasks.includes(previous)) {
        taskSelect.value = previous;
      }
      const task = (listing.tasks || []).find(t => t.id === taskSelect.value);
      status.textContent = 'Loading version ' + version.semver + '…';
      const cardUrl = '$dataset-card?dataset=' + encodeURIComponent(version.datasetId);
      const [board, card, plots] = await Promise.all([
        get('$leaderboard?dataset=' + encodeURIComponent(version.datasetId)),
        get(cardUrl + '&_format=markdown', 'text/markdown')
          .catch(error => '# Card unavailable\n\n' + error.message),
        // A task whose splits all show counts only has no plot (404): it is left out.
        Promise.all(version.tasks.map(id => get(cardUrl + '&_format=svg&task=' + encodeURIComponent(id), 'image/svg+xml')
          .catch(() => null)))
      ]);
      showTask(task, version);
      const entries = showLeaderboard(board, taskSelect.value);
      Markdown.render(document.getElementById('card'), card);
      showPlots(version.tasks, plots, taskSelect.value);
      status.textContent = 'Version ' + version.semver + ' (' + version.datasetId + '), task ' + taskSelect.value + ': '
        + entries + ' leaderboard entries';
      document.body.dataset.rendered = 'true';
    }

    versionSelect.addEventListener('change', () => render().catch(fail));
    taskSelect.addEventListener('change', () => render().catch(fail));
    await render();
  } catch (error) {
    fail(error);
  }

  function fail(error) {
    status.textContent = error.message;
    document.body.dataset.error = error.message;
  }
})();
