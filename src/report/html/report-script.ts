/**
 * The report page's only script: filters cases by status, suite, evaluator, baseline change and
 * text. The filter state lives in the URL hash (`report.html#status=fail&suite=support`), read on
 * load, so a filtered view can be linked or opened from the command line. Without JavaScript every
 * case stays visible.
 */
export const REPORT_SCRIPT = `(function () {
  var form = document.getElementById('filters');
  if (!form) return;
  var names = ['status', 'suite', 'evaluator', 'change', 'q'];
  var cases = Array.prototype.slice.call(document.querySelectorAll('.case'));
  var out = document.getElementById('shown');
  var texts = new WeakMap();
  function field(name) { return form.elements.namedItem(name); }
  function readUrl() {
    var raw = location.hash.length > 1 ? location.hash.slice(1) : location.search.slice(1);
    if (raw.indexOf('=') === -1) return false;
    var params = new URLSearchParams(raw);
    names.forEach(function (name) {
      var el = field(name);
      if (!el) return;
      var value = params.get(name) || '';
      if (el.tagName === 'SELECT') {
        var known = Array.prototype.some.call(el.options, function (o) { return o.value === value; });
        el.value = known ? value : '';
      } else {
        el.value = value;
      }
    });
  }
  function state() {
    var s = {};
    names.forEach(function (name) { var el = field(name); s[name] = el ? String(el.value).trim() : ''; });
    return s;
  }
  function statusMatches(wanted, status) {
    return !wanted || (wanted === 'nonpass' ? status !== 'pass' : status === wanted);
  }
  function apply() {
    var s = state();
    var q = s.q.toLowerCase();
    var shown = 0;
    cases.forEach(function (c) {
      var ok = (!s.suite || c.getAttribute('data-suite') === s.suite) &&
        (!s.change || (' ' + (c.getAttribute('data-change') || '') + ' ').indexOf(' ' + s.change + ' ') !== -1);
      if (ok && (s.status || s.evaluator)) {
        ok = Array.prototype.some.call(c.querySelectorAll('.result'), function (r) {
          return statusMatches(s.status, r.getAttribute('data-status')) && (!s.evaluator || r.getAttribute('data-evaluator') === s.evaluator);
        });
      }
      if (ok && q) {
        var t = texts.get(c);
        if (t === undefined) { t = c.textContent.toLowerCase(); texts.set(c, t); }
        ok = t.indexOf(q) !== -1;
      }
      if (ok) { c.removeAttribute('hidden'); shown++; } else { c.setAttribute('hidden', ''); }
    });
    if (out) out.textContent = 'Showing ' + shown + ' of ' + cases.length + ' cases';
    document.body.setAttribute('data-shown', String(shown));
  }
  function writeUrl() {
    var s = state();
    var params = new URLSearchParams();
    names.forEach(function (name) { if (s[name]) params.set(name, s[name]); });
    var hash = params.toString();
    history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
  }
  form.addEventListener('input', function () { apply(); writeUrl(); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  // A plain anchor (#case-…) jumps to a case and keeps the filters; a filter hash replaces them.
  window.addEventListener('hashchange', function () { if (readUrl() !== false) apply(); });
  readUrl();
  apply();
})();
`
