/*
 * Loads the bundle a test chose: kuayu-gwt.js with ?bundle=gwt in the page's URL, kuayu-pm.js with ?bundle=pm, else
 * kuayu.js, from the folder in
 * this script's data-folder attribute (default /kuayu/). ES5; a parser-inserted script, so it runs before the next.
 */
(function () {
  var folder = (document.currentScript && document.currentScript.getAttribute('data-folder')) || '/kuayu/';
  var file = /[?&]bundle=gwt(&|$)/.test(location.search) ? 'kuayu-gwt.js'
      : /[?&]bundle=pm(&|$)/.test(location.search) ? 'kuayu-pm.js' : 'kuayu.js';
  document.write('<script src="' + folder + file + '"><\/script>');
}());
