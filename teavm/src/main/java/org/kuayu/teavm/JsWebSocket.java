package org.kuayu.teavm;

import org.kuayu.core.platform.WebSocketEvents;
import org.kuayu.core.platform.WebSocketHandle;
import org.kuayu.core.platform.WebSocketListener;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * A browser {@code WebSocket} behind {@link WebSocketHandle}: {@link TeaVmPlatform#openWebSocket} opens one. Each event
 * is handed to Java in a task of its own ({@code setTimeout 0}), so an {@code onerror} and the {@code onclose} after it
 * keep their order, and a {@code new WebSocket} the browser refuses at once ({@code SyntaxError},
 * {@code SecurityError}) becomes an error and a close (1006), never a throw.
 *
 * <pre>{@code
 * WebSocketHandle socket = JsWebSocket.open("ws://www.domain2.localhost:8082/ws/chat", listener);
 * }</pre>
 */
final class JsWebSocket implements WebSocketHandle {
    private final JSObject socket;

    private JsWebSocket(JSObject socket) {
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
    @JSFunctor
    interface Event extends JSObject {
        void handle(String type, String text, int code);
    }

    @JSBody(script = "return typeof WebSocket === 'function' || typeof WebSocket === 'object';")
    private static native boolean hasWebSocket();

    // holder.__kuayuOff silences every event once the page closed the socket (events already queued included).
    // Locals have long names: TeaVM renames the parameters to single letters, which a local must not shadow.
    @JSBody(params = {"url", "handler"}, script = "var holder = {__kuayuOff: false};"
            + " var later = function(kind, data, code) { setTimeout(function() { if (!holder.__kuayuOff) {"
            + " if (kind === 'close') holder.__kuayuOff = true; handler(kind, data, code); } }, 0); };"
            + " var sock; try { sock = new WebSocket(url); } catch (err) { later('error', '', 0);"
            + " later('close', '', 1006); return holder; }"
            + " holder.sock = sock; sock.onopen = function() { later('open', '', 0); };"
            + " sock.onmessage = function(evt) { if (typeof evt.data === 'string') later('text', evt.data, 0); };"
            + " sock.onerror = function() { later('error', '', 0); };"
            + " sock.onclose = function(evt) { later('close', String(evt.reason || ''), evt.code || 1006); };"
            + " return holder;")
    private static native JSObject openJs(String url, Event handler);

    @JSBody(params = {"holder", "text"}, script = "if (holder.sock && holder.sock.readyState === 1)"
            + " holder.sock.send(text);")
    private static native void sendJs(JSObject holder, String text);

    @JSBody(params = {"holder"}, script = "holder.__kuayuOff = true; var sock = holder.sock; if (!sock) return;"
            + " sock.onopen = sock.onmessage = sock.onerror = sock.onclose = null;"
            + " if (sock.readyState < 2) { try { sock.close(1000); } catch (err) { } }")
    private static native void closeJs(JSObject holder);
}
