package org.kuayu.core.platform;

/**
 * One end of a browser {@code MessageChannel}: a private, already-authenticated pipe to exactly one other window.
 * Only the two ends can post into it, so frames that arrive on a port need no origin check beyond the handshake
 * that handed the port over.
 */
public interface PortHandle {
    /** Posts a string to the other end. */
    void post(String text);

    /** Sets the one listener and starts delivery; messages posted before this are queued by the browser. */
    void listen(TextListener listener);

    /** Closes this end; nothing is delivered afterwards. */
    void close();
}
