/*
 * The CORS demo of domain1: raw XMLHttpRequest to domain2's /api/cors/ (a simple request, a preflighted PUT, a
 * refused one, and a credentialed login) and to its /api/proxy/, which names no origin (refused), logging what
 * crossed from which origin to which. ES5, like every hand-written page.
 */
(function () {
  "use strict";

  var demo = window.KUAYU_DEMO;
  var logList = document.getElementById("log");

  function log(kind, line) {
    var item = document.createElement("li");
    item.className = kind;
    item.appendChild(document.createTextNode(line));
    logList.appendChild(item);
  }

  if (!demo) {
    log("error", "✕ /config.js did not load");
    return;
  }
  document.getElementById("pair-link").href = demo.domain + "/cors-credentials.html";

  /** One request from this page to domain2, the raw way; the answer goes to the output with this id. */
  function call(method, path, options, outputId) {
    var xhr = new XMLHttpRequest();
    var output = document.getElementById(outputId);
    xhr.open(method, demo.domain2 + path, true);
    if (options.credentials) {
      xhr.withCredentials = true;
    }
    var header;
    for (header in options.headers) {
      if (options.headers.hasOwnProperty(header)) {
        xhr.setRequestHeader(header, options.headers[header]);
      }
    }
    xhr.onload = function () {
      var exposed = xhr.getResponseHeader("X-Kuayu-Api");
      output.textContent = xhr.responseText;
      log("in", "← " + demo.domain2 + " " + xhr.status + ": " + xhr.responseText
          + (exposed ? " (exposed header X-Kuayu-Api: " + exposed + ")" : ""));
      if (options.after) {
        options.after(xhr);
      }
    };
    xhr.onerror = function () {
      output.textContent = "refused by the browser";
      log("error", "✕ the browser kept from this page the answer of " + method + " " + path
          + " (status " + xhr.status + "): " + options.refusal);
    };
    log("out", "→ " + demo.domain2 + " " + method + " " + path + " from " + location.origin + " — "
        + options.note);
    xhr.send(options.body === undefined ? null : options.body);
  }

  document.getElementById("simple").onclick = function () {
    call("GET", "/api/cors/hello", {
      note: "a simple request: sent at once, with Origin: " + location.origin,
      refusal: "domain2 did not name this origin"
    }, "simple-reply");
  };
  document.getElementById("unnamed").onclick = function () {
    call("GET", "/api/proxy/hello", {
      note: "the same request to domain2's API for the proxies, which sends no CORS headers",
      refusal: "domain2's answer has no Access-Control-Allow-Origin naming " + location.origin
          + ": the request reached domain2, but the browser keeps its answer from this page"
          + " (浏览器拒绝：响应没有允许本页的源)"
    }, "simple-reply");
  };
  document.getElementById("preflight").onclick = function () {
    call("PUT", "/api/cors/item", {
      headers: {"X-Custom-Header": "value", "Content-Type": "text/plain"},
      body: "hello from domain1",
      note: "not simple (PUT, X-Custom-Header): the browser first sends OPTIONS with "
          + "Access-Control-Request-Method: PUT and Access-Control-Request-Headers: x-custom-header",
      refusal: "the preflight was refused"
    }, "preflight-reply");
  };
  document.getElementById("refused").onclick = function () {
    call("PUT", "/api/cors/item", {
      headers: {"X-Not-Allowed": "1"},
      note: "the preflight asks for X-Not-Allowed, which domain2's policy does not list",
      refusal: "domain2's preflight answer does not allow the header X-Not-Allowed, so the PUT was never sent"
          + " (浏览器拒绝：预检响应不允许这个请求头)"
    }, "preflight-reply");
  };
  document.getElementById("login").onclick = function () {
    call("POST", "/api/cors/login", {
      credentials: true,
      headers: {"Content-Type": "application/x-www-form-urlencoded"},
      body: "user=admin",
      note: "withCredentials: domain2 answers with Set-Cookie l=a123456 for www.domain2.localhost",
      refusal: "domain2 did not allow credentials for this origin",
      after: function () {
        log("info", "• the answer was readable; whether the browser kept domain2's cookie, ask domain2 who I am");
      }
    }, "credentials-reply");
  };
  document.getElementById("whoami").onclick = function () {
    call("GET", "/api/cors/whoami", {
      credentials: true,
      note: "withCredentials: the browser adds domain2's cookies, if it kept any",
      refusal: "domain2 did not allow credentials for this origin",
      after: function (xhr) {
        var answer = JSON.parse(xhr.responseText);
        log("info", answer.loggedIn
            ? "• domain2 got its cookie back: this browser sends cookies to another site"
            : "• no cookie reached domain2: this browser does not keep or send cookies for another site "
              + "(third-party cookies); see the same-site pair");
      }
    }, "credentials-reply");
  };
  log("info", "• ready: this page is " + location.origin + ", the API is " + demo.domain2 + "/api/cors/");
}());
