package org.kuayu.gwt;

import org.kuayu.core.platform.GlobalCallback;
import org.kuayu.core.platform.TextListener;

import com.google.gwt.core.client.JavaScriptObject;

/**
 * A global function {@code $wnd[name]} defined by {@link GwtPlatform#defineGlobalCallback}: the receiving end of a
 * JSONP call, the twin of the TeaVM binding's global function. Two ways to retire it:
 * <ul>
 * <li>{@link #cancel()}, the SPI's way: a global already called is deleted; one never called becomes a stub that
 * deletes the global when a late script calls it (no {@code ReferenceError}, nothing kept but the stub);</li>
 * <li>{@link #delete()}: the global goes at once, stub or not, for when nothing can call it any more (its script
 * failed to load, or has run).</li>
 * </ul>
 * Both stop delivery for good, also through a reference to the function kept elsewhere; both are harmless when
 * repeated or combined ({@code delete()} after {@code cancel()} removes the stub), and neither touches a global of
 * the same name that something else defined meanwhile.
 *
 * <pre>{@code
 * JsGlobalCallback global = new JsGlobalCallback("__kuayu_jsonp_5d0c...", receiver);
 * global.cancel();    // timed out: the script may still come, a stub stays
 * global.delete();    // the stub goes too
 * }</pre>
 */
final class JsGlobalCallback implements GlobalCallback {
    private final String name;
    private TextListener receiver;
    /** The function this object put at {@code $wnd[name]}: the callback, then its stub; null once none is. */
    private JavaScriptObject placed;

    JsGlobalCallback(String name, TextListener receiver) {
        this.name = name;
        this.receiver = receiver;
        this.placed = define(name, new JsCallbacks.Text() {
            @Override
            public void accept(String text) {
                deliver(text);
            }
        });
    }

    private void deliver(String text) {
        if (receiver != null) {
            receiver.onText(text);
        }
    }

    @Override
    public void cancel() {
        if (receiver == null) {
            return;
        }
        receiver = null;
        placed = retire(name, placed);
    }

    /** Stops delivery and deletes the global (the function or its stub) at once, leaving no stub. */
    @Override
    public void delete() {
        receiver = null;
        if (placed != null) {
            deleteIfStill(name, placed);
            placed = null;
        }
    }

    // The called flag is set before delivery, so a receiver that throws still counts as answered.
    private static native JavaScriptObject define(String name, JsCallbacks.Text f) /*-{
        var deliver = $entry(function(t) { f(t); });
        var g = function(v) {
            g.__kuayuCalled = true;
            var t = v === undefined ? undefined : $wnd.JSON.stringify(v);
            deliver(t === undefined ? 'null' : t);
        };
        $wnd[name] = g;
        return g;
    }-*/;

    // Deleting is safe once the reply came (a JSONP script calls once); before, a script may still be in flight,
    // so a stub takes the name and deletes it when that late reply calls it: no ReferenceError, nothing retained
    // (g is cleared so the stub's closure cannot keep the receiver). Returns the stub, or null when none was put.
    private static native JavaScriptObject retire(String name, JavaScriptObject g) /*-{
        if ($wnd[name] !== g) return null;
        var called = g.__kuayuCalled; g = null;
        if (called) { @org.kuayu.gwt.JsGlobalCallback::deleteIfStill(*)(name, $wnd[name]); return null; }
        var stub = function() { @org.kuayu.gwt.JsGlobalCallback::deleteIfStill(*)(name, stub); };
        $wnd[name] = stub;
        return stub;
    }-*/;

    /** Deletes {@code $wnd[name]} if it still is {@code f} (another script may have taken the name since). */
    private static native void deleteIfStill(String name, JavaScriptObject f) /*-{
        if ($wnd[name] !== f) return;
        try { delete $wnd[name]; } catch (e) { $wnd[name] = undefined; }
    }-*/;
}
