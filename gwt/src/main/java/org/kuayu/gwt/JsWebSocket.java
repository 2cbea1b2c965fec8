package org.kuayu.gwt;

import org.kuayu.core.platform.WebSocketEvents;
import org.kuayu.core.platform.WebSocketHandle;
import org.kuayu.core.platform.WebSocketListener;

import com.google.gwt.core.client.JavaScriptObject;

import jsinterop.annotations.JsFunction;

/**
 * A browser {@code WebSocket} behind {@link WebSocketHandle}, the twin of the TeaVM binding's: {@link
 * GwtPlatform#openWebSocket} opens one. Each event reaches Java in a task of its own ({@code setTimeout 0}), so an
 * {@code onerror} and the {@code onclose} after it keep their order, and a {@code new WebSocket} the browser refuses at
 * once ({@code SyntaxError}, {@code SecurityError}) becomes an error and a close (1006), never a throw.
 *
 * <pre>{@code
 * WebSocketHandle socket = JsWebSocket.open("ws://www.domain2.localhost:8082/ws/chat", listener);
 * }</pre>
 */
final class JsWebSocket implements WebSocketHandle {
    private final JavaScriptObject socket;

    private JsWebSocket(JavaScriptObject socket) {
        this.socket = socket;
    }

    /** Opens a socket, or returns null when the browser has no WebSocket. */
    static WebSocketHandle open(String url, final WebSocketListener listener) {
        if (!hasWebSocket()) {
            return null;
        }
        return new JsWebSocket(openJs(url, new Event() {
            @Override
            public void handle(String type, String text, int code) {
                WebSocketEvents.dispatch(listener, type, text, code);
            }
        }));
    }

    @Override
    public void send(String text) {
        sendJs(socket, text);
    }

    @Override
    public void close() {
        closeJs(socket);
    }

    /** One socket event: "open", "text" (with the text), "error", or "close" (with the reason and code). */
    @JsFunction
    interface Event {
        void handle(String type, String text, int code);
    }

    private static native boolean hasWebSocket() /*-{
        return typeof $wnd.WebSocket === 'function' || typeof $wnd.WebSocket === 'object';
    }-*/;

    // s.__kuayuOff silences every event once the page closed the socket (events already queued included).
    private static native JavaScriptObject openJs(String url, Event f) /*-{
        var s = {__kuayuOff: false};
        var deliver = $entry(function(t, x, c) { f(t, x, c); });
        var later = function(t, x, c) {
            $wnd.setTimeout(function() {
                if (s.__kuayuOff) return;
                if (t === 'close') s.__kuayuOff = true;
                deliver(t, x, c);
            }, 0);
        };
        var w;
        try { w = new $wnd.WebSocket(url); } catch (e) { later('error', '', 0); later('close', '', 1006); return s; }
        s.w = w;
        w.onopen = function() { later('open', '', 0); };
        w.onmessage = function(e) { if (typeof e.data === 'string') later('text', e.data, 0); };
        w.onerror = function() { later('error', '', 0); };
        w.onclose = function(e) { later('close', String(e.reason || ''), e.code || 1006); };
        return s;
    }-*/;

    private static native void sendJs(JavaScriptObject s, String t) /*-{
        if (s.w && s.w.readyState === 1) s.w.send(t);
    }-*/;

    private static native void closeJs(JavaScriptObject s) /*-{
        s.__kuayuOff = true;
        var w = s.w;
        if (!w) return;
        w.onopen = w.onmessage = w.onerror = w.onclose = null;
        if (w.readyState < 2) { try { w.close(1000); } catch (e) { } }
    }-*/;
}
