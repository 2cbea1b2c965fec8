/*
 * The WebSocket demo of domain1, after the classic socket.io chat: what the user types goes to domain2's server,
 * which answers "hello: ...". Once over a raw "new WebSocket" (ws://…/ws/raw, plain text), once over a Kuayu channel
 * (ws://…/ws/chat, the Kuayu wire protocol: messages, requests with replies, reconnection). A button loads a page of
 * domain3 in a frame, whose socket domain2's server refuses for its origin; that page posts what happened here. ES5,
 * like every hand-written page.
 */
(function () {
  "use strict";

  var demo = window.KUAYU_DEMO;
  var textInput = document.getElementById("text");
  var replyView = document.getElementById("reply");
  var rawState = document.getElementById("raw-state");
  var kuayuState = document.getElementById("kuayu-state");
  var logList = document.getElementById("log");

  function log(kind, line) {
    var item = document.createElement("li");
    item.className = kind;
    item.appendChild(document.createTextNode(line));
    logList.appendChild(item);
  }

  function describe(error) {
    return error && error.code ? error.code + " " + error.message : String(error);
  }

  if (!demo || !window.kuayu) {
    log("error", "✕ /config.js or /kuayu/kuayu.js did not load");
    return;
  }
  var server = demo.domain2.replace(/^http/, "ws");

  // The raw way, as the classic example writes it (there with socket.io): strings in, strings out.
  var raw = new WebSocket(server + "/ws/raw");
  raw.onopen = function () {
    rawState.textContent = "open";
    log("info", "• raw: connected to " + server + "/ws/raw");
  };
  raw.onmessage = function (event) {
    replyView.textContent = event.data;
    log("in", "← " + server + " (raw): " + event.data);
  };
  raw.onclose = function (event) {
    rawState.textContent = "closed";
    log("error", "✕ raw: the socket closed (" + event.code + "); the classic code does not reconnect");
  };

  // The Kuayu way: the same channel API as for frames.
  var channel = kuayu.connect({
    transport: "websocket",
    remote: server + "/ws/chat",
    onReady: function () {
      kuayuState.textContent = "ready";
      log("info", "• kuayu: channel ready with " + channel.origin + " over " + channel.transport);
    },
    onMessage: function (data, origin) {
      replyView.textContent = data.text;
      log("in", "← " + origin + " (kuayu message): " + JSON.stringify(data));
    },
    onError: function (error) {
      kuayuState.textContent = channel.state;
      log("error", "✕ kuayu: " + describe(error));
    },
    onClose: function () {
      kuayuState.textContent = "closed";
      log("info", "• kuayu: channel closed");
    }
  });

  document.getElementById("composer").onsubmit = function () {
    if (raw.readyState !== 1) {
      log("error", "✕ raw: the socket is not open");
      return false;
    }
    raw.send(textInput.value);
    log("out", "→ " + server + " (raw): " + textInput.value);
    return false;
  };
  document.getElementById("kuayu-send").onclick = function () {
    channel.send({text: textInput.value});
    log("out", "→ " + server + " (kuayu message): " + JSON.stringify({text: textInput.value}));
  };
  document.getElementById("kuayu-request").onclick = function () {
    var question = {op: "upper", text: textInput.value};
    log("out", "→ " + server + " (kuayu request): " + JSON.stringify(question));
    channel.request(question).then(function (reply) {
      replyView.textContent = reply.text;
      log("in", "← " + server + " (kuayu reply): " + JSON.stringify(reply));
    }, function (error) {
      log("error", "✕ kuayu request: " + describe(error));
    });
  };

  var refusedFrame = document.getElementById("refused-frame");
  window.addEventListener("message", function (event) {
    var match = /^kuayu-demo-websocket\|(.*)$/.exec(typeof event.data === "string" ? event.data : "");
    if (!match || event.origin !== demo.domain3 || event.source !== refusedFrame.contentWindow) {
      return;
    }
    if (match[1] === "open") {
      log("info", "• domain3's socket opened: this server does not check the origin");
    } else {
      log("error", "✕ refused: domain2's server answered 403 to the WebSocket upgrade of the page of "
          + demo.domain3 + " (" + match[1] + "): the browser sent that page's origin in the Origin header, and the"
          + " server lists " + location.origin + " only (服务器拒绝：Origin 不在允许名单上)");
    }
  });
  document.getElementById("wrong-origin").onclick = function () {
    log("out", "→ " + server + " (raw, from a page of " + demo.domain3 + " in a frame): new WebSocket(\""
        + server + "/ws/raw\")");
    refusedFrame.hidden = false;
    refusedFrame.src = demo.domain3 + "/websocket-refused.html?at=" + new Date().getTime();
  };
}());
