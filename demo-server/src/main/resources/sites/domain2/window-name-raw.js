/*
 * domain2's page of the classic window.name flow: puts its answer to ?text= in window.name, which outlives this
 * page when domain1 sends the frame to a page of its own. ES5.
 */
(function () {
  "use strict";

  var match = /[?&]text=([^&]*)/.exec(location.search);
  var text = match ? decodeURIComponent(match[1].replace(/\+/g, " ")) : "";
  window.name = JSON.stringify({"answer": "domain2 got " + text, "at": new Date().toISOString()});
}());
