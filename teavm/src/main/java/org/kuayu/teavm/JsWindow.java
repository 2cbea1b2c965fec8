package org.kuayu.teavm;

import org.kuayu.core.platform.PortHandle;
import org.kuayu.core.platform.WindowHandle;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** A browser window reference. */
final class JsWindow implements WindowHandle {
    final JSObject window;

    JsWindow(JSObject window) {
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
    @JSBody(params = {"w", "n", "t"}, script = "var f; try { f = w[n]; } catch (e) { return false; }"
            + " if (typeof f !== 'function') return false; f(t); return true;")
    private static native boolean callMailbox(JSObject w, String name, String text);

    @JSBody(params = {"w"}, script = "try { var o = w.location.origin; return typeof o === 'string' ? o : null; }"
            + " catch (e) { return null; }")
    private static native String scriptableOrigin(JSObject w);

    @JSBody(params = {"w", "t", "o"}, script = "w.postMessage(t, o);")
    private static native void post(JSObject w, String text, String origin);

    @JSBody(params = {"w", "t", "o", "p"}, script = "w.postMessage(t, o, [p]);")
    private static native void postWithPort(JSObject w, String text, String origin, JSObject port);

    @JSBody(params = {"a", "b"}, script = "return a === b;")
    static native boolean same(JSObject a, JSObject b);
}
