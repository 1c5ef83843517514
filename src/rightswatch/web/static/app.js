// Keyboard shortcuts: "/" focuses the search box; "g d", "g s" go to the dashboard, search.
(function () {
  "use strict";
  var pendingG = false;
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "/") {
      var box = document.getElementById("q") || document.getElementById("quick-q");
      if (box) { ev.preventDefault(); box.focus(); box.select(); }
    } else if (pendingG && ev.key === "d") { window.location.assign("/"); }
    else if (pendingG && ev.key === "s") { window.location.assign("/search"); }
    pendingG = ev.key === "g";
  });
})();
