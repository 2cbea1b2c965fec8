/*
 * The remote side of the document.domain demo with Kuayu: accepts a channel with transport "domain" from the www
 * site only, echoes each message, replies to each request, sends its own, and logs everything with its direction
 * and origin. ES5, like every hand-written page.
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
  var failed = false;
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

  if (!demo || !window.kuayu) {
    setStatus("failed");
    log("error", "✕ /config.js or /kuayu/kuayu.js did not load");
    return;
  }

  composer.onsubmit = function () {
    var data = {"text": textInput.value};
    log("out", "→ www: message " + JSON.stringify(data));
    channel.send(data);
    return false;
  };

  requestButton.onclick = function () {
    var data = {"text": textInput.value};
    log("out", "→ www: request " + JSON.stringify(data));
    channel.request(data, function (reply) {
      replyView.textContent = JSON.stringify(reply);
      log("in", "← " + channel.origin + ": reply " + JSON.stringify(reply));
    }, function (error) {
      log("error", "✕ request failed: " + describe(error));
    });
  };

  try {
    channel = kuayu.accept({
      allowedOrigins: [demo.domain],
      transport: "domain",
      onReady: function () {
        setStatus("ready");
        log("info", "• ready: " + channel.origin + " over " + channel.transport);
      },
      onMessage: function (data, origin) {
        var echo = {"echo": data};
        log("in", "← " + origin + ": message " + JSON.stringify(data));
        log("out", "→ www: message " + JSON.stringify(echo));
        channel.send(echo);
      },
      onRequest: function (data, origin) {
        var reply = {"reply": "child got " + JSON.stringify(data), "at": new Date().toISOString()};
        log("in", "← " + origin + ": request " + JSON.stringify(data));
        log("out", "→ www: reply " + JSON.stringify(reply));
        return reply;
      },
      onError: function (error) {
        failed = true;
        setStatus("failed");
        log("error", "✕ " + describe(error));
      },
      onClose: function () {
        if (!closed) {
          closed = true;
          setStatus(failed ? "failed" : "closed");
          log("info", "• closed");
        }
      }
    });
  } catch (error) {
    setStatus("failed");
    log("error", "✕ accept failed: " + describe(error));
  }
}());
