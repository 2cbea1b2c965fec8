/*
 * CORS with credentials between two origins of one site: this page (www.domain.localhost) logs in to the API
 * of child.domain.localhost with raw XMLHttpRequest and withCredentials, and asks who it is; once without
 * withCredentials, to show that the browser then sends no cookie. ES5.
 */
(function () {
  "use strict";

  var demo = window.KUAYU_DEMO;
  var logList = document.getElementById("log");
  var reply = document.getElementById("reply");

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
  document.getElementById("home-link").href = demo.domain1 + "/cors.html";

  function call(method, path, body, note, withoutCredentials) {
    var xhr = new XMLHttpRequest();
    xhr.open(method, demo.child + path, true);
    xhr.withCredentials = !withoutCredentials;
    if (body !== null) {
      xhr.setRequestHeader("Content-Type", "application/x-www-form-urlencoded");
    }
    xhr.onload = function () {
      reply.textContent = xhr.responseText;
      log("in", "← " + demo.child + " " + xhr.status + ": " + xhr.responseText);
      if (withoutCredentials && xhr.responseText.indexOf("\"loggedIn\": false") >= 0) {
        log("error", "✕ no cookie: without xhr.withCredentials the browser leaves the child's cookies out of a"
            + " request to another origin, even of the same site, so the child does not know this page"
            + " (浏览器没有带上 cookie：跨域请求必须设置 withCredentials)");
      }
    };
    xhr.onerror = function () {
      reply.textContent = "refused by the browser";
      log("error", "✕ the browser kept from this page the answer of " + method + " " + path);
    };
    log("out", "→ " + demo.child + " " + method + " " + path + " — " + note);
    xhr.send(body);
  }

  document.getElementById("login").onclick = function () {
    call("POST", "/api/cors/login", "user=admin", "withCredentials: the child sets l=a123456 for its own host");
  };
  document.getElementById("whoami").onclick = function () {
    call("GET", "/api/cors/whoami", null, "withCredentials: the browser adds the child's cookies");
  };
  document.getElementById("logout").onclick = function () {
    call("POST", "/api/cors/logout", "", "the child expires its cookies");
  };
  document.getElementById("no-credentials").onclick = function () {
    call("GET", "/api/cors/whoami", null, "no withCredentials: the browser adds no cookie", true);
  };
  log("info", "• ready: this page is " + location.origin + ", the API is " + demo.child + "/api/cors/");
}());
