// The portal works without this file; it adds what only a browser can: a live character
// count, the district list that follows the region, the IIN check digit, one click per
// submission, and copying and printing the receipt.
(function () {
  'use strict';

  function words(template, a, b) {
    return template.replace('{0}', a).replace('{1}', b);
  }

  // Character counts under the subject and the description.
  document.querySelectorAll('[data-max]').forEach(function (field) {
    var count = document.getElementById(field.id + '-count');
    if (!count) { return; }
    var max = parseInt(field.getAttribute('data-max'), 10);
    function update() {
      var length = field.value.length;
      if (length > max) {
        count.textContent = words(count.getAttribute('data-over'), String(length - max));
        count.classList.add('over');
      } else {
        count.textContent = words(count.getAttribute('data-words'), String(length), String(max));
        count.classList.remove('over');
      }
    }
    field.addEventListener('input', update);
    update();
  });

  // The district list shows the districts of the chosen region only.
  var region = document.getElementById('f-region');
  var district = document.getElementById('f-district');
  if (region && district) {
    var groups = Array.prototype.slice.call(district.querySelectorAll('optgroup')).map(function (group) {
      return group.cloneNode(true);
    });
    var none = district.options[0].cloneNode(true);
    var follow = function () {
      var chosen = district.value;
      district.textContent = '';
      district.appendChild(none.cloneNode(true));
      groups.forEach(function (group) {
        if (group.getAttribute('data-region') === region.value) {
          Array.prototype.forEach.call(group.children, function (option) {
            district.appendChild(option.cloneNode(true));
          });
        }
      });
      district.value = chosen;
      if (district.value !== chosen) { district.value = ''; }
    };
    region.addEventListener('change', follow);
    follow();
  }

  // The IIN's check digit, as the service checks it: weights 1..11, then 3..11,1,2, mod 11.
  function iinValid(iin) {
    if (!/^[0-9]{12}$/.test(iin)) { return false; }
    var d = iin.split('').map(Number);
    var sum = 0, i;
    for (i = 0; i < 11; i++) { sum += d[i] * (i + 1); }
    var check = sum % 11;
    if (check === 10) {
      sum = 0;
      for (i = 0; i < 11; i++) { sum += d[i] * (((i + 2) % 11) + 1); }
      check = sum % 11;
      if (check === 10) { return false; }
    }
    if (check !== d[11]) { return false; }
    var century = { 1: 1800, 2: 1800, 3: 1900, 4: 1900, 0: 1900, 5: 2000, 6: 2000 }[d[6]];
    if (century === undefined) { return false; }
    var year = century + d[0] * 10 + d[1], month = d[2] * 10 + d[3], day = d[4] * 10 + d[5];
    var date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }
  document.querySelectorAll('[data-iin]').forEach(function (field) {
    var message = document.getElementById(field.id + '-check');
    function check() {
      var value = field.value.trim();
      var bad = value !== '' && !iinValid(value);
      message.textContent = bad ? message.getAttribute('data-words') : '';
      if (bad) { field.setAttribute('aria-invalid', 'true'); } else if (!document.getElementById(field.id + '-error')) { field.removeAttribute('aria-invalid'); }
    }
    field.addEventListener('change', check);
    field.addEventListener('input', function () { if (field.value.trim().length >= 12 || message.textContent) { check(); } });
  });

  // One submission per click: the form carries its key, and the button waits for the answer.
  var form = document.getElementById('request-form');
  if (form) {
    form.addEventListener('submit', function (event) {
      var submitter = event.submitter;
      if (submitter && submitter.name === 'lang') { return; }
      var send = document.getElementById('send');
      if (form.getAttribute('data-sent')) { event.preventDefault(); return; }
      form.setAttribute('data-sent', 'true');
      send.setAttribute('aria-disabled', 'true');
      send.classList.add('sending');
      send.textContent = form.getAttribute('data-sending');
    });
  }

  // The first problem of a refused form gets the focus, so it is read out first.
  var problems = document.getElementById('problems');
  if (problems) { problems.focus(); }

  // Copy and print on the receipt.
  var copy = document.getElementById('copy');
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener('click', function () {
      var number = document.getElementById('tracking-number').textContent;
      var code = document.getElementById('access-code').textContent;
      navigator.clipboard.writeText(number + ' ' + code).then(function () {
        document.getElementById('copy-status').textContent = copy.getAttribute('data-copied');
      });
    });
  }
  var print = document.getElementById('print');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', function () { window.print(); });
  }
})();
