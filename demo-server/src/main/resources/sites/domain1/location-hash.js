/*
 * The classic half of the location.hash demo, on domain1: writes the text into the fragment of domain2's
 * location-hash-raw.html in #raw-frame, and takes the answer from location-hash-raw-proxy.html (domain1), which
 * domain2's page loads in a frame of its own and which calls rawHash.receive here through parent.parent. A button
 * tries to read the frame's fragment back, which the browser refuses, and says so in plain words. The Kuayu half is
 * postmessage.js with transport "hash". ES5, like every hand-written page.
 */
(function () {
  "use strict";

  var demo = window.KUAYU_DEMO;
  var logList = document.getElementById("log");
  var composer = document.getElementById("raw-composer");
  var textInput = document.getElementById("raw-text");
  var replyView = document.getElementById("raw-reply");
  var frame = document.getElementById("raw-frame");
  var page = demo.domain2 + "/location-hash-raw.html";

  function log(kind, line) {
    var item = document.createElement("li");
    item.className = kind;
    item.appendChild(document.createTextNode(line));
    logList.appendChild(item);
  }

  // What domain1's proxy page calls: it may, being of this origin.
  window.rawHash = {
    receive: function (text) {
      replyView.textContent = text;
      log("in", "← domain2 (classic, through domain1's proxy page): " + JSON.stringify(text));
    }
  };

  frame.src = page;
  composer.onsubmit = function () {
    var text = textInput.value;
    log("out", "→ domain2 (classic): fragment #" + encodeURIComponent(text));
    // Only the fragment changes: the page stays, and gets a hashchange event.
    frame.src = page + "#" + encodeURIComponent(text);
    return false;
  };

  // Writing a cross-origin frame's location is allowed; reading any part of it is not: SecurityError.
  document.getElementById("wrong-read").onclick = function () {
    var hash;
    log("out", "→ domain2 (classic): frame.contentWindow.location.hash, a direct read");
    try {
      hash = frame.contentWindow.location.hash;
    } catch (e) {
      log("error", "✕ refused: " + e.name + " — this page may set the location of domain2's frame but not read it"
          + " (" + demo.domain2 + " is another origin); the answer must come back through a page of this site"
          + " (浏览器拒绝：可以写其他源 iframe 的地址，但不能读)");
      return;
    }
    log("info", "• this browser allowed the read (it does not enforce the same-origin policy): " + hash);
  };
}());
