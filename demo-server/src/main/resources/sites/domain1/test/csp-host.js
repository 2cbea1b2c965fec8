// ES5: runs in HtmlUnit too (which ignores CSP); Chromium enforces the page's policy.
(function () {
  var bundle = /[?&]bundle=gwt(&|$)/.test(location.search) ? "gwt" : "teavm";
  var remote = window.KUAYU_DEMO.domain2 + "/test/remote.html?mode=echo&bundle=" + bundle + "&allowed="
      + encodeURIComponent(window.KUAYU_DEMO.domain1);
  var channel = kuayu.connect({
    remote: remote,
    onReady: function () {
      channel.request({via: "csp"}).then(function (reply) {
        window.RESULT = {transport: channel.transport, reply: reply};
      }, function (error) {
        window.RESULT = {error: error.code + " " + error.message};
      });
    },
    onError: function (error) { window.RESULT = {error: error.code + " " + error.message}; }
  });
}());
