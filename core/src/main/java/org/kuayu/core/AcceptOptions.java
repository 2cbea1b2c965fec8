package org.kuayu.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.kuayu.core.stack.PinnedProxies;

/**
 * Options of {@link Kuayu#accept}, for the remote page inside the host's frame.
 *
 * <pre>{@code
 * AcceptOptions options = AcceptOptions.builder()
 *         .allowOrigin("http://www.domain1.localhost:8081")
 *         .transport(PostMessageTransport.FACTORY)
 *         .requestHandler((json, origin, reply) -> reply.resolve("{\"ok\":true}"))
 *         .build();
 * }</pre>
 * At least one allowed origin is required (exact origins, parsed and normalised); admitting any origin needs the
 * explicit {@link Builder#allowAnyOrigin()}.
 *
 * <p>Over location.hash and window.name the host names the page the remote writes its frames to (the host's
 * {@code proxy.html}). The remote writes only to a pinned one: {@link Builder#hostProxy} URLs, by default
 * {@code <allowed origin>}{@value org.kuayu.core.stack.PinnedProxies#DEFAULT_PATH} for each allowed origin.
 */
public final class AcceptOptions extends ChannelOptions {
    private final List<String> allowedOrigins;
    private final boolean allowAnyOrigin;
    private final List<String> hostProxies;

    private AcceptOptions(Builder b) {
        super(b);
        if (b.allowed.isEmpty() && !b.allowAny) {
            throw new IllegalArgumentException("allowedOrigins is empty: name the host origins that may connect,"
                    + " e.g. http://www.domain1.localhost:8081 (or call allowAnyOrigin() to admit every origin)");
        }
        this.allowedOrigins = Collections.unmodifiableList(new ArrayList<String>(b.allowed));
        this.allowAnyOrigin = b.allowAny;
        for (String proxy : b.proxies) {
            String origin = Origin.parse(proxy).toString();
            if (!b.allowAny && !b.allowed.contains(origin)) {
                throw new IllegalArgumentException("host proxy " + proxy + " is not on an allowed origin: allow "
                        + origin + " too, or name a proxy page of an allowed origin");
            }
        }
        this.hostProxies = Collections.unmodifiableList(new ArrayList<String>(b.proxies));
    }

    /**
     * The host pages' proxy URLs given with {@link Builder#hostProxy}, exactly; empty for the default (each allowed
     * origin's {@value org.kuayu.core.stack.PinnedProxies#DEFAULT_PATH}).
     */
    public List<String> hostProxies() {
        return hostProxies;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The allowed host origins, serialised as browsers report them. */
    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    public boolean allowAnyOrigin() {
        return allowAnyOrigin;
    }

    /** Builds {@link AcceptOptions}. */
    public static final class Builder extends ChannelOptions.Builder<Builder> {
        private final List<String> allowed = new ArrayList<String>();
        private final List<String> proxies = new ArrayList<String>();
        private boolean allowAny;

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Admits a host origin. Must be exactly {@code scheme://host[:port]}: a path, {@code "*"} or {@code "null"} is
         * refused with a message saying what to write instead.
         */
        public Builder allowOrigin(String origin) {
            if ("*".equals(origin)) {
                throw new IllegalArgumentException("\"*\" is not an origin: list the host origins, or call"
                        + " allowAnyOrigin() if any page on the web may really connect");
            }
            String canonical = Origin.parse(origin).toString();
            String trimmed = origin.trim();
            for (int i = trimmed.indexOf("://") + 3; i < trimmed.length(); i++) {
                boolean trailingSlash = trimmed.charAt(i) == '/' && i == trimmed.length() - 1;
                if ("/?#\\".indexOf(trimmed.charAt(i)) >= 0 && !trailingSlash) {
                    throw new IllegalArgumentException("allowed origin '" + origin + "' has a path, query or fragment;"
                            + " write just " + canonical);
                }
            }
            if (!allowed.contains(canonical)) {
                allowed.add(canonical);
            }
            return this;
        }

        /**
         * Pins a host page's {@code proxy.html} that this page may write to over location.hash and window.name: an
         * absolute http(s) URL on an allowed origin, without query or fragment, compared exactly. Replaces the
         * default ({@code <allowed origin>}{@value org.kuayu.core.stack.PinnedProxies#DEFAULT_PATH}); call once per
         * proxy page. A host naming any other page (another path, a query, a redirect) is refused: writing there
         * could hand this page's frames to whoever that page redirects to.
         */
        public Builder hostProxy(String url) {
            Origin origin = url == null ? null : Origin.tryParse(url);
            if (origin == null || !(origin.scheme().equals("http") || origin.scheme().equals("https"))
                    || !url.startsWith(origin.toString() + "/") || url.indexOf('?') >= 0 || url.indexOf('#') >= 0
                    || url.indexOf('\\') >= 0 || url.length() > PinnedProxies.MAX_URL_LENGTH) {
                throw new IllegalArgumentException("host proxy '" + url + "' must be an absolute http(s) URL of"
                        + " proxy.html with no query or fragment, written as the browser resolves it, e.g. "
                        + "https://www.example.com" + PinnedProxies.DEFAULT_PATH);
            }
            if (!proxies.contains(url)) {
                proxies.add(url);
            }
            return this;
        }

        /** Admits every origin. Only for public, non-sensitive services: any page on the web may then connect. */
        public Builder allowAnyOrigin() {
            allowAny = true;
            return this;
        }

        public AcceptOptions build() {
            return new AcceptOptions(this);
        }
    }
}
