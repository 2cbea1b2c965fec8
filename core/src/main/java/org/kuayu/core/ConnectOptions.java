package org.kuayu.core;

import org.kuayu.core.platform.FrameHandle;

/**
 * Options of {@link Kuayu#connect}, for the host page.
 *
 * <pre>{@code
 * ConnectOptions options = ConnectOptions.builder()
 *         .remote("http://www.domain2.localhost:8082/remote.html")   // or .frame(existingFrame, url)
 *         .transport(PostMessageTransport.FACTORY)
 *         .timeoutMillis(5000)
 *         .build();
 * }</pre>
 * Exactly one of {@code remote} and {@code frame} is required. The remote origin is taken from the URL; frames are
 * only ever posted to that exact origin.
 *
 * <p>{@code proxy}: the URL of Kuayu's helper page ({@code proxy.html} of the kuayu folder) on this page's own origin,
 * for transports that bring frames back through a page of the host's origin (location.hash, window.name): see
 * {@link ChannelOptions.Builder#proxy}.
 */
public final class ConnectOptions extends ChannelOptions {
    private final String remoteUrl;
    private final FrameHandle frame;
    private ConnectOptions(Builder b) {
        super(b);
        if ((b.remoteUrl == null) == (b.frame == null)) {
            throw new IllegalArgumentException("give exactly one of remote (the remote page's URL) and frame");
        }
        this.remoteUrl = b.remoteUrl;
        this.frame = b.frame;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The remote page's URL when Kuayu creates the frame, else null. */
    public String remoteUrl() {
        return remoteUrl;
    }

    /** The existing frame to use, or null. */
    public FrameHandle frame() {
        return frame;
    }

    /** Builds {@link ConnectOptions}. */
    public static final class Builder extends ChannelOptions.Builder<Builder> {
        private String remoteUrl;
        private FrameHandle frame;

        @Override
        protected Builder self() {
            return this;
        }

        /** The remote page's URL (absolute, or relative to this page); Kuayu creates a hidden frame for it. */
        public Builder remote(String url) {
            if (url == null || url.isEmpty()) {
                throw new IllegalArgumentException("remote must be the remote page's URL");
            }
            remoteUrl = url;
            return this;
        }

        /** An existing frame to talk to instead of creating one. */
        public Builder frame(FrameHandle existing) {
            if (existing == null) {
                throw new IllegalArgumentException("frame must not be null");
            }
            frame = existing;
            return this;
        }

        public ConnectOptions build() {
            return new ConnectOptions(this);
        }
    }
}
