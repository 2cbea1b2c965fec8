/*
 * The reverse proxy demo of domain1: the same domain2 API (/api/proxy/) through the Jetty proxy on this host's
 * proxy port, through nginx (?nginx=ORIGIN, by default this host on port 8084) and through this server's own
 * /api/ (the middleware), with raw XMLHttpRequest, and the same API of domain2 directly, which the browser refuses
 * (it sends no CORS headers). The log says which boundary each request crossed. ES5.
 */
(function () {
  "use strict";

  var demo = window.KUAYU_DEMO;
  var logList = document.getElementById("log");
  var cookiesView = document.getElementById("cookies");

  function log(kind, line) {
    var item = document.createElement("li");
    item.className = kind;
    item.appendChild(document.createTextNode(line));
    logList.appendChild(item);
  }

  function showCookies() {
    cookiesView.textContent = document.cookie || "(none)";
  }

  if (!demo) {
    log("error", "✕ /config.js did not load");
    return;
  }

  function nginxOrigin() {
    var match = /[?&]nginx=([^&]+)/.exec(location.search);
    return match ? decodeURIComponent(match[1]) : location.protocol + "//" + location.hostname + ":8084";
  }

  var routes = {
    jetty: {origin: demo.proxy, via: "the Jetty proxy " + demo.proxy},
    nginx: {origin: nginxOrigin(), via: "nginx " + nginxOrigin()},
    middleware: {origin: "", via: "this server's /api/ (same origin)"}
  };
  document.getElementById("jetty-origin").textContent = routes.jetty.origin;
  document.getElementById("nginx-origin").textContent = routes.nginx.origin;

  function call(name, path, note) {
    var route = routes[name];
    var output = document.getElementById(name + "-reply");
    var xhr = new XMLHttpRequest();
    xhr.open("GET", route.origin + path, true);
    // Another origin of this site: the browser sends and keeps this host's cookies only when asked to.
    xhr.withCredentials = route.origin !== "";
    xhr.onload = function () {
      output.textContent = xhr.responseText;
      var where = xhr.responseURL && xhr.responseURL.indexOf(route.origin + path) < 0
          ? " (redirected, ended at " + xhr.responseURL + ")" : "";
      log("in", "← " + demo.domain2 + " → " + route.via + " → this page, " + xhr.status + where + ": "
          + xhr.responseText);
      showCookies();
    };
    xhr.onerror = function () {
      output.textContent = "no answer";
      log("error", "✕ " + route.via + " did not answer " + path + (name === "nginx"
          ? " (start nginx with docs/nginx/kuayu-demo.conf)" : ""));
    };
    log("out", "→ this page → " + route.via + " → " + demo.domain2 + ": GET " + path + " — " + note);
    xhr.send(null);
  }

  var name;
  for (name in routes) {
    if (routes.hasOwnProperty(name)) {
      (function (route) {
        document.getElementById(route + "-login").onclick = function () {
          call(route, "/api/proxy/login?user=admin",
              "domain2 sets l=a123456 and user=admin for www.domain2.localhost; the proxy moves them to "
              + location.hostname);
        };
        document.getElementById(route + "-whoami").onclick = function () {
          call(route, "/api/proxy/whoami", "the browser adds this host's cookies; the proxy passes them on");
        };
        document.getElementById(route + "-redirect").onclick = function () {
          call(route, "/api/proxy/redirect",
              "domain2 redirects to its own absolute URL; the proxy rewrites Location to a path of its own");
        };
        document.getElementById(route + "-logout").onclick = function () {
          call(route, "/api/proxy/logout", "domain2 expires its cookies, which the proxy moves here too");
        };
      }(name));
    }
  }
  document.getElementById("direct").onclick = function () {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", demo.domain2 + "/api/proxy/whoami", true);
    xhr.onload = function () {
      log("info", "• this browser allowed the read of domain2's answer (it does not enforce CORS): "
          + xhr.responseText);
    };
    xhr.onerror = function () {
      log("error", "✕ refused: the browser kept domain2's answer from this page — " + demo.domain2
          + " is another origin and its /api/proxy/ sends no Access-Control-Allow-Origin; a proxy of this site"
          + " makes the same call from the server, where no browser rule applies (浏览器拒绝：跨域且没有 CORS 响应头)");
    };
    log("out", "→ this page → " + demo.domain2 + " directly: GET /api/proxy/whoami");
    xhr.send(null);
  };
  showCookies();
  log("info", "• ready: this page is " + location.origin + "; domain2 is " + demo.domain2);
}());
