// Progressive enhancement of the tables marked <table data-table="Title">: click-to-sort headers,
// a filter box, pages of 25 rows (data-page-size) and an "export .xlsx" button that posts the
// rows the person sees (after the filter, every page, in the chosen order) to /api/exports/table.
// data-table-filter="false" / data-table-export="false" leave out the filter / the button.
// Without script the table stays as the server wrote it. The words come from the server, in the
// page's language, as data attributes of this script's own element (_Layout.cshtml).
(() => {
    const words = document.currentScript ? { ...document.currentScript.dataset } : {};
    const lang = document.documentElement.lang || 'vi';
    const vietnamese = lang.startsWith('vi');
    // Vietnamese order: "Đ" after "D", tones after the bare letter; numbers inside codes by value.
    const collator = new Intl.Collator(vietnamese ? 'vi' : lang, { sensitivity: 'base', numeric: true });
    const hidden = 'data-table-hidden';

    const say = (template, ...values) => (template || '').replace(/\{(\d+)\}/g, (_, i) => values[Number(i)]);
    const text = cell => cell.textContent.replace(/\s+/g, ' ').trim();
    // data-sort holds the value in the invariant form (1.5, 2026-07-01) when the text shown does not sort by itself.
    const sorted = cell => cell.dataset.sort !== undefined;
    const sortText = cell => (sorted(cell) ? cell.dataset.sort : text(cell));
    const blank = value => value === '' || value === '—' || value === '–' || value === '-';
    // For the filter: case and diacritics do not matter ("nha trang" finds "Nha Trang", "Đông" finds "dong").
    const fold = value => value.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');

    const datePattern = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
    function parseDate(value) {
        const m = datePattern.exec(value);
        return m ? Date.UTC(+m[3], +m[2] - 1, +m[1], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0)) : null;
    }

    // "1.234,5" and "50,0 %" on the Vietnamese pages, "1,234.5" on the English ones; a lone
    // separator not followed by exactly three digits is a decimal point whatever the language.
    function parseNumber(value) {
        let t = value.replace(/[\s\u00a0\u202f]/g, '').replace(/\u2212/g, '-');
        const percent = t.endsWith('%');
        if (percent) {
            t = t.slice(0, -1);
        }
        if (!/^[-+]?\d[\d.,]*$/.test(t) || /[.,]$/.test(t)) {
            return null;
        }
        const group = vietnamese ? '.' : ',';
        const decimal = vietnamese ? ',' : '.';
        const dots = (t.match(/\./g) || []).length;
        const commas = (t.match(/,/g) || []).length;
        if (dots && commas) {
            const last = t.lastIndexOf('.') > t.lastIndexOf(',') ? '.' : ',';
            t = t.split(last === '.' ? ',' : '.').join('').replace(last, '.');
        } else if (dots + commas === 1) {
            const sep = dots ? '.' : ',';
            const threeAfter = /^[-+]?\d+[.,]\d{3}$/.test(t);
            t = threeAfter && sep === group ? t.replace(sep, '') : t.replace(sep, '.');
        } else if (dots + commas > 1) {
            if ((dots ? '.' : ',') === decimal) {
                return null;
            }
            t = t.replace(/[.,]/g, '');
        }
        const n = Number(t);
        return Number.isFinite(n) ? { value: n, percent } : null;
    }

    // A data-sort number is read as written ("1.125" is one and an eighth on a Vietnamese page too).
    const invariantPattern = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
    function cellNumber(cell) {
        const value = sortText(cell);
        if (!sorted(cell)) {
            return parseNumber(value);
        }
        return invariantPattern.test(value) ? { value: Number(value), percent: false } : null;
    }

    function columnKind(rows, index) {
        const cells = rows.map(row => row.cells[index]).filter(cell => !blank(sortText(cell)));
        if (cells.length === 0) {
            return 'text';
        }
        if (cells.every(cell => cellNumber(cell) !== null)) {
            return 'number';
        }
        if (cells.every(cell => parseDate(sortText(cell)) !== null)) {
            return 'date';
        }
        return 'text';
    }

    function sortKey(kind, cell) {
        const value = sortText(cell);
        if (blank(value)) {
            return null;
        }
        if (kind === 'number') {
            return cellNumber(cell).value;
        }
        return kind === 'date' ? parseDate(value) : value;
    }

    function enhance(table, index) {
        const body = table.tBodies[0];
        const headRow = table.tHead ? table.tHead.rows[table.tHead.rows.length - 1] : null;
        if (!body || !headRow) {
            return;
        }
        const headers = Array.from(headRow.cells);
        const width = headers.length;
        const rows = Array.from(body.rows);
        // Grouped headers, merged cells or a single "nothing here" row: sorting would tear rows apart.
        if (headers.some(h => h.colSpan > 1) || table.tBodies.length > 1
            || rows.some(row => row.cells.length !== width || Array.from(row.cells).some(c => c.rowSpan > 1 || c.colSpan > 1))) {
            return;
        }
        const title = table.dataset.table || (document.querySelector('h1') || {}).textContent || document.title;
        const pageSize = Number(table.dataset.pageSize) || 25;
        const state = { order: rows.slice(), query: '', page: 0, column: -1, descending: false };
        const kinds = headers.map((_, i) => columnKind(rows, i));
        table.classList.add('data-table');

        const tools = document.createElement('div');
        tools.className = 'table-tools';
        const label = document.createElement('label');
        const filterId = `table-filter-${index}`;
        label.htmlFor = filterId;
        label.textContent = words.filter || '';
        const filter = document.createElement('input');
        filter.type = 'search';
        filter.id = filterId;
        filter.placeholder = words.filterPlaceholder || '';
        filter.setAttribute('aria-controls', table.id || (table.id = `data-table-${index}`));
        const exportButton = document.createElement('button');
        exportButton.type = 'button';
        exportButton.textContent = words.export || '.xlsx';
        const problem = document.createElement('span');
        problem.className = 'error';
        problem.setAttribute('role', 'alert');
        // A page that filters and exports on the server (every matching row, not one page) keeps only the sorting.
        if (table.dataset.tableFilter !== 'false') {
            tools.append(label, filter);
        }
        if (table.dataset.tableExport !== 'false') {
            tools.append(exportButton, problem);
        }
        if (tools.childElementCount > 0) {
            table.before(tools);
        }

        const pager = document.createElement('div');
        pager.className = 'table-pager';
        const previous = document.createElement('button');
        previous.type = 'button';
        previous.textContent = words.previous || '‹';
        const status = document.createElement('span');
        status.setAttribute('aria-live', 'polite');
        const next = document.createElement('button');
        next.type = 'button';
        next.textContent = words.next || '›';
        pager.append(previous, status, next);
        const empty = document.createElement('p');
        empty.className = 'muted table-empty';
        empty.textContent = words.noMatch || '';
        table.after(pager);
        table.after(empty);

        const matching = () => {
            const query = fold(state.query.trim());
            return query ? state.order.filter(row => fold(row.textContent).includes(query)) : state.order;
        };

        function render() {
            const shown = matching();
            const pages = Math.max(1, Math.ceil(shown.length / pageSize));
            state.page = Math.min(state.page, pages - 1);
            const first = state.page * pageSize;
            const visible = new Set(shown.slice(first, first + pageSize));
            for (const row of state.order) {
                body.appendChild(row);
                row.toggleAttribute(hidden, !visible.has(row));
            }
            status.textContent = say(words.page, state.page + 1, pages, shown.length);
            previous.disabled = state.page === 0;
            next.disabled = state.page >= pages - 1;
            pager.hidden = shown.length <= pageSize;
            empty.hidden = shown.length > 0;
        }

        headers.forEach((th, i) => {
            if (!text(th)) {
                return;
            }
            const button = document.createElement('button');
            button.type = 'button';
            button.className = 'sort';
            button.title = words.sort || '';
            button.append(...th.childNodes);
            // The arrow is drawn by CSS on a hidden span, so the button's name stays the header's text.
            const mark = document.createElement('span');
            mark.className = 'sort-mark';
            mark.setAttribute('aria-hidden', 'true');
            button.appendChild(mark);
            th.appendChild(button);
            button.addEventListener('click', () => {
                state.descending = state.column === i ? !state.descending : false;
                state.column = i;
                const sign = state.descending ? -1 : 1;
                const keyed = state.order.map((row, position) => ({ row, position, key: sortKey(kinds[i], row.cells[i]) }));
                keyed.sort((a, b) => {
                    // Empty cells last in either direction; equal keys keep their order.
                    if (a.key === null || b.key === null) {
                        return (a.key === null) - (b.key === null) || a.position - b.position;
                    }
                    const c = kinds[i] === 'text' ? collator.compare(a.key, b.key) : a.key - b.key;
                    return sign * c || a.position - b.position;
                });
                state.order = keyed.map(k => k.row);
                headers.forEach(h => h.removeAttribute('aria-sort'));
                th.setAttribute('aria-sort', state.descending ? 'descending' : 'ascending');
                render();
            });
        });

        filter.addEventListener('input', () => {
            state.query = filter.value;
            state.page = 0;
            render();
        });
        previous.addEventListener('click', () => { state.page--; render(); });
        next.addEventListener('click', () => { state.page++; render(); });

        exportButton.addEventListener('click', async () => {
            problem.textContent = '';
            // Columns without a header hold links and buttons, not data.
            const columns = headers.map((h, i) => ({ i, name: text(h) })).filter(c => c.name && headers[c.i].dataset.export !== 'false');
            const payload = {
                title,
                columns: columns.map(c => c.name),
                rows: matching().map(row => columns.map(({ i }) => {
                    const value = text(row.cells[i]);
                    const parsed = kinds[i] === 'number' && !blank(value) ? parseNumber(value) : null;
                    return parsed && !parsed.percent ? parsed.value : value;
                })),
            };
            exportButton.disabled = true;
            try {
                const response = await fetch('/api/exports/table', {
                    method: 'POST',
                    headers: { 'Content-Type': 'application/json', Accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/problem+json' },
                    body: JSON.stringify(payload),
                });
                if (!response.ok) {
                    const details = await response.json().catch(() => ({}));
                    const messages = Object.values(details.errors || {}).flat();
                    throw new Error(messages[0] || details.title || response.statusText);
                }
                const blob = await response.blob();
                const link = document.createElement('a');
                link.href = URL.createObjectURL(blob);
                link.download = title.replace(/[\\/:*?"<>|]/g, '-') + '.xlsx';
                document.body.appendChild(link);
                link.click();
                link.remove();
                setTimeout(() => URL.revokeObjectURL(link.href), 60000);
            } catch (error) {
                problem.textContent = say(words.exportFailed, error.message);
            } finally {
                exportButton.disabled = false;
            }
        });

        render();
    }

    document.querySelectorAll('table[data-table]').forEach(enhance);
})();
