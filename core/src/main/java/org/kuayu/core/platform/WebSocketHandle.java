package org.kuayu.core.platform;

/**
 * A WebSocket this page opened with {@link Platform#openWebSocket}.
 *
 * <pre>{@code
 * WebSocketHandle socket = platform.openWebSocket(url, listener);
 * socket.send("kuayu1|MSG|...");   // after onOpen
 * socket.close();                  // no event of this socket is heard afterwards
 * }</pre>
 */
public interface WebSocketHandle {
    /** Sends one text message; before {@code onOpen} or after the close it is dropped (never thrown). */
    void send(String text);

    /**
     * Closes the socket with code 1000: messages already sent still go out before the close frame. The listener
     * hears nothing more. Closing twice is harmless.
     */
    void close();
}
