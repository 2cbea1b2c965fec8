/* proxy.js (test copy) */
