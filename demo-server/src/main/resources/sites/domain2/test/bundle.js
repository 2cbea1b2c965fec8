/* Loads the bundle a test chose: kuayu-gwt.js with ?bundle=gwt in the page's URL, kuayu-pm.js with ?bundle=pm, else
   kuayu.js. ES5. */
document.write('<script src="/kuayu/' + (/[?&]bundle=gwt(&|$)/.test(location.search) ? 'kuayu-gwt.js'
    : /[?&]bundle=pm(&|$)/.test(location.search) ? 'kuayu-pm.js' : 'kuayu.js') + '"><\/script>');
