package org.kuayu.server;

import java.util.List;
import java.util.Locale;

/**
 * How {@link ReverseProxyHandler} rewrites an upstream's redirect: a {@code Location} (or {@code Content-Location})
 * on the upstream's own origin, under its base path, becomes a path of the proxy, its context path in front, as
 * nginx's {@code proxy_redirect http://upstream/ /}. A location elsewhere, which the proxy does not map, is left
 * as it is.
 *
 * <pre>{@code
 * new LocationRewrite("http", List.of("10.0.0.1:8080", "www.domain2.com:8080"), "/legacy")
 *     .rewrite("http://www.domain2.com:8080/legacy/a?b=1", "/mw");     // "/mw/a?b=1"
 * }</pre>
 */
final class LocationRewrite {

    private final List<String> origins;
    private final String basePath;

    /**
     * @param scheme the upstream's scheme
     * @param authorities the {@code host[:port]} the upstream is reached at and the ones it may call itself
     * @param basePath the upstream's base path without a trailing {@code /} ({@code ""} for none)
     */
    LocationRewrite(String scheme, List<String> authorities, String basePath) {
        String prefix = scheme.toLowerCase(Locale.ROOT) + "://";
        this.origins = authorities.stream().map(a -> prefix + a.toLowerCase(Locale.ROOT)).distinct().toList();
        this.basePath = basePath;
    }

    /** The location as the client should see it; {@code contextPath} is {@code ""} at the root. */
    String rewrite(String location, String contextPath) {
        String lower = location.toLowerCase(Locale.ROOT);
        for (String origin : origins) {
            if (lower.startsWith(origin) && (lower.length() == origin.length()
                || "/?#".indexOf(lower.charAt(origin.length())) >= 0)) {
                String rest = location.substring(origin.length());
                if (!basePath.isEmpty()) {
                    if (!(rest.equals(basePath) || rest.startsWith(basePath + "/") || rest.startsWith(basePath + "?"))) {
                        return location;
                    }
                    rest = rest.substring(basePath.length());
                }
                if (rest.isEmpty() || rest.charAt(0) != '/') {
                    rest = "/" + rest;
                }
                return contextPath + rest;
            }
        }
        return location;
    }
}
