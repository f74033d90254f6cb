// Registers the service worker (served from the site root, scope "/"): the app installs on a
// phone and shows an offline page when the network is down. Nothing personal is cached.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script) { return; }
  var url = script.dataset.sw || "/sw.js";
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(url, { scope: "/" }).catch(function () { /* an old browser: the site works without */ });
  });
})();
