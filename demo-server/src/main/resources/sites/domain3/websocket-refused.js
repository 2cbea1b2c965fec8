/*
 * domain3's page in a frame of domain1's WebSocket demo: opens a raw WebSocket to domain2's /ws/raw, whose server
 * lists domain1's origin only, and posts "open" or "closed <code>" to domain1's page (its exact origin), if it is
 * framed. The
 * browser sends this page's origin in the upgrade request, and the page cannot change it. ES5.
 */
(function () {
  "use strict";

  var demo = window.KUAYU_DEMO;
  var state = document.getElementById("state");
  var socket = new WebSocket(demo.domain2.replace(/^http/, "ws") + "/ws/raw");

  function tell(what) {
    state.textContent = what;
    if (window.parent === window) {
      return;
    }
    window.parent.postMessage("kuayu-demo-websocket|" + what, demo.domain1);
  }

  socket.onopen = function () {
    tell("open");
    socket.close();
  };
  socket.onclose = function (event) {
    if (state.textContent === "connecting") {
      tell("closed " + event.code);
    }
  };
}());
