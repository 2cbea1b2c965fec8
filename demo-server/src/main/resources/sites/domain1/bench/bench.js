/*
 * The host side of the benchmarks (bench/roundtrip.html, bench/connect.html), run by the bench module
 * (org.kuayu.bench.Benchmarks, ./scripts/bench.sh): it loads a page with the parameters in its query and polls
 * BENCH.done. All timing happens here, with performance.now(). ES5, like every hand-written page.
 *
 *   BENCH.roundTrips()   ?via=port|window|kuayu&size=<chars>&inflight=<n>&warmup=<ms>&millis=<ms>
 *                        opens a path to a domain2 frame, checks one echo, warms up for 'warmup' ms one round
 *                        trip at a time (the same code runs at any depth, and a 1 MB warm-up at depth 100 would
 *                        cost a whole wave of 100), then runs 'millis' ms keeping 'inflight' round trips in
 *                        flight and lets the last ones come back; result {count, millis, perSecond, warmupCount}
 *   BENCH.connectTime()  ?via=kuayu|port
 *                        kuayu: kuayu.connect -> onReady; port: create the iframe -> its load event -> transfer
 *                        a MessagePort -> the first message on it; result {readyMillis, loadMillis}
 *
 * When finished BENCH.done is true and BENCH.result holds the numbers, or BENCH.error says what went wrong.
 */
