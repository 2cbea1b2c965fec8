package org.kuayu.demo;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One connection of {@link DemoChat}'s raw endpoint, the classic example's server: each text {@code t} is answered
 * with {@code "hello: " + t}. Public because Jetty calls its methods through public method handles.
 *
 * <pre>{@code
 * container.upgrade((request, response, callback) -> new RawChatSocket(), request, response, callback);
 * }</pre>
 */
public final class RawChatSocket implements Session.Listener.AutoDemanding {
    /** The longest text it takes, in UTF-8 bytes; a longer one closes the socket (1009). */
    static final int MAX_TEXT_BYTES = 4096;

    private Session session;

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        session.setMaxTextMessageSize(MAX_TEXT_BYTES);
    }

    @Override
    public void onWebSocketText(String text) {
        session.sendText("hello: " + text, Callback.NOOP);
    }
}
