/*
 * The same-origin page: the classic table of URL pairs, each tried for real against this page (a hidden frame whose
 * document this page tries to read) next to Kuayu's verdict (kuayu.origin). ES5, like every hand-written page.
 */
(function () {
  "use strict";

  var demo = window.KUAYU_DEMO;
  var rows = document.getElementById("rows");
  var summary = document.getElementById("summary");
  var here = location.protocol + "//" + location.host;
  var port = location.port;
  var host = location.hostname;
  var cases = [
    {url: here + "/index.html", what: "the same host, another file", zh: "同一域名，不同文件"},
    {url: here + "/kuayu/proxy.html", what: "the same host, another folder", zh: "同一域名，不同路径"},
    {url: demo.proxy ? demo.proxy + "/index.html" : null, what: "the same host, another port",
      zh: "同一域名，不同端口"},
    {url: "https://" + location.host + "/index.html", what: "the same host, another scheme (https)",
      zh: "同一域名，不同协议", untried: "this demo serves no https: only Kuayu's verdict"},
    {url: "http://127.0.0.1:" + port + "/same-origin-probe", what: "the host's IP address instead of its name",
      zh: "域名和域名对应的 IP"},
    {url: "http://" + host.replace(/^www\./, "") + ":" + port + "/same-origin-probe", what: "the parent domain",
      zh: "主域相同，子域不同"},
    {url: demo.domain2 + "/index.html", what: "another domain (domain2)", zh: "不同域名"}
  ];
  var left = cases.length;
  var agree = 0;
  var tried = 0;

  function cell(row, text, className) {
    var td = document.createElement("td");
    td.appendChild(document.createTextNode(text));
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function kuayuVerdict(url) {
    try {
      return kuayu.origin(url) === kuayu.origin(location.href) ? "same origin" : "another origin";
    } catch (e) {
      return "no origin (" + e.code + ")";
    }
  }

  /** Loads url in a hidden frame and says whether this page may read its document. */
  function browserVerdict(url, done) {
    var frame = document.createElement("iframe");
    var finished = false;
    var timer;
    function finish(verdict) {
      if (finished) {
        return;
      }
      finished = true;
      clearTimeout(timer);
      frame.parentNode.removeChild(frame);
      done(verdict);
    }
    frame.style.display = "none";
    frame.title = "probe";
    frame.onload = function () {
      var doc;
      try {
        doc = frame.contentWindow.document;
        finish(doc && doc.documentElement ? "same origin" : "another origin");
      } catch (e) {
        finish("another origin");
      }
    };
    timer = setTimeout(function () {
      finish("no answer in 5 s");
    }, 5000);
    frame.src = url;
    document.body.appendChild(frame);
  }

  function done() {
    left--;
    if (left === 0) {
      summary.textContent = agree === tried ? "Kuayu agrees with the browser on all " + tried + " URLs tried"
          : "Kuayu and the browser disagree on " + (tried - agree) + " of " + tried + " URLs";
      summary.className = "status " + (agree === tried ? "status-ready" : "status-failed");
    }
  }

  document.getElementById("self-origin").textContent = kuayu.origin(location.href);
  cases.forEach(function (c) {
    var row = document.createElement("tr");
    var browserCell, kuayuText;
    if (!c.url) {
      left--;
      return;
    }
    cell(row, c.url, "url");
    var what = cell(row, c.what + " ");
    var zh = document.createElement("span");
    zh.lang = "zh";
    zh.appendChild(document.createTextNode(c.zh));
    what.appendChild(zh);
    browserCell = cell(row, "trying…");
    kuayuText = kuayuVerdict(c.url);
    cell(row, kuayuText);
    rows.appendChild(row);
    if (c.untried) {
      browserCell.textContent = "not tried: " + c.untried;
      done();
      return;
    }
    browserVerdict(c.url, function (verdict) {
      tried++;
      browserCell.textContent = verdict;
      if (verdict === kuayuText) {
        agree++;
        row.className = "agree";
      } else {
        row.className = "disagree";
      }
      done();
    });
  });
}());
