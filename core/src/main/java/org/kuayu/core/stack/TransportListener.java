package org.kuayu.core.stack;

import org.kuayu.core.ErrorCode;

/** What a {@link Transport} reports upward. Called on the page's event loop. */
public interface TransportListener {
    /**
     * A frame arrived from the expected window.
     *
     * @param origin     the sender's origin as the browser reported it (or as the private path's handshake fixed it)
     * @param attachment a transferred object (a port), or null
     */
    void onFrame(String frame, String origin, Object attachment);

    /** The remote window finished loading a document (its first load, or a reload). Host side only. */
    void onRemoteLoaded();

    /**
     * The transport cannot work between these two pages (for example the browser ignored {@code document.domain}):
     * the channel fails with {@code code}, and the message says the fix.
     */
    void onFailed(ErrorCode code, String message);

    /**
     * The connection to the remote dropped after it had opened (a WebSocket closed unexpectedly), and the transport
     * reconnects by itself: the channel re-opens as after a remote reload, and the page is told with {@code code}
     * and {@code message} (see {@code MessageKind.DROPPED}). Host side only.
     */
    void onDropped(ErrorCode code, String message);
}
