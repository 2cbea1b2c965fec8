/*
 * The classic half of the window.name demo, on domain1: a hidden frame loads domain2's window-name-raw.html, which
 * puts its answer in window.name; at that load this page sends the frame to its own blank
 * window-name-raw-proxy.html, reads the name at the next load, empties it and removes the frame. The Kuayu half is
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
}());
