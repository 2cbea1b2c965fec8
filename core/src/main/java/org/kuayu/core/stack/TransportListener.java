package org.kuayu.core.stack;

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
}
