// Stands for a bundle file in the demo server's own tests.
var demoServerTest = true;
