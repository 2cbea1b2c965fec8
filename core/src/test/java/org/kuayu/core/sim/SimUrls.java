package org.kuayu.core.sim;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * URL helpers of the simulated browser, written against {@link URI} and independent of core's
 * {@code org.kuayu.core.Origin}, so the simulation does not inherit the bugs it is meant to catch.
 */
final class SimUrls {
    /** The serialised origin of a document with no tuple origin (about:blank at the top, data:, file:). */
    static final String OPAQUE = "null";

    private SimUrls() {
    }

    /** The serialised origin of {@code url} ({@code scheme://host[:port]}, default port left out), or "null". */
    static String origin(String url) {
        URI uri = parse(url);
        if (uri == null || uri.getScheme() == null || uri.getHost() == null || uri.isOpaque()) {
            return OPAQUE;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        int defaultPort = "http".equals(scheme) || "ws".equals(scheme) ? 80
                : "https".equals(scheme) || "wss".equals(scheme) ? 443 : -1;
        if (defaultPort < 0) {
            return OPAQUE;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (port < 0 || port == defaultPort ? "" : ":" + port);
    }

    /** Resolves {@code url} against {@code base}; returns {@code url} unchanged when it cannot be parsed. */
    static String resolve(String base, String url) {
        URI target = parse(url);
        if (target != null && target.isAbsolute()) {
            return target.toString();
        }
        URI b = parse(base);
        if (b == null || target == null || b.isOpaque()) {
            return url;
        }
        String resolved = b.resolve(target).toString();
        // URI keeps "http://a.test" + "x" as "http://a.testx"; browsers put a slash after the authority.
        if (b.getRawPath() == null || b.getRawPath().isEmpty()) {
            resolved = b.resolve(URI.create("/")).resolve(target).toString();
        }
        return resolved;
    }

    /** The host name of a serialised origin ({@code scheme://host[:port]}), or null for "null". */
    static String host(String origin) {
        if (OPAQUE.equals(origin)) {
            return null;
        }
        String rest = origin.substring(origin.indexOf("://") + 3);
        if (rest.startsWith("[")) {
            return rest.substring(0, rest.indexOf(']') + 1);
        }
        int colon = rest.lastIndexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }

    /** The scheme of a serialised origin, or "null". */
    static String scheme(String origin) {
        int end = origin.indexOf("://");
        return end < 0 ? OPAQUE : origin.substring(0, end);
    }

    /** The URL without its fragment. */
    static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
