/*
 * domain2's page of the classic location.hash flow: on each hashchange it reads the text domain1 wrote, and answers
 * through a frame of domain1's location-hash-raw-proxy.html, writing the answer into that frame's fragment. ES5.
 */
(function () {
  "use strict";

  var demo = window.KUAYU_DEMO;
  var view = document.getElementById("fragment");
  var proxy = null;

  function answer() {
    var text;
    try {
      text = decodeURIComponent(location.hash.substring(1));
    } catch (e) {
      text = location.hash.substring(1);
    }
    if (!text) {
      return;
    }
    view.textContent = text;
    var url = demo.domain1 + "/location-hash-raw-proxy.html#" + encodeURIComponent("domain2 got " + text);
    if (!proxy) {
      proxy = document.createElement("iframe");
      proxy.style.display = "none";
      proxy.title = "domain1's proxy page";
      proxy.src = url;
      document.body.appendChild(proxy);
    } else {
      proxy.src = url;
    }
  }

  window.addEventListener("hashchange", answer);
  answer();
}());