var BENCH = (function () {
  'use strict';

  var demo = window.KUAYU_DEMO;
  var BENCH = {done: false, error: null, result: null};
  var query = {};
  var pairs = location.search.substring(1).split('&');
  var i, pair;
  for (i = 0; i < pairs.length; i++) {
    if (pairs[i]) {
      pair = pairs[i].split('=');
      query[decodeURIComponent(pair[0])] = decodeURIComponent(pair[1] || '');
    }
  }

  function now() {
    return performance.now();
  }

  function fail(message) {
    if (!BENCH.done) {
      BENCH.error = String(message);
      BENCH.done = true;
    }
  }

  function finish(result) {
    if (!BENCH.done) {
      BENCH.result = result;
      BENCH.done = true;
    }
  }

  function number(name) {
    var value = Number(query[name]);
    if (!(value >= 0)) {
      throw new Error('the query needs ' + name + '=<number>, got ' + query[name]);
    }
    return value;
  }

  /** An ASCII string of 'length' characters (one byte each in UTF-8), the same on every run. */
  function payload(length) {
    var text = 'Kuayu 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ {}[]:,.;-_+=*/()!?';
    while (text.length < length) {
      text += text;
    }
    return text.substring(0, length);
  }

  /**
   * The raw baseline: an iframe of domain2's bench/echo.html. After its load event, either a MessageChannel
   * port is transferred to it (usePort) or messages go to its window with the exact target origin.
   * Calls onOpen(send, timing) once, then onReply(data) for every echo.
   */
  function rawPath(usePort, onOpen, onReply) {
    var remote = demo.domain2;
    var frame = document.createElement('iframe');
    var created = now();
    var loaded = false;
    frame.addEventListener('load', function () {
      var channel, opened;
      var loadMillis = now() - created;
      if (loaded) {
        fail('the echo frame loaded a second time');
        return;
      }
      loaded = true;
      if (usePort) {
        channel = new MessageChannel();
        opened = false;
        channel.port1.onmessage = function (event) {
          if (opened) {
            onReply(event.data);
          } else if (event.data === 'ready') {
            opened = true;
            onOpen(function (data) {
              channel.port1.postMessage(data);
            }, {loadMillis: loadMillis, readyMillis: now() - created});
          }
        };
        frame.contentWindow.postMessage('bench-port', remote, [channel.port2]);
      } else {
        window.addEventListener('message', function (event) {
          if (event.source === frame.contentWindow && event.origin === remote) {
            onReply(event.data);
          }
        });
        onOpen(function (data) {
          frame.contentWindow.postMessage(data, remote);
        }, {loadMillis: loadMillis, readyMillis: now() - created});
      }
    });
    frame.src = remote + '/bench/echo.html';
    document.body.appendChild(frame);
  }

  /**
   * Kuayu: kuayu.connect to domain2's bench/kuayu-echo.html; every request is answered with its data. The
   * timeout covers the handshake and each request (a wave of 100 requests of 1 MB takes tens of seconds).
   */
  function kuayuPath(timeout, onOpen, onReply) {
    var started = now();
    var opened = false;
    var channel = kuayu.connect({
      remote: demo.domain2 + '/bench/kuayu-echo.html',
      timeout: timeout,
      onReady: function () {
        if (opened) {
          fail('onReady was called a second time (the remote page reloaded?)');
          return;
        }
        opened = true;
        onOpen(function (data) {
          channel.request(data).then(onReply, function (error) {
            fail('request failed: ' + error.code + ' ' + error.message);
          });
        }, {readyMillis: now() - started});
      },
      onError: function (error) {
        fail('channel error: ' + error.code + ' ' + error.message);
      }
    });
  }

  function openPath(via, timeout, onOpen, onReply) {
    if (via === 'port' || via === 'window') {
      rawPath(via === 'port', onOpen, onReply);
    } else if (via === 'kuayu') {
      kuayuPath(timeout, onOpen, onReply);
    } else {
      throw new Error('the query needs via=port, window or kuayu; got ' + via);
    }
  }

  /**
   * Keeps 'inFlight' round trips going for 'millis' ms, then lets the last ones come back.
   * Calls done(count, elapsed ms from the first send to the last reply).
   */
  function phase(ctx, inFlight, millis, done) {
    var start = now();
    var end = start + millis;
    var outstanding = 0;
    var count = 0;
    var k;
    ctx.onReply = function (data) {
      var t;
      if (typeof data !== 'string' || data.length !== ctx.payload.length) {
        fail('a reply of the wrong size: ' + (typeof data === 'string' ? data.length + ' chars' : typeof data));
        return;
      }
      outstanding--;
      count++;
      t = now();
      if (t < end) {
        outstanding++;
        ctx.send(ctx.payload);
      } else if (outstanding === 0) {
        done(count, t - start);
      }
    };
    for (k = 0; k < inFlight; k++) {
      outstanding++;
      ctx.send(ctx.payload);
    }
  }

  BENCH.roundTrips = function () {
    var ctx;
    try {
      ctx = {
        payload: payload(number('size')),
        inFlight: Math.max(1, number('inflight')),
        onReply: null,
        send: null
      };
      var warmup = number('warmup');
      var millis = number('millis');
      openPath(query.via, 120000, function (send) {
        ctx.send = send;
        // One round trip first, compared in full: the numbers only count if the echo is exact.
        ctx.onReply = function (data) {
          if (data !== ctx.payload) {
            fail('the first echo differs from what was sent');
            return;
          }
          phase(ctx, 1, warmup, function (warmupCount) {
            phase(ctx, ctx.inFlight, millis, function (count, elapsed) {
              finish({count: count, millis: elapsed, perSecond: count * 1000 / elapsed, warmupCount: warmupCount});
            });
          });
        };
        send(ctx.payload);
      }, function (data) {
        if (!BENCH.done) {
          ctx.onReply(data);
        }
      });
    } catch (e) {
      fail(e && e.message ? e.message : e);
    }
  };

  BENCH.connectTime = function () {
    try {
      if (query.via !== 'kuayu' && query.via !== 'port') {
        throw new Error('the query needs via=kuayu or port; got ' + query.via);
      }
      openPath(query.via, 20000, function (send, timing) {
        finish({readyMillis: timing.readyMillis, loadMillis: timing.loadMillis === undefined ? null : timing.loadMillis});
      }, function () {});
    } catch (e) {
      fail(e && e.message ? e.message : e);
    }
  };

  window.addEventListener('error', function (event) {
    fail('page error: ' + event.message);
  });

  return BENCH;
}());
