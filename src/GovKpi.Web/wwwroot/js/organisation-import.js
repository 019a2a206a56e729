// Follows an organisation import started on /organisation/import: polls its status every second,
// then shows the summary per file kind or every located problem. Without script the page still
// works (reload it to see the result).
(function () {
  const panel = document.getElementById('org-import-status');
  if (!panel) return;
  const url = '/api/organisation/imports/' + panel.dataset.job;
  const bar = document.getElementById('org-import-progress');
  const state = document.getElementById('org-import-state');
  const summary = document.getElementById('org-import-summary');
  const problems = document.getElementById('org-import-problems');
  const warnings = document.getElementById('org-import-warnings');

  function codes(list, items) {
    list.replaceChildren(...items.map(text => {
      const li = document.createElement('li');
      const code = document.createElement('code');
      code.textContent = text;
      li.appendChild(code);
      return li;
    }));
  }

  async function poll() {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) { setTimeout(poll, 2000); return; }
    const s = await response.json();
    bar.value = s.step;
    const key = s.state === 'completed' && !s.changed ? 'unchanged' : s.state;
    const text = panel.dataset['text' + key.charAt(0).toUpperCase() + key.slice(1)] || s.state;
    state.textContent = s.error ? text + ': ' + s.error : text;
    const body = summary.tBodies[0];
    body.replaceChildren(...s.summary.map(k => {
      const tr = document.createElement('tr');
      const name = document.createElement('code');
      name.textContent = k.kind;
      const first = document.createElement('td');
      first.appendChild(name);
      tr.appendChild(first);
      for (const n of [k.added, k.changed, k.retired, k.unchanged]) {
        const td = document.createElement('td');
        td.textContent = n;
        tr.appendChild(td);
      }
      return tr;
    }));
    summary.hidden = s.summary.length === 0;
    codes(problems, s.problems);
    codes(warnings, s.warnings);
    if (s.state === 'queued' || s.state === 'running') setTimeout(poll, 1000);
  }

  poll();
})();
