package org.kuayu.gwt;

import org.kuayu.core.platform.PortHandle;
import org.kuayu.core.platform.WindowHandle;

import com.google.gwt.core.client.JavaScriptObject;

/**
 * A browser window reference (a frame's content window, the parent, a message's source), for code compiled by
 * GWT: the twin of {@code org.kuayu.teavm.JsWindow}.
 *
 * <pre>{@code
 * new JsWindow(source).post(frame, "https://b.example", null);
 * }</pre>
 */
final class JsWindow implements WindowHandle {
    final JavaScriptObject window;

    JsWindow(JavaScriptObject window) {
        this.window = window;
    }

    @Override
    public void post(String text, String targetOrigin, PortHandle transfer) {
        if (transfer instanceof JsPort) {
            postWithPort(window, text, targetOrigin, ((JsPort) transfer).port);
        } else {
            post(window, text, targetOrigin);
        }
    }

    @Override
    public boolean isSame(WindowHandle other) {
        return other instanceof JsWindow && same(window, ((JsWindow) other).window);
    }

    @Override
    public boolean callMailbox(String name, String text) {
        return callMailbox(window, name, text);
    }

    @Override
    public String scriptableOrigin() {
        return scriptableOrigin(window);
    }

    // Reading or calling anything of a window this page may not script throws a SecurityError: that is the answer.
    private static native boolean callMailbox(JavaScriptObject w, String n, String t) /*-{
        var f;
        try { f = w[n]; } catch (e) { return false; }
        if (typeof f !== 'function') return false;
        f(t);
        return true;
    }-*/;

    private static native String scriptableOrigin(JavaScriptObject w) /*-{
        try { var o = w.location.origin; return typeof o === 'string' ? o : null; } catch (e) { return null; }
    }-*/;

    private static native void post(JavaScriptObject w, String text, String origin) /*-{
        w.postMessage(text, origin);
    }-*/;

    private static native void postWithPort(JavaScriptObject w, String text, String origin,
            JavaScriptObject port) /*-{
        w.postMessage(text, origin, [port]);
    }-*/;

    // Identity of window proxies: JS's ===, which is what Java's == means for JS objects, said out loud.
    private static native boolean same(JavaScriptObject a, JavaScriptObject b) /*-{
        return a === b;
    }-*/;
}
