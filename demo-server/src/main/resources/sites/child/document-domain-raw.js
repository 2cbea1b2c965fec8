/*
 * The child side of the classic document.domain demo: relaxes document.domain to the parent domain it shares with
 * the www page, offers rawChild.receive(text) to it, and calls its rawHost.receive(text). ES5, like every
 * hand-written page.
 */
(function () {
  "use strict";

  var demo = window.KUAYU_DEMO;
  var domainStatus = document.getElementById("domain-status");
  var composer = document.getElementById("composer");
  var textInput = document.getElementById("text");
  var replyView = document.getElementById("reply");
  var logList = document.getElementById("log");
  var parentDomain;

  function log(kind, line) {
    var item = document.createElement("li");
    item.className = kind;
    item.appendChild(document.createTextNode(line));
    logList.appendChild(item);
  }

  function describe(error) {
    return error && error.name ? error.name + ": " + error.message : String(error);
  }

  /** The longest common suffix of two host names, of whole labels: www.domain.localhost, child.domain.localhost. */
  function commonParent(a, b) {
    var x = a.split(".");
    var y = b.split(".");
    var shared = [];
    while (x.length && y.length && x[x.length - 1] === y[y.length - 1]) {
      shared.unshift(x.pop());
      y.pop();
    }
    return shared.join(".");
  }

  if (!demo) {
    log("error", "✕ /config.js did not load");
    return;
  }
  parentDomain = commonParent(location.hostname, demo.domain.replace(/^[a-z]+:\/\//, "").replace(/:\d+$/, ""));

  try {
    document.domain = parentDomain;
  } catch (error) {
    log("error", "✕ document.domain = '" + parentDomain + "' threw " + describe(error));
  }
  if (document.domain === parentDomain) {
    domainStatus.textContent = document.domain;
    domainStatus.className = "status status-ready";
  } else {
    domainStatus.textContent = document.domain + " (the setter was ignored: no Origin-Agent-Cluster: ?0)";
    domainStatus.className = "status status-failed";
  }

  window.rawChild = {
    receive: function (text) {
      log("in", "← www (classic): " + JSON.stringify(text));
      return "child got " + JSON.stringify(text);
    }
  };

  composer.onsubmit = function () {
    var answer;
    log("out", "→ www (classic): rawHost.receive(" + JSON.stringify(textInput.value) + ")");
    try {
      answer = window.parent.rawHost.receive(textInput.value);
    } catch (error) {
      log("error", "✕ the call failed: " + describe(error));
      return false;
    }
    replyView.textContent = answer;
    log("in", "← www (classic): returned " + JSON.stringify(answer));
    return false;
  };
}());
