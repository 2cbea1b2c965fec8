/*
 * The peers' paths of the benchmarks, registered in BENCH.paths and BENCH.jsonpClients of bench/bench.js (see there
 * for the page parameters). The peers' own files are not part of Kuayu: ./scripts/bench.sh installs them from npm at
 * run time, and the bench's demo server serves that folder under /bench/peers/ (DemoServer.Builder.extraFolder).
 * Each peer's echo page on domain2 is bench/<via>-echo.html. ES5, like every hand-written page.
 */
(function () {
  'use strict';

  var remote = window.KUAYU_DEMO.domain2;
  var PEERS = '/bench/peers/';

  function failed(what) {
    return function (error) {
      BENCH.fail(what + ' failed: ' + (error && error.message ? error.message : error));
    };
  }

  /**
   * penpal 7: a WindowMessenger on the iframe's window, connect(...).promise gives the remote's methods; every
   * round trip is one call of its echo method. Ready when the promise resolves.
   */
  BENCH.paths.penpal = {
    scripts: [PEERS + 'penpal/dist/penpal.min.js'],
    open: function (ctx, onOpen, onReply) {
      var started = BENCH.now();
      var element = BENCH.frame(remote + '/bench/penpal-echo.html');
      var connection = Penpal.connect({
        messenger: new Penpal.WindowMessenger({remoteWindow: element.contentWindow, allowedOrigins: [remote]}),
        timeout: ctx.timeout
      });
      connection.promise.then(function (child) {
        onOpen(function (data) {
          child.echo(data).then(onReply, failed('a penpal call'));
        }, {readyMillis: BENCH.now() - started});
      }, failed('penpal connect'));
    }
  };

  /**
   * easyXDM 2.4.19: an easyXDM.Rpc with the remote method echo. Its npm build is CommonJS (module.exports), so it
   * loads under a module object of its own. Transports: postMessage by itself; transport=hash forces its
   * HashTransport (protocol "0"), whose host side needs only a page of its own site (bench/blank.html).
   * transport=name (NameTransport, protocol "2") needs easyXDM's name.html on both sites, which its npm package
   * does not ship: refused here, the report says so.
   */
  BENCH.paths.easyxdm = {
    scripts: [],
    open: function (ctx, onOpen, onReply) {
      var config;
      if (ctx.transport === 'name') {
        throw new Error('easyXDM cannot be forced to window.name here: its NameTransport needs easyXDM\'s name.html'
          + ' on both sites, and the npm package easyxdm@2.4.19-pre.2 has none');
      }
      window.module = {exports: {}};
      BENCH.loadScripts([PEERS + 'easyxdm/lib/easyXDM.js'], function () {
        var easyXDM = window.module.exports;
        var started = BENCH.now();
        var rpc;
        delete window.module;
        config = {
          remote: remote + '/bench/easyxdm-echo.html',
          onReady: function () {
            onOpen(function (data) {
              rpc.echo(data, onReply, failed('an easyXDM call'));
            }, {readyMillis: BENCH.now() - started});
          }
        };
        if (ctx.transport === 'hash') {
          config.protocol = '0';
          config.local = '/bench/blank.html';
        } else if (ctx.transport && ctx.transport !== 'postMessage') {
          throw new Error('easyXDM: transport=' + ctx.transport + ' is not measured (postMessage, hash)');
        }
        rpc = new easyXDM.Rpc(config, {remote: {echo: {}}});
      });
    }
  };

  /**
   * post-robot 10: postRobot.send of an 'echo' message to the iframe's window, with its exact domain; the reply is
   * the listener's return value. No connection to open: ready at the iframe's load event.
   */
  BENCH.paths.postrobot = {
    scripts: [PEERS + 'post-robot/dist/post-robot.min.js'],
    open: function (ctx, onOpen, onReply) {
      var started = BENCH.now();
      var element = BENCH.frame(remote + '/bench/postrobot-echo.html');
      element.addEventListener('load', function () {
        onOpen(function (data) {
          postRobot.send(element.contentWindow, 'echo', data, {domain: remote, timeout: ctx.timeout})
            .then(function (event) {
              onReply(event.data);
            }, failed('a post-robot send'));
        }, {readyMillis: BENCH.now() - started});
      });
    }
  };

  /** fetch-jsonp 1.4.0: fetchJsonp(url) gives a Response whose json() is the answer. */
  BENCH.jsonpClients.fetchjsonp = {
    scripts: [PEERS + 'fetch-jsonp/build/fetch-jsonp.js'],
    call: function (url, n, onAnswer) {
      fetchJsonp(url + '?n=' + n).then(function (response) {
        return response.json();
      }).then(onAnswer, failed('fetchJsonp'));
    }
  };
}());
