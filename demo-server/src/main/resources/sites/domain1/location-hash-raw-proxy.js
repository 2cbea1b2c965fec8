/*
 * domain1's page in a frame of domain2's page (classic location.hash): hands its fragment to the domain1 page two
 * levels up, which it may script being of the same origin, at load and on each hashchange. ES5.
 */
(function () {
  "use strict";

  function deliver() {
    var text;
    try {
      text = decodeURIComponent(location.hash.substring(1));
      window.parent.parent.rawHash.receive(text);
    } catch (e) {
      // Not opened by the demo: nothing to hand over.
    }
  }

  window.addEventListener("hashchange", deliver);
  deliver();
}());
