/*
 * The classic half of the postMessage demo, on domain1: posts JSON text to domain2's postmessage-raw.html in
 * #raw-frame with its exact origin and shows what comes back, checking the sender itself (the window and the origin).
 * Two buttons try the wrong ways, which the browser refuses, and say so in plain words. The Kuayu half is
 * postmessage.js. ES5, like every hand-written page.
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
  var answers = 0;

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
    answers++;
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

  // The browser drops a message whose targetOrigin is not the frame's, and tells only its console: the page can
  // but notice that no answer comes.
  document.getElementById("wrong-origin").onclick = function () {
    var text = JSON.stringify({"name": textInput.value});
    var before = answers;
    log("out", "→ domain2 (classic): postMessage(" + text + ", " + JSON.stringify(demo.domain3)
        + "), the wrong origin");
    frame.contentWindow.postMessage(text, demo.domain3);
    setTimeout(function () {
      if (answers === before) {
        log("error", "✕ refused: the browser dropped the message, because its targetOrigin " + demo.domain3
            + " is not the origin of the page in the frame (" + demo.domain2 + "); nothing reached domain2"
            + " (浏览器丢弃了这条消息：targetOrigin 与 iframe 的源不符)");
      } else {
        log("info", "• this browser delivered it anyway: it does not check targetOrigin");
      }
    }, 1500);
  };

  // Reading another origin's document is what the same-origin policy forbids: the browser throws SecurityError.
  document.getElementById("wrong-read").onclick = function () {
    var text;
    log("out", "→ domain2 (classic): frame.contentWindow.document.body.textContent, a direct read");
    try {
      text = frame.contentWindow.document.body.textContent;
    } catch (e) {
      log("error", "✕ refused: " + e.name + " — a page may not read the document of a frame of another origin ("
          + demo.domain2 + "); post a message and have that page answer (浏览器拒绝：不能读取其他源页面的文档)");
      return;
    }
    log("info", "• this browser allowed the read (it does not enforce the same-origin policy): "
        + text.replace(/\s+/g, " ").substring(0, 60));
  };
}());
