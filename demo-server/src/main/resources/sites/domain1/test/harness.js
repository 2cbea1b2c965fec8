/*
 * Test harness of the host page (test/host.html), driven by the integration tests (it-tests) through eval.
 * ES5 only: it runs in HtmlUnit too. The document.domain host site (www.domain.localhost) serves the same page.
 *
 *   KT.connect({remote: KT.remoteUrl({mode: 'echo'})});   // kuayu.connect; every callback lands in KT.events
 *   var id = KT.request({q: 1});                          // settles into KT.results[id]
 *   KT.count('ready'); KT.find('message'); KT.dump();     // what happened, as data or as text
 *
 * KT.events holds {type, data, origin, code, message} in the order things happened. Types: connect, thrown
 * (connect threw), ready, message, close, error (Kuayu's callbacks), frameload (a frame added by KT.addFrame
 * loaded), attacker (a note from test/attacker.html on domain3), remote-close (test/remote.html on domain2, or on
 * child, ran its onClose: a note it posts outside the channel), pageerror (an uncaught error on this page).
 * KT.reports holds {kind: 'event' | 'debug', value, origin} that a remote test page opened with report=top posted to
 * this top-level page (see test/remote.html), from any frame depth and any origin.
 */
var KT = (function () {
  'use strict';

  var demo = window.KUAYU_DEMO || {};
  var DEBUG_LINES = 300;
  var KT = {
    events: [],
    results: {},
    debug: [],
    channel: null,
    nextId: 1,
    reports: [],
    payload: null
  };

  function record(type, fields) {
    var event = {type: type, data: null, origin: null, code: null, message: null};
    var key;
    for (key in fields) {
      if (Object.prototype.hasOwnProperty.call(fields, key)) {
        event[key] = fields[key];
      }
    }
    KT.events.push(event);
    return event;
  }

  function errorFields(error) {
    return {
      code: error && error.code ? String(error.code) : null,
      message: error && error.message !== undefined ? String(error.message) : String(error)
    };
  }

  function short(value, max) {
    var text;
    try {
      text = value === undefined ? 'undefined' : JSON.stringify(value);
    } catch (e) {
      text = String(value);
    }
    text = String(text);
    return text.length > max ? text.substring(0, max) + '... (' + text.length + ' chars)' : text;
  }

  KT.record = record;
  KT.short = short;

  /** The bundle this page loaded (test/bundle.js): 'gwt' (kuayu-gwt.js), 'pm' (kuayu-pm.js) or 'teavm' (kuayu.js). */
  KT.bundle = (/[?&]bundle=(gwt|pm)(&|$)/.exec(location.search) || [null, 'teavm'])[1];

  /**
   * URL of test/remote.html; params: site (the remote site's key in KUAYU_DEMO: 'domain2' by default, 'child' for
   * the document.domain pair), allowed (array of origins, default [this page's site]), mode, bundle ('teavm' or
   * 'gwt', default this page's), transport (for kuayu.accept; default none), extra (more of the query, as text).
   */
  KT.remoteUrl = function (params) {
    var p = params || {};
    var allowed = p.allowed || [demo[demo.self]];
    var url = demo[p.site || 'domain2'] + '/test/remote.html?allowed=' + encodeURIComponent(allowed.join(','))
        + '&mode=' + encodeURIComponent(p.mode || 'echo') + '&bundle=' + encodeURIComponent(p.bundle || KT.bundle);
    if (p.transport) {
      url += '&transport=' + encodeURIComponent(p.transport);
    }
    return p.extra ? url + '&' + p.extra : url;
  };

  /** Records each call of callback `name`, then calls the one the test gave; a non-function is left for Kuayu. */
  function wrap(opts, name, recorder) {
    var given = opts[name];
    if (given !== undefined && typeof given !== 'function') {
      return;
    }
    opts[name] = function () {
      recorder.apply(null, arguments);
      if (given) {
        given.apply(this, arguments);
      }
    };
  }

  /**
   * kuayu.connect with the given options, its callbacks wrapped to record into KT.events. A string `frame` names
   * the id of an iframe (see KT.addFrame). Kuayu's debug lines go to KT.debug unless `debug` is given.
   * Returns true, or false when connect threw (recorded as a `thrown` event).
   */
  KT.connect = function (options) {
    var opts = {};
    var key;
    for (key in options) {
      if (Object.prototype.hasOwnProperty.call(options, key)) {
        opts[key] = options[key];
      }
    }
    if (typeof opts.frame === 'string') {
      opts.frame = document.getElementById(opts.frame);
    }
    if (opts.debug === undefined) {
      opts.debug = function (line) {
        KT.debug.push(String(line).substring(0, 400));
        if (KT.debug.length > DEBUG_LINES) {
          KT.debug.shift();
        }
      };
    }
    wrap(opts, 'onReady', function () {
      record('ready', {});
    });
    wrap(opts, 'onMessage', function (data, origin) {
      record('message', {data: data, origin: origin});
    });
    wrap(opts, 'onClose', function () {
      record('close', {});
    });
    wrap(opts, 'onError', function (error) {
      record('error', errorFields(error));
    });
    try {
      KT.channel = kuayu.connect(opts);
    } catch (e) {
      record('thrown', errorFields(e));
      return false;
    }
    record('connect', {});
    return true;
  };

  /**
   * channel.request(data); the outcome lands in KT.results[id] as {state: 'pending' | 'ok' | 'error' |
   * 'thrown', value, code, message}. With {callbacks: true} it uses request(data, onReply, onError).
   */
  KT.request = function (data, how) {
    var call = newCall();
    try {
      if (how && how.callbacks) {
        KT.channel.request(data, call.ok, call.failed);
      } else {
        KT.channel.request(data).then(call.ok, call.failed);
      }
    } catch (e) {
      call.threw(e);
    }
    return call.id;
  };

  /**
   * kuayu.jsonp(url, options); the outcome lands in KT.results[id] as for KT.request. With {callbacks: true} it
   * uses kuayu.jsonp(url, options, onSuccess, onError).
   */
  KT.jsonp = function (url, options, how) {
    var call = newCall();
    try {
      if (how && how.callbacks) {
        kuayu.jsonp(url, options, call.ok, call.failed);
      } else {
        kuayu.jsonp(url, options).then(call.ok, call.failed);
      }
    } catch (e) {
      call.threw(e);
    }
    return call.id;
  };

  /** What JSONP calls left in the page: script elements of a call, and globals (callbacks or stubs). */
  KT.jsonpLeftovers = function () {
    var scripts = document.getElementsByTagName('script');
    var left = {scripts: 0, globals: []};
    var i, key;
    for (i = 0; i < scripts.length; i++) {
      left.scripts += String(scripts[i].src).indexOf('__kuayu_jsonp_') >= 0 ? 1 : 0;
    }
    for (key in window) {
      if (key.indexOf('__kuayu_jsonp_') === 0 && window[key] !== undefined) {
        left.globals.push(key);
      }
    }
    return left;
  };

  /** A new entry of KT.results with the functions that settle it (and note a second settling). */
  function newCall() {
    var id = KT.nextId++;
    var result = {state: 'pending', value: null, code: null, message: null};
    KT.results[id] = result;
    function fail(state, error) {
      var fields = errorFields(error);
      if (result.state === 'pending') {
        result.state = state;
        result.code = fields.code;
        result.message = fields.message;
      } else {
        result.state = 'settled twice';
      }
    }
    return {
      id: id,
      ok: function (value) {
        if (result.state === 'pending') {
          result.state = 'ok';
          result.value = value;
        } else {
          result.state = 'settled twice';
        }
      },
      failed: function (error) {
        fail('error', error);
      },
      threw: function (error) {
        fail('thrown', error);
      }
    };
  }

  /** n requests {i, text} sent in one go; returns their ids in order. */
  KT.requestMany = function (n) {
    var ids = [];
    var i;
    for (i = 0; i < n; i++) {
      ids.push(KT.request({i: i, text: 'request ' + i}));
    }
    return ids;
  };

  /** The requests of KT.requestMany whose reply is not their own echo, described. */
  KT.wrongReplies = function (ids) {
    var wrong = [];
    var i, r;
    for (i = 0; i < ids.length; i++) {
      r = KT.results[ids[i]];
      if (!(r.state === 'ok' && r.value && r.value.echo && r.value.echo.i === i
          && r.value.echo.text === 'request ' + i)) {
        wrong.push('#' + i + ': ' + short(r, 200));
      }
    }
    return wrong;
  };

  /** The number of KT.results that are no longer pending, of these ids (all when omitted). */
  KT.settled = function (ids) {
    var n = 0;
    var key;
    if (ids) {
      for (key = 0; key < ids.length; key++) {
        n += KT.results[ids[key]].state !== 'pending' ? 1 : 0;
      }
      return n;
    }
    for (key in KT.results) {
      if (Object.prototype.hasOwnProperty.call(KT.results, key)) {
        n += KT.results[key].state !== 'pending' ? 1 : 0;
      }
    }
    return n;
  };

  /** channel.send(data); returns null, or {code, message} when it threw. */
  KT.send = function (data) {
    try {
      KT.channel.send(data);
      return null;
    } catch (e) {
      return errorFields(e);
    }
  };

  /** channel.close(); returns null, or {code, message} when it threw. */
  KT.close = function () {
    try {
      KT.channel.close();
      return null;
    } catch (e) {
      return errorFields(e);
    }
  };

  /** What the channel says about itself. */
  KT.state = function () {
    var c = KT.channel;
    return c ? {ready: c.ready, state: c.state, transport: c.transport, origin: c.origin} : null;
  };

  KT.count = function (type) {
    var n = 0;
    var i;
    for (i = 0; i < KT.events.length; i++) {
      n += KT.events[i].type === type ? 1 : 0;
    }
    return n;
  };

  KT.find = function (type) {
    var found = [];
    var i;
    for (i = 0; i < KT.events.length; i++) {
      if (KT.events[i].type === type) {
        found.push(KT.events[i]);
      }
    }
    return found;
  };

  KT.iframes = function () {
    return document.getElementsByTagName('iframe').length;
  };

  /** Adds an iframe with this id; a `frameload` event (data: the id) is recorded on each load. */
  KT.addFrame = function (id, src) {
    var frame = document.createElement('iframe');
    frame.id = id;
    frame.addEventListener('load', function () {
      record('frameload', {data: id});
    });
    if (src) {
      frame.src = src;
    }
    document.body.appendChild(frame);
    return id;
  };

  /** The first iframe of the page (the one Kuayu created, when the test added none). */
  KT.firstFrame = function () {
    return document.getElementsByTagName('iframe')[0] || null;
  };

  /** Loads the frame's page again by pointing it at its URL plus a marker (a new document, as a reload). */
  KT.reloadFrame = function (frame, marker) {
    var f = typeof frame === 'string' ? document.getElementById(frame) : (frame || KT.firstFrame());
    var url = f.src.replace(/&reload=[^&]*$/, '');
    f.src = url + (url.indexOf('?') < 0 ? '?' : '&') + 'reload=' + encodeURIComponent(marker);
    return f.src;
  };

  /** A deterministic string of at least `length` UTF-16 units mixing every kind of awkward character. */
  KT.makePayload = function (length) {
    var pieces = ['汉字', '漢字のテスト', '한국어', 'Ελληνικά', 'русский', '😀', '👍🏽', '𝄞', '🀄', '"', '\'',
      '\\', '\\"', '|', 'kuayu1|MSG|x|0|', '\n', '\r\n', '\t', '\u2028', '\u2029', '</script>', '{"a":[1,2]}',
      'ascii text ', '\u00e9\u0301', '\ufeff', '%20', '&amp;'];
    var parts = [];
    var size = 0;
    var seed = 12345;
    var piece, block;
    // A 64 K block of pieces in pseudo-random order, repeated: varied enough, and quick to build in HtmlUnit.
    while (size < 65536) {
      seed = (seed * 16807) % 2147483647;
      piece = pieces[seed % pieces.length];
      parts.push(piece);
      size += piece.length;
    }
    block = parts.join('');
    parts = [];
    for (size = 0; size < length; size += block.length) {
      parts.push(block);
    }
    KT.payload = parts.join('');
    return KT.payload.length;
  };

  /** -1 when a === b, else the first index where they differ (or the shorter length). */
  KT.firstDifference = function (a, b) {
    var n, i;
    if (a === b) {
      return -1;
    }
    if (typeof a !== 'string' || typeof b !== 'string') {
      return 0;
    }
    n = Math.min(a.length, b.length);
    for (i = 0; i < n; i++) {
      if (a.charCodeAt(i) !== b.charCodeAt(i)) {
        return i;
      }
    }
    return n;
  };

  /** The whole story as text, for failure messages. */
  KT.dump = function () {
    var lines = ['page: ' + location.href, 'channel: ' + short(KT.state(), 300), 'iframes:'];
    var frames = document.getElementsByTagName('iframe');
    var states = {};
    var others = [];
    var i, key, r;
    for (i = 0; i < frames.length; i++) {
      lines.push('  #' + (frames[i].id || '?') + ' ' + frames[i].src);
    }
    lines.push('events (' + KT.events.length + '):');
    for (i = 0; i < KT.events.length; i++) {
      lines.push('  ' + short(KT.events[i], 300));
    }
    for (key in KT.results) {
      if (Object.prototype.hasOwnProperty.call(KT.results, key)) {
        r = KT.results[key];
        states[r.state] = (states[r.state] || 0) + 1;
        if (r.state !== 'ok' && others.length < 20) {
          others.push('  #' + key + ' ' + short(r, 300));
        }
      }
    }
    lines.push('requests: ' + short(states, 200));
    lines = lines.concat(others);
    lines.push('kuayu debug (last ' + Math.min(KT.debug.length, 80) + ' of ' + KT.debug.length + '):');
    for (i = Math.max(0, KT.debug.length - 80); i < KT.debug.length; i++) {
      lines.push('  ' + KT.debug[i]);
    }
    lines = lines.concat(remoteDebug(frames));
    return lines.join('\n');
  };

  /** The remote pages' own debug lines where the browser lets this page read them (HtmlUnit), else nothing. */
  function remoteDebug(frames) {
    var lines = [];
    var i, rt, k;
    for (i = 0; i < frames.length; i++) {
      try {
        rt = frames[i].contentWindow.RT;
      } catch (e) {
        rt = null;
      }
      if (rt && rt.debug) {
        lines.push('remote #' + (frames[i].id || '?') + ' events: ' + short(rt.events, 2000));
        lines.push('remote #' + (frames[i].id || '?') + ' kuayu debug (last ' + Math.min(rt.debug.length, 60) + '):');
        for (k = Math.max(0, rt.debug.length - 60); k < rt.debug.length; k++) {
          lines.push('  ' + rt.debug[k]);
        }
      }
    }
    return lines;
  }

  // Notes from the attacker page and the remote test page; everything else (Kuayu's frames included) is Kuayu's
  // business.
  window.addEventListener('message', function (event) {
    var report;
    if (event.origin === demo.domain3 && typeof event.data === 'string' && event.data.indexOf('kt-attacker|') === 0) {
      record('attacker', {data: event.data.substring('kt-attacker|'.length), origin: event.origin});
    }
    if ((event.origin === demo.domain2 || event.origin === demo.child) && typeof event.data === 'string'
        && event.data.indexOf('kt-remote|') === 0) {
      record('remote-' + event.data.substring('kt-remote|'.length), {origin: event.origin});
    }
    // From any origin: a remote nested in a sandboxed frame is sandboxed too, its origin "null".
    if (typeof event.data === 'string' && event.data.indexOf('kt-remote-report|') === 0) {
      report = JSON.parse(event.data.substring('kt-remote-report|'.length));
      report.origin = event.origin;
      KT.reports.push(report);
    }
  });

  window.addEventListener('error', function (event) {
    record('pageerror', {message: String(event.message)});
  });

  return KT;
}());
