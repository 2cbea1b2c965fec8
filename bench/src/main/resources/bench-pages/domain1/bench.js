/*
 * The host side of the benchmarks (bench/run.html?measure=...), run by the bench module (org.kuayu.bench.Benchmarks,
 * ./scripts/bench.sh): it loads the page with the parameters in its query and polls BENCH.done. All timing happens
 * here, with performance.now(). ES5, like every hand-written page. The peers' paths (penpal, easyXDM, post-robot)
 * and fetch-jsonp are in bench/peers.js, which registers them in BENCH.paths and BENCH.jsonpClients.
 *
 *   BENCH.run()          calls the measurement that ?measure= names: roundtrips, connect, transfer or jsonp
 *   BENCH.roundTrips()   ?via=port|window|kuayu|penpal|easyxdm|postrobot&size=<chars>&inflight=<n>&warmup=<ms>
 *                        &millis=<ms>
 *                        opens a path to a domain2 frame, checks one echo, warms up for 'warmup' ms one round
 *                        trip at a time (the same code runs at any depth, and a 1 MB warm-up at depth 100 would
 *                        cost a whole wave of 100), then runs 'millis' ms keeping 'inflight' round trips in
 *                        flight and lets the last ones come back; result {count, millis, perSecond, warmupCount}
 *   BENCH.connectTime()  ?via=kuayu|port|penpal|easyxdm
 *                        kuayu: kuayu.connect -> onReady; port: create the iframe -> its load event -> transfer
 *                        a MessagePort -> the first message on it; penpal: create the iframe -> connect(...).promise
 *                        resolves; easyxdm: new easyXDM.Rpc -> onReady; result {readyMillis, loadMillis}
 *   BENCH.transfer()     ?via=kuayu|easyxdm&transport=name|hash|postMessage&size=<UTF-8 bytes>
 *                        opens the path with that transport forced, then one request of a mixed ASCII + CJK string
 *                        of 'size' UTF-8 bytes there and back, failing after 90 s; result {millis, chars}
 *   BENCH.jsonp()        ?via=kuayu|fetchjsonp&warmup=<ms>&millis=<ms>
 *                        sequential JSONP calls of domain2's /test/jsonp/echo, one at a time; result {count, millis,
 *                        perSecond, medianMillis}
 *
 * A path is {scripts: [urls loaded first], open: function (ctx, onOpen, onReply)} where ctx has timeout and
 * transport; it calls onOpen(send, timing) once and onReply(data) for every echo.
 * When finished BENCH.done is true and BENCH.result holds the numbers, or BENCH.error says what went wrong.
 */
