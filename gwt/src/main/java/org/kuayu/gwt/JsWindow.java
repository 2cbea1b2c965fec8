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
