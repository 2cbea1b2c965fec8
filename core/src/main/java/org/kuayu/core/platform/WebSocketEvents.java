package org.kuayu.core.platform;

/**
 * How the browser bindings hand a socket event to a {@link WebSocketListener}: their JavaScript reports each event as
 * a type and two values, the same way in TeaVM and in GWT, and this turns it into the listener call.
 *
 * <pre>{@code
 * WebSocketEvents.dispatch(listener, "close", "going away", 1001);   // listener.onClose(1001, "going away")
 * }</pre>
 */
public final class WebSocketEvents {
    private WebSocketEvents() {
    }

    /**
     * Calls the listener for one event: {@code "open"}, {@code "text"} (with {@code text}), {@code "error"}, or
     * {@code "close"} (with the reason as {@code text} and the code).
     */
    public static void dispatch(WebSocketListener listener, String type, String text, int code) {
        if ("open".equals(type)) {
            listener.onOpen();
        } else if ("text".equals(type)) {
            listener.onText(text);
        } else if ("error".equals(type)) {
            listener.onError();
        } else {
            listener.onClose(code, text == null ? "" : text);
        }
    }
}
