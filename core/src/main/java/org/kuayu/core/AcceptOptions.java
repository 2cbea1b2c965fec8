package org.kuayu.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
 */
public final class AcceptOptions extends ChannelOptions {
    private final List<String> allowedOrigins;
    private final boolean allowAnyOrigin;

    private AcceptOptions(Builder b) {
        super(b);
        if (b.allowed.isEmpty() && !b.allowAny) {
            throw new IllegalArgumentException("allowedOrigins is empty: name the host origins that may connect,"
                    + " e.g. http://www.domain1.localhost:8081 (or call allowAnyOrigin() to admit every origin)");
        }
        this.allowedOrigins = Collections.unmodifiableList(new ArrayList<String>(b.allowed));
        this.allowAnyOrigin = b.allowAny;
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
