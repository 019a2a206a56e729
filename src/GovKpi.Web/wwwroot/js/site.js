// Behaviour that pages once wrote as inline handlers, which the Content-Security-Policy forbids.
document.addEventListener('click', event => {
    const button = event.target.closest('button[data-confirm]');
    if (button && !confirm(button.dataset.confirm)) {
        event.preventDefault();
    }
});

document.addEventListener('change', event => {
    const all = event.target.closest('input[data-select-all]');
    if (all) {
        for (const box of document.querySelectorAll(all.dataset.selectAll)) {
            box.checked = all.checked;
        }
    }
});
