package org.kuayu.core.stack;

/** Which end of a channel a page is. */
public enum Role {
    /** The page that calls {@code connect}: it loads (or is given) the remote page's frame and starts the handshake. */
    HOST,
    /** The page that calls {@code accept}: it runs inside the host's frame and admits only allowed origins. */
    REMOTE
}
