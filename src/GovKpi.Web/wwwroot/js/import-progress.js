// Follows an import started on /measurement/import: polls its status every second and fills in
// the progress bar, the counts and the first problems. Without script the page still works
// (reload it to see the result).
(function () {
  const panel = document.getElementById('import-status');
  if (!panel) return;
  const url = '/api/measurement/imports/' + panel.dataset.batch;
  const bar = document.getElementById('import-progress');
  const state = document.getElementById('import-state');
  const problems = document.getElementById('import-problems');

  async function poll() {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) { setTimeout(poll, 2000); return; }
    const s = await response.json();
    if (s.totalBytes > 0) bar.value = Math.round(100 * s.bytesRead / s.totalBytes);
    const text = panel.dataset['text' + s.state.charAt(0).toUpperCase() + s.state.slice(1)] || s.state;
    state.textContent = text + (s.state === 'running' ? ' · ' + s.rows.toLocaleString(document.documentElement.lang || 'vi') : '');
    if (s.batch) {
      for (const cell of panel.querySelectorAll('[data-count]')) cell.textContent = s.batch[cell.dataset.count];
    }
    problems.replaceChildren(...(s.problems || []).map(p => {
      const li = document.createElement('li');
      const code = document.createElement('code');
      code.textContent = p;
      li.appendChild(code);
      return li;
    }));
    if (s.error) state.textContent = text + ': ' + s.error;
    if (s.state === 'queued' || s.state === 'running') setTimeout(poll, 1000);
  }

  poll();
})();
