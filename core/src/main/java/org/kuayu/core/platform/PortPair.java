package org.kuayu.core.platform;

/** The two ends of a new {@code MessageChannel}. */
public final class PortPair {
    private final PortHandle local;
    private final PortHandle remote;

    public PortPair(PortHandle local, PortHandle remote) {
        this.local = local;
        this.remote = remote;
    }

    /** The end this page keeps and posts into. */
    public PortHandle local() {
        return local;
    }

    /** The end to transfer to the other window, which listens on it. */
    public PortHandle remote() {
        return remote;
    }
}
