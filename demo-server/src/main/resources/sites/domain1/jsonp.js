/*
 * The JSONP demo of domain1: the classic script tag next to kuayu.jsonp, both calling domain2's /login, and
 * domain2's misbehaving endpoints under /jsonp/ to show what each way does when things go wrong. ES5, like
 * every hand-written page.
 */
(function () {
  "use strict";

  var demo = window.KUAYU_DEMO;
  var userInput = document.getElementById("user");
  var replyView = document.getElementById("reply");
  var leftoversView = document.getElementById("leftovers");
  var logList = document.getElementById("log");

  function log(kind, line) {
    var item = document.createElement("li");
    item.className = kind;
    item.appendChild(document.createTextNode(line));
    logList.appendChild(item);
    countLeftovers();
  }

  /** Globals a JSONP call left: the classic onBack, and Kuayu's callbacks while they are in flight. */
  function countLeftovers() {
    var n = 0;
    var key;
    for (key in window) {
      if ((key === "onBack" || key.indexOf("__kuayu_jsonp_") === 0) && window[key] !== undefined) {
        n++;
      }
    }
    leftoversView.textContent = String(n);
  }

  function describe(error) {
    return error && error.code ? error.code + " " + error.message : String(error);
  }

  if (!demo || !window.kuayu) {
    log("error", "✕ /config.js or /kuayu/kuayu.js did not load");
    return;
  }

  // The classic way, as the tutorials write it: a global callback and a script tag, nothing else.
  window.onBack = function (res) {
    replyView.textContent = JSON.stringify(res);
    log("in", "← " + demo.domain2 + " (classic): onBack(" + JSON.stringify(res) + ")");
  };

  function classic(path) {
    var script = document.createElement("script");
    script.src = demo.domain2 + path;
    document.head.appendChild(script);
    log("out", "→ " + demo.domain2 + " (classic): <script src=\"" + path + "\">");
  }

  function withKuayu(path, options, note) {
    log("out", "→ " + demo.domain2 + " (kuayu.jsonp): " + path + " " + JSON.stringify(options)
        + (note ? " — " + note : ""));
    kuayu.jsonp(demo.domain2 + path, options).then(function (reply) {
      replyView.textContent = JSON.stringify(reply);
      log("in", "← " + demo.domain2 + " (kuayu.jsonp): " + JSON.stringify(reply));
    }, function (error) {
      log("error", "✕ kuayu.jsonp: " + describe(error));
    });
  }

  document.getElementById("composer").onsubmit = function () {
    classic("/login?user=" + encodeURIComponent(userInput.value) + "&callback=onBack");
    return false;
  };
  document.getElementById("kuayu").onclick = function () {
    withKuayu("/login", {params: {user: userInput.value}});
  };
  document.getElementById("classic-missing").onclick = function () {
    classic("/jsonp/missing?callback=onBack");
    log("info", "• the classic code has no way to hear of the 404: nothing more will happen");
  };
  document.getElementById("kuayu-missing").onclick = function () {
    withKuayu("/jsonp/missing", {});
  };
  document.getElementById("kuayu-silent").onclick = function () {
    withKuayu("/jsonp/silent", {timeout: 2000}, "this script never calls back");
  };
  document.getElementById("kuayu-late").onclick = function () {
    withKuayu("/jsonp/slow", {params: {delay: 3000}, timeout: 1000},
        "the answer comes after 3 s, the timeout is 1 s: the late answer is absorbed");
    setTimeout(countLeftovers, 3500);
  };
  log("info", "• ready: each button calls domain2 " + demo.domain2);
}());
