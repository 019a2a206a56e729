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

// The top bar's menu (_Layout.cshtml). On a phone the "Menu" button folds it away; on a laptop its
// sections drop down as <details>, one at a time, closed by a click elsewhere. Escape closes the
// innermost open thing and hands the focus back to what opened it.
(() => {
    const toggle = document.querySelector('.menu-toggle');
    const menu = toggle && document.getElementById(toggle.getAttribute('aria-controls'));
    if (!menu) {
        return;
    }
    const groups = [...menu.querySelectorAll('details.menu-group')];
    const setOpen = open => {
        toggle.setAttribute('aria-expanded', String(open));
        menu.classList.toggle('open', open);
    };
    toggle.addEventListener('click', () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'));

    const here = location.pathname;
    for (const link of menu.querySelectorAll('nav a[href]')) {
        if (link.getAttribute('href') === here) {
            link.setAttribute('aria-current', 'page');
            link.closest('details.menu-group')?.classList.add('current');
        }
    }

    for (const group of groups) {
        group.addEventListener('toggle', () => {
            if (group.open) {
                groups.filter(other => other !== group).forEach(other => { other.open = false; });
            }
        });
    }
    // On a laptop a section is a drop-down over the page: a click outside it, or Tab past its
    // last link, closes it.
    for (const group of groups) {
        group.addEventListener('focusout', event => {
            if (!toggle.checkVisibility() && event.relatedTarget && !group.contains(event.relatedTarget)) {
                group.open = false;
            }
        });
    }
    document.addEventListener('click', event => {
        if (!toggle.checkVisibility()) {
            groups.filter(group => group.open && !group.contains(event.target)).forEach(group => { group.open = false; });
        }
    });
    document.addEventListener('keydown', event => {
        if (event.key !== 'Escape') {
            return;
        }
        const group = groups.find(g => g.open);
        if (group) {
            group.open = false;
            group.querySelector('summary').focus();
        } else if (toggle.getAttribute('aria-expanded') === 'true') {
            setOpen(false);
            toggle.focus();
        }
    });
})();

// A table wider than its card scrolls sideways (site.css): it takes the keyboard focus then, so
// arrow keys can scroll it, and gives it up again when the screen is wide enough to show it whole.
(() => {
    const scrollers = 'main table, main .table-wrap, main .table-scroll, main .scroll-x';
    const mark = () => {
        for (const box of document.querySelectorAll(scrollers)) {
            const scrolls = box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== 'visible';
            if (scrolls && !box.hasAttribute('tabindex')) {
                box.setAttribute('tabindex', '0');
                box.dataset.scrollFocus = '';
            } else if (!scrolls && 'scrollFocus' in box.dataset) {
                box.removeAttribute('tabindex');
                delete box.dataset.scrollFocus;
            }
        }
    };
    mark();
    window.addEventListener('load', mark);
    window.addEventListener('resize', mark);
})();
