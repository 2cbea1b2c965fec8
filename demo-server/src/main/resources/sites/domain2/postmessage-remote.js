/*
 * The remote side of domain1's Kuayu demos (postMessage, location.hash, window.name: it opts in to the three by name,
 * as a remote page must for window.name and location.hash, and takes whichever the host uses; it reads nothing from
 * its URL): accepts a Kuayu channel from domain1 only, echoes each message,
 * replies to each request, sends requests of its own, and logs everything with its direction and origin. ES5,
 * like every hand-written page.
 */
(function () {
  "use strict";

  var statusView = document.getElementById("status");
  var composer = document.getElementById("composer");
  var textInput = document.getElementById("text");
  var sendButton = document.getElementById("send");
  var requestButton = document.getElementById("request");
  var replyView = document.getElementById("reply");
  var logList = document.getElementById("log");
  var demo = window.KUAYU_DEMO;
  var channel = null;
  var closed = false;

  function log(kind, line) {
    var item = document.createElement("li");
    item.className = kind;
    item.appendChild(document.createTextNode(line));
    logList.appendChild(item);
  }

  function setStatus(status) {
    statusView.textContent = status;
    statusView.className = "status status-" + status;
    sendButton.disabled = status !== "ready";
    requestButton.disabled = status !== "ready";
  }

  function describe(error) {
    if (error && error.code) {
      return error.code + " " + error.message;
    }
    return String(error);
  }

  function markClosed() {
    if (!closed) {
      closed = true;
      setStatus("closed");
      log("info", "• closed");
    }
  }

  if (!demo || !window.kuayu) {
    setStatus("failed");
    log("error", "✕ /config.js or /kuayu/kuayu.js did not load");
    return;
  }

  composer.onsubmit = function () {
    var data = {"text": textInput.value};
    log("out", "→ domain1: message " + JSON.stringify(data));
    channel.send(data);
    return false;
  };

  requestButton.onclick = function () {
    var data = {"text": textInput.value};
    log("out", "→ domain1: request " + JSON.stringify(data));
    channel.request(data, function (reply) {
      replyView.textContent = JSON.stringify(reply);
      log("in", "← " + channel.origin + ": reply " + JSON.stringify(reply));
    }, function (error) {
      log("error", "✕ request failed: " + describe(error));
    });
  };

  // Fixed here, never read from this page's URL: whoever links to the page must not choose what it accepts.
  try {
    channel = kuayu.accept({
      allowedOrigins: [demo.domain1],
      transport: ["postMessage", "name", "hash"],
      onReady: function () {
        setStatus("ready");
        log("info", "• ready: " + channel.origin + " over " + channel.transport);
      },
      onMessage: function (data, origin) {
        var echo = {"echo": data};
        log("in", "← " + origin + ": message " + JSON.stringify(data));
        log("out", "→ domain1: message " + JSON.stringify(echo));
        channel.send(echo);
      },
      onRequest: function (data, origin) {
        var reply = {"reply": "domain2 got " + JSON.stringify(data), "at": new Date().toISOString()};
        log("in", "← " + origin + ": request " + JSON.stringify(data));
        log("out", "→ domain1: reply " + JSON.stringify(reply));
        return reply;
      },
      onError: function (error) {
        log("error", "✕ " + describe(error));
      },
      onClose: markClosed
    });
  } catch (error) {
    setStatus("failed");
    log("error", "✕ accept failed: " + describe(error));
  }
}());
