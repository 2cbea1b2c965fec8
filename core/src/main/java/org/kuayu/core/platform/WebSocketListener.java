package org.kuayu.core.platform;

/**
 * The events of one WebSocket opened by {@link Platform#openWebSocket}. Each comes in a task of its own, never from
 * inside the call that caused it; none comes after {@link WebSocketHandle#close} was called.
 *
 * <pre>{@code
 * platform.openWebSocket("ws://www.domain2.localhost:8082/ws/chat", new WebSocketListener() {
 *     public void onOpen() { }
 *     public void onText(String text) { }
 *     public void onError() { }                        // always followed by onClose
 *     public void onClose(int code, String reason) { } // 1006: dropped, or refused before it opened
 * });
 * }</pre>
 */
public interface WebSocketListener {
    /** The upgrade succeeded: {@link WebSocketHandle#send} now reaches the server. */
    void onOpen();

    /** A text message arrived (binary messages are ignored by the binding). */
    void onText(String text);

    /**
     * Something went wrong (the upgrade was refused, the connection broke); {@link #onClose} follows. Browsers tell a
     * page nothing more, by design: a refused origin looks like a server that is down.
     */
    void onError();

    /** The socket closed, with the close frame's code and reason (1006 and "" when there was no close frame). Once. */
    void onClose(int code, String reason);
}
