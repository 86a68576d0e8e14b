// Focus where the page's news is, so that keyboard and screen reader users start there
// after a step: the list of errors when a form was refused. Plain JavaScript, no CDN.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
