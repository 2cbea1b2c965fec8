package org.kuayu.teavm;

import org.kuayu.core.platform.PortHandle;
import org.kuayu.core.platform.TextListener;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** One end of a MessageChannel. */
final class JsPort implements PortHandle {
    final JSObject port;

    JsPort(JSObject port) {
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

    @JSBody(params = {"p", "t"}, script = "p.postMessage(t);")
    private static native void post(JSObject port, String text);

    @JSBody(params = {"p", "f"}, script = "p.onmessage = function(e) { if (typeof e.data === 'string') f(e.data); };")
    private static native void listen(JSObject port, JsCallbacks.Text f);

    @JSBody(params = {"p"}, script = "p.onmessage = null; p.close();")
    private static native void close(JSObject port);
}
