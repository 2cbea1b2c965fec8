/*
 * The classic half of the postMessage demo, on domain1: posts JSON text to domain2's postmessage-raw.html in
 * #raw-frame with its exact origin and shows what comes back, checking the sender itself (the window and the origin).
 * The Kuayu half is postmessage.js. ES5, like every hand-written page.
 */
(function () {
  "use strict";

  var demo = window.KUAYU_DEMO;
  var logList = document.getElementById("log");
  var composer = document.getElementById("raw-composer");
  var textInput = document.getElementById("raw-text");
  var button = document.getElementById("raw-call");
  var replyView = document.getElementById("raw-reply");
  var frame = document.getElementById("raw-frame");

  function log(kind, line) {
    var item = document.createElement("li");
    item.className = kind;
    item.appendChild(document.createTextNode(line));
    logList.appendChild(item);
  }

  window.addEventListener("message", function (event) {
    // Kuayu's channel posts on this window too: the classic page's answers are those of its frame and origin.
    if (event.source !== frame.contentWindow || event.origin !== demo.domain2) {
      return;
    }
    replyView.textContent = String(event.data);
    log("in", "← " + event.origin + " (classic): " + event.data);
  });

  frame.onload = function () {
    button.disabled = false;
  };
  frame.src = demo.domain2 + "/postmessage-raw.html";

  composer.onsubmit = function () {
    var text = JSON.stringify({"name": textInput.value});
    log("out", "→ domain2 (classic): postMessage(" + text + ", " + JSON.stringify(demo.domain2) + ")");
    frame.contentWindow.postMessage(text, demo.domain2);
    return false;
  };
}());
