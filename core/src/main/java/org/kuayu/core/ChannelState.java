package org.kuayu.core;

/** Where a channel is in its life. */
public enum ChannelState {
    /** Handshaking (first time, or again after the remote page reloaded); sends are queued. */
    CONNECTING,
    /** Handshake done; messages flow. */
    READY,
    /** Closed by either side or failed; nothing flows any more. */
    CLOSED
}
