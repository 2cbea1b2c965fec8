/*
 * domain2's page of the classic postMessage flow: parses what domain1's page posted, adds number 16 and posts it back
 * to domain1's exact origin. Messages of any other window or origin are ignored. ES5.
 */
(function () {
  "use strict";

  var demo = window.KUAYU_DEMO;
  var last = document.getElementById("last");

  window.addEventListener("message", function (event) {
    var data;
    if (event.source !== window.parent || event.origin !== demo.domain1) {
      return;
    }
    try {
      data = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (!data || typeof data !== "object") {
      return;
    }
    last.textContent = String(event.data);
    data.number = 16;
    window.parent.postMessage(JSON.stringify(data), demo.domain1);
  });
}());
