package org.kuayu.gwt.js;

import com.google.gwt.core.client.JavaScriptObject;

import jsinterop.annotations.JsFunction;

/**
 * Small JS helpers of the GWT facade, the twin of {@code org.kuayu.teavm.Js}: JSON, errors, promises, calling user
 * code safely. What a user callback throws is rethrown in a new task, so the console shows it and Kuayu goes on.
 */
final class GwtJs {
    private GwtJs() {
    }

    /** A string handed back from JS: a request handler's reply (as JSON text) or its failure message. */
    @JsFunction
    interface Text {
        void accept(String text);
    }

    /** {@code {options: o}}: the facade checks what the argument is. */
    static native JavaScriptObject optionsArgs(Object o) /*-{
        return {options: o};
    }-*/;

    /** The arguments of {@code kuayu.jsonp}, as an object. */
    static native JavaScriptObject jsonpArgs(Object url, Object options, Object onSuccess, Object onError) /*-{
        return {url: url, options: options, onSuccess: onSuccess, onError: onError};
    }-*/;

    /** The value when it is a string, else null. */
    static native String stringOrNull(Object o) /*-{
        return typeof o === 'string' ? o : null;
    }-*/;

    /**
     * The URL of the page's last {@code <script>} whose file is {@code kuayu-gwt.js}, or null. By the time a page calls
     * {@code kuayu.connect} the bundle's own {@code currentScript} is gone, and GWT learns its module base only at
     * {@code DOMContentLoaded}: the file's name is what is left. A renamed or bundled copy needs the proxy option.
     */
    static native String scriptUrl() /*-{
        var scripts = $doc.getElementsByTagName('script');
        for (var i = scripts.length - 1; i >= 0; i--) {
            var src = scripts[i].src;
            if (src && /\/kuayu-gwt\.js(?:[?#]|$)/.test(src)) return src;
        }
        return null;
    }-*/;

    static native boolean isUndefined(Object o) /*-{
        return o === undefined;
    }-*/;

    static native boolean isFunction(Object o) /*-{
        return typeof o === 'function';
    }-*/;

    static native boolean isPlainObject(Object o) /*-{
        return o !== null && typeof o === 'object' && !Array.isArray(o);
    }-*/;

    static native JavaScriptObject get(Object o, String key) /*-{
        return o[key];
    }-*/;

    /** JSON text of a value, or null when it is not a JSON value (undefined, a function, a cycle, a BigInt). */
    static native String stringify(Object d) /*-{
        if (d === undefined) return null;
        try { var s = JSON.stringify(d); return typeof s === 'string' ? s : null; } catch (e) { return null; }
    }-*/;

    static native JavaScriptObject error(String code, String message) /*-{
        var e = new Error(message); e.name = 'KuayuError'; e.code = code; return e;
    }-*/;

    static native void raise(JavaScriptObject error) /*-{
        throw error;
    }-*/;

    /** Calls user code; an exception it throws is rethrown in a new task so the console shows it. */
    static native void call(Object f, JavaScriptObject a) /*-{
        if (typeof f !== 'function') return;
        try { f(a); } catch (e) { $wnd.setTimeout(function() { throw e; }, 0); }
    }-*/;

    /**
     * Calls {@code f(JSON.parse(json), origin)} the same way; returns false, calling nothing, when the text is not
     * JSON (a misbehaving peer: the caller reports it).
     */
    static native boolean callWithJson(Object f, String j, String o) /*-{
        var v; try { v = JSON.parse(j); } catch (e) { return false; }
        if (typeof f === 'function') { try { f(v, o); } catch (e) { $wnd.setTimeout(function() { throw e; }, 0); } }
        return true;
    }-*/;

    /**
     * Runs a request handler: its value, or the value its promise fulfils with, goes to {@code ok} as JSON text;
     * a throw, a rejection or a value that is not JSON goes to {@code fail} as a message.
     */
    static native void handleRequest(JavaScriptObject f, String j, String o, GwtJs.Text ok,
            GwtJs.Text fail) /*-{
        var okf = $entry(function(s) { ok(s); });
        var failf = $entry(function(s) { fail(s); });
        function msg(e) { return e && e.message ? String(e.message) : String(e); }
        function done(v) { var s; try { s = JSON.stringify(v === undefined ? null : v); } catch (e) { s = undefined; }
            if (typeof s === 'string') okf(s); else failf('the reply is not a JSON value'); }
        var r; try { r = f(JSON.parse(j), o); } catch (e) { failf(msg(e)); return; }
        if (r && typeof r.then === 'function') { r.then(done, function(e) { failf(msg(e)); }); } else { done(r); }
    }-*/;

    static native boolean hasPromise() /*-{
        return typeof $wnd.Promise === 'function';
    }-*/;

    /** {promise, resolve, reject}. */
    static native JavaScriptObject deferred() /*-{
        var d = {}; d.promise = new $wnd.Promise(function(res, rej) { d.resolve = res; d.reject = rej; });
        return d;
    }-*/;

    /** Resolves with the parsed reply; returns false, settling nothing, when the text is not JSON. */
    static native boolean resolveJson(JavaScriptObject d, String j) /*-{
        var v; try { v = JSON.parse(j); } catch (e) { return false; }
        d.resolve(v); return true;
    }-*/;

    static native void reject(JavaScriptObject d, JavaScriptObject e) /*-{
        d.reject(e);
    }-*/;

    /** Calls a user's {@code debug} function; what it throws is rethrown in a new task. */
    static native void callText(JavaScriptObject f, String s) /*-{
        try { f(s); } catch (e) { $wnd.setTimeout(function() { throw e; }, 0); }
    }-*/;
}
