/*
 * The host side of the document.domain demo (www.domain.localhost). The classic way: relax document.domain, then
 * call the child page's functions directly, and it calls ours. The Kuayu way: kuayu.connect with transport
 * "domain" to the second frame. Both log to #log; an ignored setter is said in plain words. ES5, like every
 * hand-written page.
 */
(function () {
  "use strict";

  var demo = window.KUAYU_DEMO;
  var logList = document.getElementById("log");
  var domainStatus = document.getElementById("domain-status");
  var rawStatus = document.getElementById("raw-status");
  var rawComposer = document.getElementById("raw-composer");
  var rawText = document.getElementById("raw-text");
  var rawCall = document.getElementById("raw-call");
  var rawReply = document.getElementById("raw-reply");
  var rawFrame = document.getElementById("raw-frame");
  var statusView = document.getElementById("status");
  var composer = document.getElementById("composer");
  var textInput = document.getElementById("text");
  var sendButton = document.getElementById("send");
  var requestButton = document.getElementById("request");
  var closeButton = document.getElementById("close");
  var replyView = document.getElementById("reply");
  var frame = document.getElementById("remote");
  var channel = null;
  var ready = false;
  var failed = false;
  var closed = false;
  var parentDomain;

  function log(kind, line) {
    var item = document.createElement("li");
    item.className = kind;
    item.appendChild(document.createTextNode(line));
    logList.appendChild(item);
  }

  function show(view, status, text) {
    view.textContent = text || status;
    view.className = "status status-" + status;
  }

  function setStatus(status) {
    show(statusView, status);
    sendButton.disabled = status !== "ready";
    requestButton.disabled = status !== "ready";
    closeButton.disabled = status !== "ready";
  }

  /** Kuayu's errors by their code; the browser's (a SecurityError, whose legacy code is 18) by their name. */
  function describe(error) {
    if (error && error.name === "KuayuError") {
      return error.code + " " + error.message;
    }
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

  if (!demo || !window.kuayu) {
    setStatus("failed");
    show(rawStatus, "failed");
    log("error", "✕ /config.js or /kuayu/kuayu.js did not load");
    return;
  }

  parentDomain = commonParent(location.hostname, demo.child.replace(/^[a-z]+:\/\//, "").replace(/:\d+$/, ""));

  // 1. The setter. A refusal (a domain that is no parent of this page's) throws; an origin-keyed page ignores it.
  try {
    document.domain = parentDomain;
  } catch (error) {
    log("error", "✕ document.domain = '" + parentDomain + "' threw " + describe(error));
  }
  if (document.domain === parentDomain) {
    show(domainStatus, "ready", document.domain);
    log("info", "• this page set document.domain = '" + parentDomain + "'");
  } else {
    show(domainStatus, "ignored", document.domain + " (the setter was ignored)");
    log("error", "✕ the browser ignored document.domain = '" + parentDomain + "': this page is in an origin-keyed"
        + " agent cluster (Chromium's default since version 115, and always on *.localhost and https). Its server"
        + " must send the header Origin-Agent-Cluster: ?0, as this demo does unless the URL has ?oac=1.");
  }

  // 2. The classic way: functions the child page calls, and calls of the child page's functions.
  window.rawHost = {
    receive: function (text) {
      log("in", "← child (classic): " + JSON.stringify(text));
      return "www got " + JSON.stringify(text);
    }
  };

  rawFrame.onload = function () {
    var title;
    try {
      title = rawFrame.contentWindow.document.title;
    } catch (error) {
      show(rawStatus, "failed");
      log("error", "✕ classic: this page cannot script the child page (" + describe(error) + "): both pages must"
          + " set document.domain, and the browser must honour it in both");
      return;
    }
    show(rawStatus, "ready");
    rawCall.disabled = false;
    log("info", "• classic: this page reads the child page's document: \"" + title + "\"");
  };

  rawComposer.onsubmit = function () {
    var answer;
    log("out", "→ child (classic): rawChild.receive(" + JSON.stringify(rawText.value) + ")");
    try {
      answer = rawFrame.contentWindow.rawChild.receive(rawText.value);
    } catch (error) {
      log("error", "✕ classic: the call failed: " + describe(error));
      return false;
    }
    rawReply.textContent = answer;
    log("in", "← child (classic): returned " + JSON.stringify(answer));
    return false;
  };

  rawFrame.src = demo.child + "/document-domain-raw.html";

  // 3. The Kuayu way.
  composer.onsubmit = function () {
    var data = {"text": textInput.value};
    log("out", "→ child: message " + JSON.stringify(data));
    channel.send(data);
    return false;
  };

  requestButton.onclick = function () {
    var data = {"text": textInput.value};
    log("out", "→ child: request " + JSON.stringify(data));
    channel.request(data, function (reply) {
      replyView.textContent = JSON.stringify(reply);
      log("in", "← " + channel.origin + ": reply " + JSON.stringify(reply));
    }, function (error) {
      log("error", "✕ request failed: " + describe(error));
    });
  };

  function markClosed() {
    if (!closed) {
      closed = true;
      setStatus(failed ? "failed" : "closed");
      log("info", "• closed");
    }
  }

  closeButton.onclick = function () {
    channel.close();
    markClosed();
  };

  // Set the frame's page in the same task as connect(), so the channel listens before the page can load.
  frame.src = demo.child + "/document-domain-remote.html";
  try {
    channel = kuayu.connect({
      frame: frame,
      transport: "domain",
      onReady: function () {
        ready = true;
        setStatus("ready");
        log("info", "• ready: " + channel.origin + " over " + channel.transport + " (kuayu " + kuayu.version + ")");
      },
      onMessage: function (data, origin) {
        log("in", "← " + origin + ": message " + JSON.stringify(data));
      },
      onRequest: function (data, origin) {
        var reply = {"reply": "www got " + JSON.stringify(data), "at": new Date().toISOString()};
        log("in", "← " + origin + ": request " + JSON.stringify(data));
        log("out", "→ child: reply " + JSON.stringify(reply));
        return reply;
      },
      onError: function (error) {
        log("error", "✕ " + describe(error));
        if (!ready) {
          failed = true;
          setStatus("failed");
        }
      },
      onClose: markClosed
    });
  } catch (error) {
    setStatus("failed");
    log("error", "✕ connect failed: " + describe(error));
  }
}());
