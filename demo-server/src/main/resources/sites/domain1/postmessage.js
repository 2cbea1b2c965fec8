/*
 * The host side of the Kuayu demos between domain1 and domain2 (postMessage, location.hash, window.name): opens a
 * Kuayu channel to domain2's remote page, replies to domain2's requests, and logs every message with its direction
 * and origin. The page's <body data-transport="..."> forces a transport (default: Kuayu's automatic choice); the
 * remote page accepts each of them (it takes nothing from its URL). The remote page shows in the visible frame
 * #remote, but for window.name, whose frame Kuayu must create itself (it names the frame before the page loads):
 * that one is hidden. ES5, like every hand-written page.
 */
(function () {
  "use strict";

  var statusView = document.getElementById("status");
  var composer = document.getElementById("composer");
  var textInput = document.getElementById("text");
  var sendButton = document.getElementById("send");
  var requestButton = document.getElementById("request");
  var closeButton = document.getElementById("close");
  var replyView = document.getElementById("reply");
  var logList = document.getElementById("log");
  var frame = document.getElementById("remote");
  var demo = window.KUAYU_DEMO;
  var channel = null;
  var ready = false;
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
    closeButton.disabled = status !== "ready";
  }

  function describe(error) {
    if (error && error.code) {
      return error.code + " " + error.message;
    }
    return String(error);
  }

  function remoteOrigin() {
    return (channel && channel.origin) || demo.domain2;
  }

  function markClosed() {
    if (!closed) {
      closed = true;
      setStatus(ready ? "closed" : "failed");
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
    log("out", "→ domain2: message " + JSON.stringify(data));
    channel.send(data);
    return false;
  };

  requestButton.onclick = function () {
    var data = {"text": textInput.value};
    log("out", "→ domain2: request " + JSON.stringify(data));
    channel.request(data, function (reply) {
      replyView.textContent = JSON.stringify(reply);
      log("in", "← " + remoteOrigin() + ": reply " + JSON.stringify(reply));
    }, function (error) {
      log("error", "✕ request failed: " + describe(error));
    });
  };

  closeButton.onclick = function () {
    channel.close();
    markClosed();
  };

  var transport = document.body.getAttribute("data-transport");
  var remote = demo.domain2 + "/postmessage-remote.html";
  var options = {
    transport: transport || "auto",
    onReady: function () {
      ready = true;
      setStatus("ready");
      log("info", "• ready: " + remoteOrigin() + " over " + channel.transport + " (kuayu " + kuayu.version + ")");
    },
    onMessage: function (data, origin) {
      log("in", "← " + origin + ": message " + JSON.stringify(data));
    },
    onRequest: function (data, origin) {
      var reply = {"reply": "domain1 got " + JSON.stringify(data), "at": new Date().toISOString()};
      log("in", "← " + origin + ": request " + JSON.stringify(data));
      log("out", "→ domain2: reply " + JSON.stringify(reply));
      return reply;
    },
    // Also told of each fallback of the automatic choice, while the channel goes on connecting.
    onError: function (error) {
      log("error", "✕ " + describe(error));
    },
    onClose: markClosed
  };
  if (transport === "name") {
    options.remote = remote;
    frame.parentNode.removeChild(frame);
  } else {
    // Set the frame's page in the same task as connect(), so the channel listens before the page can load.
    frame.src = remote;
    options.frame = frame;
  }
  try {
    channel = kuayu.connect(options);
  } catch (error) {
    setStatus("failed");
    log("error", "✕ connect failed: " + describe(error));
  }
}());
