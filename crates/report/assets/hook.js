(function () {
  var errs = [];
  function flush() {
    var el = document.getElementById('js-errors');
    if (el && errs.length) { el.hidden = false; el.textContent = errs.join('\n'); }
  }
  function report(msg) { errs.push(String(msg)); flush(); }
  window.addEventListener('error', function (e) {
    report('error: ' + e.message + ' (' + (e.filename || '') + ':' + (e.lineno || 0) + ')');
  });
  window.addEventListener('unhandledrejection', function (e) { report('rejection: ' + e.reason); });
  document.addEventListener('securitypolicyviolation', function (e) {
    report('blocked by the page policy: ' + e.violatedDirective + ' ' + (e.blockedURI || ''));
  });
  document.addEventListener('DOMContentLoaded', flush);
  window.echotraceReportError = report;
})();
