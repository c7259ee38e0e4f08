// Reloads the development mailbox when a new email arrives. A file of ours, not an
// inline script, so the page's Content-Security-Policy can forbid inline scripts.
(function () {
  "use strict";
  var box = document.getElementById("mailbox");
  if (!box) return;
  var shown = box.dataset.newest;
  function check() {
    fetch("/dev/mailbox.json", { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (mails) {
        var newest = mails.length ? mails[0].id : "";
        if (newest !== shown) window.location.reload();
      })
      .catch(function () { /* the server is restarting: try again at the next tick */ });
  }
  window.setInterval(check, 1500);
})();