var BENCH = (function () {
  'use strict';

  var demo = window.KUAYU_DEMO;
  var BENCH = {done: false, error: null, result: null, paths: {}};
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

  /** ASCII and CJK mixed (three UTF-8 bytes a character), cut at 'bytes' UTF-8 bytes; the same on every run. */
  function mixedPayload(bytes) {
    var unit = 'Kuayu \u8de8\u57df 0123456789 \u6d88\u606f\u4f20\u9012 abcdefghij ';
    var parts = [];
    var size = 0;
    var k = 0;
    var c;
    while (true) {
      c = unit.charAt(k++ % unit.length);
      size += c.charCodeAt(0) < 128 ? 1 : 3;
      if (size > bytes) {
        return parts.join('');
      }
      parts.push(c);
    }
  }

  /** An iframe of 'src' in the page, shown like the raw baseline's (a hidden cross-site frame may be throttled). */
  function frame(src) {
    var element = document.createElement('iframe');
    element.src = src;
    document.body.appendChild(element);
    return element;
  }

  /** Loads the scripts one after the other, then calls done. */
  function loadScripts(urls, done) {
    var script;
    if (!urls || urls.length === 0) {
      done();
      return;
    }
    script = document.createElement('script');
    script.onload = function () {
      loadScripts(urls.slice(1), done);
    };
    script.onerror = function () {
      fail(urls[0] + ' did not load: are the peers installed? (./scripts/bench.sh installs them with npm)');
    };
    script.src = urls[0];
    document.head.appendChild(script);
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
  function kuayuPath(ctx, onOpen, onReply) {
    var started = now();
    var opened = false;
    var forced = ctx.transport ? '?transport=' + encodeURIComponent(ctx.transport) : '';
    var channel = kuayu.connect({
      remote: demo.domain2 + '/bench/kuayu-echo.html' + forced,
      transport: ctx.transport || 'auto',
      timeout: ctx.timeout,
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

  BENCH.paths.port = {open: function (ctx, onOpen, onReply) {
    rawPath(true, onOpen, onReply);
  }};
  BENCH.paths.window = {open: function (ctx, onOpen, onReply) {
    rawPath(false, onOpen, onReply);
  }};
  BENCH.paths.kuayu = {open: kuayuPath};

  /** Loads the path's scripts, then opens it; ctx: {timeout, transport}. */
  function openPath(via, ctx, onOpen, onReply) {
    var path = BENCH.paths.hasOwnProperty(via) ? BENCH.paths[via] : null;
    if (!path) {
      throw new Error('the query needs via=' + Object.keys(BENCH.paths).join(', ') + '; got ' + via);
    }
    loadScripts(path.scripts, function () {
      try {
        path.open(ctx, onOpen, onReply);
      } catch (e) {
        fail(e && e.message ? e.message : e);
      }
    });
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
      openPath(query.via, {timeout: 120000}, function (send) {
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
      if (query.via === 'window' || query.via === 'postrobot') {
        throw new Error('no ready time for via=' + query.via + ': it has no connection to open');
      }
      openPath(query.via, {timeout: 20000}, function (send, timing) {
        finish({readyMillis: timing.readyMillis, loadMillis: timing.loadMillis === undefined ? null : timing.loadMillis});
      }, function () {});
    } catch (e) {
      fail(e && e.message ? e.message : e);
    }
  };

  /** How long a transfer may take: a 100 KB request over location.hash takes some 10 to 40 s. */
  var TRANSFER_MILLIS = 90000;

  BENCH.transfer = function () {
    var data, started;
    try {
      data = mixedPayload(number('size'));
      openPath(query.via, {timeout: TRANSFER_MILLIS, transport: query.transport}, function (send, timing) {
        started = now();
        // A transport that loses a piece may never answer, nor say so (an error in the remote frame is not ours).
        setTimeout(function () {
          fail('no echo within ' + TRANSFER_MILLIS / 1000 + ' s');
        }, TRANSFER_MILLIS);
        send(data);
      }, function (reply) {
        if (reply !== data) {
          fail('the echo differs from what was sent (' + (typeof reply === 'string' ? reply.length + ' chars' : typeof reply)
            + ' instead of ' + data.length + ')');
          return;
        }
        finish({millis: now() - started, chars: data.length});
      });
    } catch (e) {
      fail(e && e.message ? e.message : e);
    }
  };

  /**
   * Sequential JSONP calls of domain2's echo endpoint by BENCH.jsonpClients[via], {scripts, call(url, n,
   * onAnswer)}, whose call asks for the echo of ?n=<n> and calls onAnswer(reply) with the parsed answer: 'warmup'
   * ms first, then 'millis' ms counted.
   */
  BENCH.jsonp = function () {
    var client, warmup, millis, url;
    var n = 0;
    function calls(until, times, done) {
      var t = now();
      var k = n++;
      if (t >= until) {
        done();
        return;
      }
      client.call(url, k, function (reply) {
        if (!reply || !reply.params || reply.params.n !== String(k)) {
          fail('a JSONP answer that is not the echo of call ' + k + ': ' + JSON.stringify(reply));
          return;
        }
        times.push(now() - t);
        calls(until, times, done);
      });
    }
    try {
      warmup = number('warmup');
      millis = number('millis');
      url = demo.domain2 + '/test/jsonp/echo';
      client = BENCH.jsonpClients.hasOwnProperty(query.via) ? BENCH.jsonpClients[query.via] : null;
      if (!client) {
        throw new Error('the query needs via=' + Object.keys(BENCH.jsonpClients).join(', ') + '; got ' + query.via);
      }
      loadScripts(client.scripts, function () {
        calls(now() + warmup, [], function () {
          var times = [];
          var start = now();
          calls(start + millis, times, function () {
            var elapsed = now() - start;
            times.sort(function (a, b) {
              return a - b;
            });
            finish({count: times.length, millis: elapsed, perSecond: times.length * 1000 / elapsed,
              medianMillis: times.length ? times[Math.floor(times.length / 2)] : null});
          });
        });
      });
    } catch (e) {
      fail(e && e.message ? e.message : e);
    }
  };

  /** JSONP clients by via; bench/peers.js adds fetch-jsonp's. */
  BENCH.jsonpClients = {
    kuayu: {call: function (url, n, onAnswer) {
      kuayu.jsonp(url, {params: {n: n}}).then(onAnswer, function (error) {
        fail('kuayu.jsonp failed: ' + error.code + ' ' + error.message);
      });
    }}
  };

  BENCH.run = function () {
    var measures = {roundtrips: BENCH.roundTrips, connect: BENCH.connectTime, transfer: BENCH.transfer,
      jsonp: BENCH.jsonp};
    if (!measures.hasOwnProperty(query.measure)) {
      fail('the query needs measure=' + Object.keys(measures).join(', ') + '; got ' + query.measure);
      return;
    }
    measures[query.measure]();
  };

  BENCH.fail = fail;
  BENCH.now = now;
  BENCH.frame = frame;
  BENCH.loadScripts = loadScripts;

  window.addEventListener('error', function (event) {
    fail('page error: ' + event.message);
  });

  return BENCH;
}());
