package org.kuayu.core.sim;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
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

    /** The fragment of {@code url} without its {@code #}, or null when it has none. */
    static String fragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? null : url.substring(hash + 1);
    }

    /**
     * {@code url} with its fragment as a browser keeps it: every character outside RFC 3986's fragment set (letters,
     * digits, {@code -._~!$&'()*+,;=:@/?}) and other than {@code %} percent-encoded as UTF-8. Chromium leaves a few
     * more raw ({@code | { } [ ]}), HtmlUnit does not: the simulation is as strict as the strictest browser, so a
     * writer that relies on a raw character sees its URL grow here first.
     */
    static String withBrowserFragment(String url) {
        int hash = url.indexOf('#');
        if (hash < 0) {
            return url;
        }
        StringBuilder sb = new StringBuilder(url.length() + 16).append(url, 0, hash + 1);
        String fragment = url.substring(hash + 1);
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/?%".indexOf(c) >= 0)) {
                sb.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < fragment.length()
                    && Character.isLowSurrogate(fragment.charAt(i + 1)) ? i + 2 : i + 1;
            for (byte b : fragment.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 15, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
            }
            i = end - 1;
        }
        return sb.toString();
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
