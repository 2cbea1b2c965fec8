package org.kuayu.server;

/**
 * What a {@link KuayuWebSocketHandler} application does with its pages: every method has a default, so implement
 * what you need. Called on Jetty's threads, one call at a time per session (different sessions concurrently).
 *
 * <pre>{@code
 * KuayuWebSocketListener chat = new KuayuWebSocketListener() {
 *     public void onMessage(KuayuSession session, String json) { session.send("{\"text\":\"hello: ...\"}"); }
 *     public String onRequest(KuayuSession session, String json) { return "{\"answer\":42}"; }
 * };
 * }</pre>
 */
public interface KuayuWebSocketListener {
    /** A page's channel is ready: the handshake is done and {@link KuayuSession#send} reaches the page's onMessage. */
    default void onOpen(KuayuSession session) {
    }

    /** A one-way message from a page ({@code channel.send}), as JSON text. */
    default void onMessage(KuayuSession session, String json) {
    }

    /**
     * A request from a page ({@code channel.request}), as JSON text; returns the reply as JSON text. An exception
     * (a {@code KuayuException} or any other) answers the page with REMOTE_ERROR carrying its message. Without an
     * override every request is answered so.
     */
    default String onRequest(KuayuSession session, String json) {
        throw new IllegalStateException("this endpoint answers no requests");
    }

    /** The session ended: the page closed its channel, the connection dropped, or the server closed it. Once. */
    default void onClose(KuayuSession session, int statusCode, String reason) {
    }
}
