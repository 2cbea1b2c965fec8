package org.kuayu.teavm;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** Small JS helpers of the facade: reading options, JSON, errors, promises, calling user code safely. */
final class Js {
    private Js() {
    }

    /**
     * The URL kuayu.js or kuayu.mjs was loaded from, or null: {@code BundleWriter} passes it into the bundle's
     * wrapper function as {@code __kuayuScriptUrl} ({@code document.currentScript.src}, {@code import.meta.url}).
     */
    @JSBody(script = "return typeof __kuayuScriptUrl === 'string' && __kuayuScriptUrl ? __kuayuScriptUrl : null;")
    static native String scriptUrl();

    @JSBody(params = {"o"}, script = "return o === undefined;")
    static native boolean isUndefined(JSObject o);

    /** The value when it is a string, else null. */
    @JSBody(params = {"o"}, script = "return typeof o === 'string' ? o : null;")
    static native String stringOrNull(JSObject o);

    @JSBody(params = {"o"}, script = "return typeof o === 'function';")
    static native boolean isFunction(JSObject o);

    @JSBody(params = {"o"}, script = "return o !== null && typeof o === 'object' && !Array.isArray(o);")
    static native boolean isPlainObject(JSObject o);

    @JSBody(params = {"o", "k"}, script = "return o[k];")
    static native JSObject get(JSObject o, String key);

    /** JSON text of a value, or null when it is not a JSON value (undefined, a function, a cycle, a BigInt). */
    @JSBody(params = {"d"}, script = "if (d === undefined) return null;"
            + " try { var s = JSON.stringify(d); return typeof s === 'string' ? s : null; } catch (e) { return null; }")
    static native String stringify(JSObject data);

    @JSBody(params = {"code", "message"}, script = "var e = new Error(message); e.name = 'KuayuError';"
            + " e.code = code; return e;")
    static native JSObject error(String code, String message);

    @JSBody(params = {"e"}, script = "throw e;")
    static native void raise(JSObject error);

    /** Calls user code; an exception it throws is rethrown in a new task so the console shows it. */
    @JSBody(params = {"f", "a"}, script = "if (typeof f !== 'function') return;"
            + " try { f(a); } catch (e) { setTimeout(function() { throw e; }, 0); }")
    static native void call(JSObject f, JSObject arg);

    /**
     * Calls {@code f(JSON.parse(json), origin)} the same way; returns false, calling nothing, when the text is not
     * JSON (a misbehaving peer: the caller reports it).
     */
    @JSBody(params = {"f", "j", "o"}, script = "var v; try { v = JSON.parse(j); } catch (e) { return false; }"
            + " if (typeof f === 'function') { try { f(v, o); } catch (e) { setTimeout(function() { throw e; }, 0); } }"
            + " return true;")
    static native boolean callWithJson(JSObject f, String json, String origin);

    /**
     * Runs a request handler: its value, or the value its promise fulfils with, goes to {@code ok} as JSON text;
     * a throw, a rejection or a value that is not JSON goes to {@code fail} as a message.
     */
    @JSBody(params = {"f", "j", "o", "ok", "fail"}, script = ""
            + "function msg(e) { return e && e.message ? String(e.message) : String(e); }"
            + "function done(v) { var s; try { s = JSON.stringify(v === undefined ? null : v); } catch (e) { s = undefined; }"
            + " if (typeof s === 'string') ok(s); else fail('the reply is not a JSON value'); }"
            + "var r; try { r = f(JSON.parse(j), o); } catch (e) { fail(msg(e)); return; }"
            + "if (r && typeof r.then === 'function') { r.then(done, function(e) { fail(msg(e)); }); } else { done(r); }")
    static native void handleRequest(JSObject handler, String json, String origin, JsCallbacks.Text ok,
            JsCallbacks.Text fail);

    @JSBody(script = "return typeof Promise === 'function';")
    static native boolean hasPromise();

    /** {promise, resolve, reject}. */
    @JSBody(script = "var d = {}; d.promise = new Promise(function(res, rej) { d.resolve = res; d.reject = rej; });"
            + " return d;")
    static native JSObject deferred();

    /** Resolves with the parsed reply; returns false, settling nothing, when the text is not JSON. */
    @JSBody(params = {"d", "j"}, script = "var v; try { v = JSON.parse(j); } catch (e) { return false; }"
            + " d.resolve(v); return true;")
    static native boolean resolveJson(JSObject deferred, String json);

    @JSBody(params = {"d", "e"}, script = "d.reject(e);")
    static native void reject(JSObject deferred, JSObject error);

    /** Calls a user's {@code debug} function; what it throws is rethrown in a new task. */
    @JSBody(params = {"f", "s"}, script = "try { f(s); } catch (e) { setTimeout(function() { throw e; }, 0); }")
    static native void callText(JSObject f, String s);
}
