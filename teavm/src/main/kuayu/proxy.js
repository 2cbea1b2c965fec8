/*! Kuayu @VERSION@ | proxy.js, the script of proxy.html | protocol: docs/protocol.md */
/*
 * proxy.html is served from the host page's origin and loaded, by the remote page, in a frame inside the remote
 * page's frame. It hands what the remote page wrote into it to the host page, which it may script (same origin) and
 * the remote page may not. Two ways in:
 *
 *   proxy.html#<mailbox>:<frame percent-encoded as UTF-8>   location.hash: read at load and at each change
 *                                                           (hashchange, or every 25 ms where the browser has none)
 *   window.name = "<mailbox>:<frame>"                       window.name: read at load, then emptied
 *
 * The fragment is left as it is: the writer makes each write differ from the one before, and clearing it with
 * history.replaceState would spend the frame's navigation budget (Chromium takes 200 in 10 s, both kinds together).
 *
 * <mailbox> is "__kuayu_" + a transport name + "_" + 32 hex digits, a function a channel defined on its window;
 * <frame> starts with "kuayu". A host's mailbox ("__kuayu_hash_...", "__kuayu_name_...") is looked for on this page's
 * ancestors only, nearest first (parent.parent: the remote page's frame, then the host page); a remote page's
 * ("__kuayu_remote_...", window.name's writes to the remote) on the frames of this page's parent only (the remote page
 * next to the host's messenger frame). A page this one may not script is skipped, so a frame only ever reaches a page
 * of this page's own origin. Anything else is left alone, and nothing is ever thrown: this page must stay silent in
 * the console whatever it is given. This page never redirects and keeps no state.
 * ES5, no inline script, no eval.
 */
(function () {
  'use strict';

  var MAILBOX = /^__kuayu_[a-z]+_[0-9a-f]{32}$/;
  var POLL_MILLIS = 25;
  var lastHash = '';

  /** w[box] when this page may script w and w has such a function, else null. */
  function boxOf(w, box) {
    var f;
    try {
      f = w[box];
    } catch (e) {
      return null;
    }
    return typeof f === 'function' ? f : null;
  }

  /**
   * A remote page's mailbox: window[box] of a frame of this page's parent (window.name's host-to-remote frames sit
   * next to the remote page); a host's: of the nearest ancestor that has it. Null when this page may script none.
   */
  function mailboxOf(box) {
    var w = window;
    var next, f, depth, i, n;
    if (box.indexOf('__kuayu_remote_') === 0) {
      try {
        w = window.parent;
        n = w === window ? 0 : Math.min(w.frames.length, 64);
        for (i = 0; i < n; i++) {
          if (w.frames[i] !== window && (f = boxOf(w.frames[i], box))) {
            return f;
          }
        }
      } catch (e) {
        // A parent whose frames cannot be listed.
      }
      return null;
    }
    for (depth = 0; depth < 16; depth++) {
      try {
        next = w.parent;
      } catch (e) {
        return null;
      }
      if (!next || next === w) {
        return null;
      }
      w = next;
      if ((f = boxOf(w, box))) {
        return f;
      }
    }
    return null;
  }

  /** Delivers "<mailbox>:<frame>"; decode: the frame is percent-encoded. Anything not shaped so is ignored. */
  function deliver(text, decode) {
    var colon = text.indexOf(':');
    var box, frame, f;
    if (colon < 0 || !MAILBOX.test(box = text.substring(0, colon))) {
      return;
    }
    frame = text.substring(colon + 1);
    if (decode) {
      try {
        frame = decodeURIComponent(frame);
      } catch (e) {
        return;
      }
    }
    if (frame.substring(0, 5) !== 'kuayu' || !(f = mailboxOf(box))) {
      return;
    }
    try {
      f(frame);
    } catch (e) {
      // The host page's mailbox never throws; a page that redefined it is not ours to report.
    }
  }

  function readHash() {
    var hash, href, at;
    try {
      // The fragment of href, as written: HtmlUnit's location.hash decodes some escapes.
      href = String(window.location.href);
      at = href.indexOf('#');
      hash = at < 0 ? '' : href.substring(at);
      if (hash === lastHash || hash.substring(0, 9) !== '#__kuayu_') {
        return;
      }
      lastHash = hash;
      deliver(hash.substring(1), true);
    } catch (e) {
      // Nothing from here may reach the console.
    }
  }

  function readName() {
    var name;
    try {
      name = window.name;
      if (typeof name !== 'string' || name.substring(0, 8) !== '__kuayu_') {
        return;
      }
      window.name = '';
      deliver(name, false);
    } catch (e) {
      // Nothing from here may reach the console.
    }
  }

  try {
    readName();
    readHash();
    if ('onhashchange' in window && window.addEventListener) {
      window.addEventListener('hashchange', readHash);
    } else {
      setInterval(readHash, POLL_MILLIS);
    }
  } catch (e) {
    // Nothing from here may reach the console.
  }
}());
