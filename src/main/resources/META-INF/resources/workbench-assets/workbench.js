// The workbench's few enhancements; every page works without them.
// Keyboard: "/" search, "j"/"k" next and previous request, "x" select it, Enter opens it
// (the focused link), "q" back to the queue. Keys are ignored while typing in a field.
(function () {
    'use strict';

    function typing(target) {
        return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    }

    function rows() {
        return Array.prototype.slice.call(document.querySelectorAll('#queue tbody tr'));
    }

    function focusRow(index) {
        var all = rows();
        if (!all.length) {
            return;
        }
        var i = Math.max(0, Math.min(all.length - 1, index));
        all.forEach(function (row) { row.classList.remove('current'); });
        all[i].classList.add('current');
        all[i].querySelector('a.open').focus();
    }

    function currentIndex() {
        var all = rows();
        for (var i = 0; i < all.length; i++) {
            if (all[i].contains(document.activeElement)) {
                return i;
            }
        }
        return -1;
    }

    document.addEventListener('keydown', function (event) {
        if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
            return;
        }
        var search = document.getElementById('q');
        if (event.key === '/' && search) {
            event.preventDefault();
            var details = search.closest('details');
            if (details) {
                details.open = true;
            }
            search.focus();
        } else if (event.key === 'j') {
            focusRow(currentIndex() + 1);
        } else if (event.key === 'k') {
            focusRow(Math.max(0, currentIndex() - 1));
        } else if (event.key === 'x') {
            var i = currentIndex();
            if (i >= 0) {
                var box = rows()[i].querySelector('input[type=checkbox]');
                box.checked = !box.checked;
            }
        } else if (event.key === 'q' && !document.getElementById('queue')) {
            window.location.href = '/workbench';
        }
    });

    // Picking a template fills the answer (the "insert" button does the same without JavaScript).
    var picker = document.getElementById('resolve-template');
    var answer = document.getElementById('resolve-answer');
    if (picker && answer) {
        picker.addEventListener('change', function () {
            var option = picker.options[picker.selectedIndex];
            var text = option && option.getAttribute('data-text');
            if (text && (answer.value.trim() === '' || window.confirm(picker.getAttribute('data-replace') || 'Replace?'))) {
                answer.value = text;
                answer.focus();
            }
        });
    }

    // One click per act: a second click while the page is sending does nothing.
    Array.prototype.forEach.call(document.querySelectorAll('form[method=post]'), function (form) {
        form.addEventListener('submit', function (event) {
            if (form.getAttribute('data-sending')) {
                event.preventDefault();
                return;
            }
            form.setAttribute('data-sending', '1');
        });
    });

    var summary = document.getElementById('error-summary') || document.getElementById('conflict');
    if (summary) {
        summary.setAttribute('tabindex', '-1');
        summary.focus();
    }
})();
