// The unit tree picker's filter: shows the units whose name or code holds the words typed, with
// their parents, and opens the branches that lead to them. Without JavaScript the tree folds by hand.
for (const box of document.querySelectorAll('input[data-unit-tree-filter]')) {
    const tree = document.querySelector(box.dataset.unitTreeFilter);
    const items = [...tree.querySelectorAll('li[data-unit-name]')];
    const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    const names = new Map(items.map(li => [li, fold(li.dataset.unitName)]));
    box.hidden = false;
    // The tree scrolls inside its box: bring the chosen unit into it without moving the page.
    const chosen = tree.querySelector('input[type=radio]:checked');
    if (chosen && chosen.offsetTop + chosen.offsetHeight > tree.clientHeight) {
        tree.scrollTop = chosen.offsetTop - tree.clientHeight / 3;
    }

    box.addEventListener('input', () => {
        const words = fold(box.value).split(/\s+/).filter(w => w);
        for (const li of items) {
            li.hidden = words.length > 0;
        }

        if (words.length === 0) {
            return;
        }

        for (const li of items) {
            if (words.every(w => names.get(li).includes(w))) {
                for (let up = li; up && tree.contains(up); up = up.parentElement) {
                    if (up.tagName === 'LI') {
                        up.hidden = false;
                    } else if (up.tagName === 'DETAILS' && up !== li) {
                        up.open = true;
                    }
                }
            }
        }
    });
}
