/* Loads the bundle a test chose: kuayu-gwt.js with ?bundle=gwt in the page's URL, else kuayu.js. ES5. */
document.write('<script src="/kuayu/' + (/[?&]bundle=gwt(&|$)/.test(location.search) ? 'kuayu-gwt.js' : 'kuayu.js')
    + '"><\/script>');
