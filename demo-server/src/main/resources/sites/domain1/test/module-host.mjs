// The ES module build, imported both ways (default and named exports), from a folder copied under a deep path.
import kuayu, {connect, version} from "/static/vendor/kuayu/kuayu.mjs";

const remote = window.KUAYU_DEMO.domain2 + "/test/remote.html?mode=echo&allowed="
    + encodeURIComponent(window.KUAYU_DEMO.domain1);
const channel = connect({
  remote: remote,
  onReady: function () {
    channel.request({via: "module"}).then(function (reply) {
      window.RESULT = {sameApi: kuayu.connect === connect && kuayu.version === version, version: version,
        transport: channel.transport, reply: reply};
    }, function (error) {
      window.RESULT = {error: error.code + " " + error.message};
    });
  },
  onError: function (error) { window.RESULT = {error: error.code + " " + error.message}; }
});
