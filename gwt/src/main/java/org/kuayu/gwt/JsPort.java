package org.kuayu.gwt;

import org.kuayu.core.platform.PortHandle;
import org.kuayu.core.platform.TextListener;

import com.google.gwt.core.client.JavaScriptObject;

/**
 * One end of a browser {@code MessageChannel}, for code compiled by GWT: the twin of
 * {@code org.kuayu.teavm.JsPort}.
 *
 * <pre>{@code
 * PortPair pair = GwtPlatform.get().createMessageChannel();
 * pair.local().post("kuayu1|MSG|...");
 * }</pre>
 */
final class JsPort implements PortHandle {
    final JavaScriptObject port;

    JsPort(JavaScriptObject port) {
        this.port = port;
    }

    @Override
    public void post(String text) {
        post(port, text);
    }

    @Override
    public void listen(final TextListener listener) {
        listen(port, new JsCallbacks.Text() {
            @Override
            public void accept(String text) {
                listener.onText(text);
            }
        });
    }

    @Override
    public void close() {
        close(port);
    }

    private static native void post(JavaScriptObject p, String text) /*-{
        p.postMessage(text);
    }-*/;

    // Assigning onmessage (rather than addEventListener) also starts the port, as the SPI promises.
    private static native void listen(JavaScriptObject p, JsCallbacks.Text f) /*-{
        var deliver = $entry(function(t) { f(t); });
        p.onmessage = function(e) { if (typeof e.data === 'string') deliver(e.data); };
    }-*/;

    private static native void close(JavaScriptObject p) /*-{
        p.onmessage = null; p.close();
    }-*/;
}
