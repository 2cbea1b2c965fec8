package org.kuayu.core;

/**
 * Receives a channel's events. Every method has an empty default; override what you need.
 *
 * <pre>{@code
 * ChannelListener listener = new ChannelListener() {
 *     public void onReady() { channel.send("\"hello\""); }
 *     public void onMessage(String json, Origin origin) { ... }
 * };
 * }</pre>
 */
public interface ChannelListener {
    /** The handshake completed; also called again after the remote page reloaded and the channel re-opened. */
    default void onReady() {
    }

    /** A one-way message arrived from {@code origin}. */
    default void onMessage(String json, Origin origin) {
    }

    /** The channel closed, by either side or after a failure; called once. */
    default void onClose() {
    }

    /**
     * An error not tied to one request (a failed handshake, the remote page gone), after which the channel closes;
     * and, with several transports in the options, each transport given up on before the next is tried, after which
     * the channel goes on connecting (the message names both; see {@code docs/protocol.md}, "Automatic choice").
     */
    default void onError(KuayuException error) {
    }
}
