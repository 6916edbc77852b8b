/**
 * The dashboard's only script, served at /static/app.js (the CSP allows no inline script).
 * Pages work without it; it submits filter selects on change, disables a submit button while
 * its request runs, and reloads pages that ask for it. Times are written by the server, in
 * the one zone the page names.
 */
export const APP_JS = String.raw`'use strict';
(function () {
  function autoSubmit() {
    document.querySelectorAll('select[data-autosubmit]').forEach(function (el) {
      el.addEventListener('change', function () { if (el.form) el.form.requestSubmit(); });
    });
  }
  function busyButtons() {
    document.querySelectorAll('form[method=post]').forEach(function (form) {
      form.addEventListener('submit', function () {
        var b = form.querySelector('button[type=submit]');
        if (b) { setTimeout(function () { b.disabled = true; b.textContent = 'Working…'; }, 0); }
      });
    });
  }
  function refresh() {
    var s = Number(document.body.getAttribute('data-refresh'));
    if (!s) return;
    setInterval(function () { if (document.visibilityState === 'visible') location.reload(); }, s * 1000);
  }
  document.addEventListener('DOMContentLoaded', function () { autoSubmit(); busyButtons(); refresh(); });
})();
`;
