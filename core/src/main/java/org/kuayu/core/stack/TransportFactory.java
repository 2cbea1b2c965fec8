package org.kuayu.core.stack;

import org.kuayu.core.platform.Platform;

/**
 * Makes the transports of one kind. Options list factories in order of preference; {@code "auto"} tries them in
 * that order.
 *
 * <pre>{@code
 * ConnectOptions.builder().remote("https://b.example/remote.html").transport(PostMessageTransport.FACTORY)
 * }</pre>
 */
public interface TransportFactory {
    /** The name users force this transport by. */
    String name();

    /** True when this browser has what the transport needs for the given role. */
    boolean isSupported(Platform platform, Role role);

    Transport create(TransportSetup setup);

    /**
     * True when the host's remote URL names a server to open a WebSocket to ({@code ws://}, {@code wss://}) rather
     * than a page (http, https). {@code Kuayu.connect} accepts a WebSocket URL only when every transport of the
     * options says true, and an http(s) URL only when none does.
     */
    default boolean connectsToWebSocket() {
        return false;
    }
}
