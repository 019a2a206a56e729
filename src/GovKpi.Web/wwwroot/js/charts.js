// Draws every <figure data-chart="ID"> from the JSON block <script type="application/json" id="ID">,
// with Chart.js (wwwroot/lib/chart.js, bundled from npm at build time: the app runs offline).
// The JSON is { title, labels: [..], series: [{ name, values: [..] }], unit, horizontal, type }.
// A page that draws a chart shows the same figures in a table, so without script, or for a screen
// reader, nothing is lost: the canvas is only a picture of that table.
(() => {
    if (typeof Chart === 'undefined') {
        return;
    }

    const palette = ['#2b6cb0', '#c05621', '#2f855a', '#6b46c1', '#b7791f', '#c53030'];
    const lang = document.documentElement.lang || 'vi';
    const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
    const style = getComputedStyle(document.body);
    Chart.defaults.font.family = style.fontFamily;
    Chart.defaults.color = style.color;

    for (const figure of document.querySelectorAll('figure[data-chart]')) {
        const source = document.getElementById(figure.dataset.chart);
        if (!source) {
            continue;
        }

        const data = JSON.parse(source.textContent);
        const unit = data.unit ? (data.unit === '%' ? ' %' : ' ' + data.unit) : '';
        const horizontal = data.horizontal === true;
        const box = document.createElement('div');
        box.className = 'chart-box';
        // A bar per row needs room for its label; a line chart keeps a fixed height.
        box.style.height = (horizontal ? Math.max(160, 60 + data.labels.length * 28) : 280) + 'px';
        const canvas = document.createElement('canvas');
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', data.title);
        canvas.textContent = data.title;
        box.appendChild(canvas);
        figure.insertBefore(box, figure.firstChild);

        new Chart(canvas, {
            type: data.type || 'bar',
            data: {
                labels: data.labels.map(label => label.length > 32 ? label.slice(0, 31) + '…' : label),
                datasets: data.series.map((series, i) => ({
                    label: series.name,
                    data: series.values,
                    backgroundColor: palette[i % palette.length],
                    borderColor: palette[i % palette.length],
                })),
            },
            options: {
                indexAxis: horizontal ? 'y' : 'x',
                maintainAspectRatio: false,
                animation: false,
                plugins: {
                    title: { display: true, text: data.title },
                    legend: { display: data.series.length > 1 },
                    tooltip: { callbacks: { label: item => `${item.dataset.label}: ${number.format(item.parsed[horizontal ? 'x' : 'y'])}${unit}` } },
                },
                scales: {
                    [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { callback: value => number.format(value) + unit } },
                },
            },
        });
    }
})();
