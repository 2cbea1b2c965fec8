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
 * for transports that bring frames back through a page of the host's origin (location.hash). Default: none, which
 * those transports refuse; the JS API defaults it to the {@code proxy.html} next to {@code kuayu.js}.
 */
public final class ConnectOptions extends ChannelOptions {
    private final String remoteUrl;
    private final FrameHandle frame;
    private final String proxyUrl;

    private ConnectOptions(Builder b) {
        super(b);
        if ((b.remoteUrl == null) == (b.frame == null)) {
            throw new IllegalArgumentException("give exactly one of remote (the remote page's URL) and frame");
        }
        this.remoteUrl = b.remoteUrl;
        this.frame = b.frame;
        this.proxyUrl = b.proxyUrl;
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

    /** The helper page's URL as given (absolute or relative to this page), or null. */
    public String proxyUrl() {
        return proxyUrl;
    }

    /** Builds {@link ConnectOptions}. */
    public static final class Builder extends ChannelOptions.Builder<Builder> {
        private String remoteUrl;
        private FrameHandle frame;
        private String proxyUrl;

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

        /**
         * The URL of Kuayu's helper page ({@code proxy.html}, with {@code proxy.js} next to it) on this page's own
         * origin, absolute or relative to this page. {@link Kuayu#connect} refuses one of another origin: only a
         * page of this origin may hand frames to this page.
         */
        public Builder proxy(String url) {
            if (url == null || url.isEmpty()) {
                throw new IllegalArgumentException("proxy must be the URL of proxy.html on this page's own origin");
            }
            proxyUrl = url;
            return this;
        }

        public ConnectOptions build() {
            return new ConnectOptions(this);
        }
    }
}
