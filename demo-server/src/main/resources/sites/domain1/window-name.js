/*
 * The classic half of the window.name demo, on domain1: a hidden frame loads domain2's window-name-raw.html, which
 * puts its answer in window.name; at that load this page sends the frame to its own blank
 * window-name-raw-proxy.html, reads the name at the next load, empties it and removes the frame. A button reads the
 * name too early, while domain2's page is in the frame, which the browser refuses. The Kuayu half is
 * postmessage.js with transport "name". ES5, like every hand-written page.
 */
(function () {
  "use strict";

  var demo = window.KUAYU_DEMO;
  var logList = document.getElementById("log");
  var composer = document.getElementById("raw-composer");
  var textInput = document.getElementById("raw-text");
  var replyView = document.getElementById("raw-reply");

  function log(kind, line) {
    var item = document.createElement("li");
    item.className = kind;
    item.appendChild(document.createTextNode(line));
    logList.appendChild(item);
  }

  composer.onsubmit = function () {
    var frame = document.createElement("iframe");
    var loads = 0;
    frame.style.display = "none";
    frame.title = "domain2's answer";
    frame.onload = function () {
      var name;
      loads++;
      if (loads === 1) {
        // domain2's page set window.name; this page may not read it yet. Bring the frame home.
        log("info", "• classic: domain2's page loaded; sending the frame to domain1's proxy page");
        frame.contentWindow.location.replace(location.protocol + "//" + location.host + "/window-name-raw-proxy.html");
        return;
      }
      name = frame.contentWindow.name;
      frame.contentWindow.name = "";
      frame.parentNode.removeChild(frame);
      replyView.textContent = name;
      log("in", "← domain2 (classic, read from window.name): " + name);
    };
    log("out", "→ domain2 (classic): load window-name-raw.html?text=" + encodeURIComponent(textInput.value));
    frame.src = demo.domain2 + "/window-name-raw.html?text=" + encodeURIComponent(textInput.value);
    document.body.appendChild(frame);
    return false;
  };

  // The name of a frame is readable only by a page of the frame's current origin: not while domain2's page is in it.
  document.getElementById("wrong-read").onclick = function () {
    var frame = document.createElement("iframe");
    frame.style.display = "none";
    frame.title = "domain2's answer, read too early";
    frame.onload = function () {
      var name;
      frame.onload = null;
      try {
        name = frame.contentWindow.name;
      } catch (e) {
        log("error", "✕ refused: " + e.name + " — the frame still shows domain2's page (" + demo.domain2
            + "), so this page may not read its window.name; send the frame to a page of this site first"
            + " (浏览器拒绝：iframe 仍属于另一个源，不能读取它的 window.name)");
        return;
      } finally {
        frame.parentNode.removeChild(frame);
      }
      log("info", "• this browser allowed the read (it does not enforce the same-origin policy): " + name);
    };
    log("out", "→ domain2 (classic): load window-name-raw.html?text=" + encodeURIComponent(textInput.value)
        + ", then read frame.contentWindow.name at once");
    frame.src = demo.domain2 + "/window-name-raw.html?text=" + encodeURIComponent(textInput.value);
    document.body.appendChild(frame);
  };
}());
