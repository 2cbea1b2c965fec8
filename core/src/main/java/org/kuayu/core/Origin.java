package org.kuayu.core;

/**
 * A web origin: scheme, host and port, compared exactly as browsers do for the same-origin policy.
 *
 * <p>Two URLs share an origin when their scheme, host and port are all equal. Scheme and host compare without
 * case; a missing port means the scheme's default ({@code http} 80, {@code https} 443, {@code ws} 80,
 * {@code wss} 443), so {@code http://a.com} and {@code http://a.com:80} are the same origin. Paths, queries,
 * fragments and user info never matter. A name and its IP address are different origins, and so are a domain and
 * its subdomains.
 *
 * <pre>{@code
 * Origin a = Origin.parse("http://www.domain1.com/a.js");
 * a.isSameOrigin(Origin.parse("http://www.domain1.com/lab/c.js")); // true
 * a.isSameOrigin(Origin.parse("http://www.domain1.com:8000/a.js")); // false
 * a.toString(); // "http://www.domain1.com"
 * }</pre>
 *
 * <p>{@link #parse} accepts a full URL or a bare origin; it refuses anything without a {@code scheme://host}
 * (relative URLs, {@code data:}, {@code about:blank}, the opaque {@code "null"} origin) with
 * {@link IllegalArgumentException}, since such pages have no origin another page could name.
 */
public final class Origin {
    private final String scheme;
    private final String host;
    private final int port;
    private final String serialized;

    private Origin(String scheme, String host, int port) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        boolean defaultPort = port == defaultPort(scheme);
        this.serialized = scheme + "://" + host + (defaultPort || port < 0 ? "" : ":" + port);
    }

    /**
     * Parses the origin of a URL such as {@code https://Example.COM:8443/path?q#f}.
     *
     * @throws IllegalArgumentException if the text has no {@code scheme://host} part or a bad port
     */
    public static Origin parse(String url) {
        if (url == null) {
            throw new IllegalArgumentException("origin must not be null; give a URL like http://www.example.com");
        }
        String text = url.trim();
        int colon = text.indexOf("://");
        if (colon <= 0) {
            throw new IllegalArgumentException("not an absolute URL with an origin: '" + url
                    + "'; give scheme://host[:port], e.g. http://www.example.com");
        }
        String scheme = asciiLowerCase(text.substring(0, colon));
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                throw new IllegalArgumentException("bad scheme in '" + url + "'");
            }
        }
        int start = colon + 3;
        int end = start;
        // Browsers end the authority at "\" too (read as "/" in http(s) URLs): "http://a.com\@b.com" is a.com.
        while (end < text.length() && "/?#\\".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        String authority = text.substring(start, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed IPv6 address in '" + url + "'");
            }
            host = authority.substring(0, close + 1);
            String rest = authority.substring(close + 1);
            if (rest.startsWith(":")) {
                portText = rest.substring(1);
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("bad authority in '" + url + "'");
            }
        } else {
            int portColon = authority.lastIndexOf(':');
            host = portColon >= 0 ? authority.substring(0, portColon) : authority;
            portText = portColon >= 0 ? authority.substring(portColon + 1) : null;
        }
        // A trailing dot is kept: browsers treat "a.com." and "a.com" as two origins.
        host = asciiLowerCase(host);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host in '" + url + "'");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c > 0x7e || c <= ' ') {
                throw new IllegalArgumentException("the host of '" + url + "' is not plain ASCII: write it the way"
                        + " browsers report origins, with international names in their punycode form (xn--...)");
            }
        }
        int port = defaultPort(scheme);
        if (portText != null && !portText.isEmpty()) {
            port = parsePort(portText, url);
        }
        return new Origin(scheme, host, port);
    }

    /**
     * Lower-cases A-Z only: origins are ASCII (non-ASCII hosts are refused), and this keeps the Unicode case tables
     * out of compiled bundles.
     */
    private static String asciiLowerCase(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int k = i; k < chars.length; k++) {
                    if (chars[k] >= 'A' && chars[k] <= 'Z') {
                        chars[k] = (char) (chars[k] + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }

    /** Like {@link #parse} but returns null instead of throwing, for input from other pages. */
    public static Origin tryParse(String url) {
        try {
            return parse(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Like {@link #tryParse}, but returns {@code previous} when it already is that origin: the sender of a channel's
     * frames is nearly always the same, so hot paths keep the last one instead of parsing every frame's origin.
     */
    public static Origin reuseOrParse(String serializedOrigin, Origin previous) {
        if (previous != null && previous.serialized.equals(serializedOrigin)) {
            return previous;
        }
        return serializedOrigin == null ? null : tryParse(serializedOrigin);
    }

    private static int parsePort(String text, String url) {
        if (text.length() > 5) {
            throw new IllegalArgumentException("port out of range in '" + url + "'");
        }
        int port = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("bad port in '" + url + "'");
            }
            port = port * 10 + (c - '0');
        }
        if (port > 65535) {
            throw new IllegalArgumentException("port out of range in '" + url + "'");
        }
        return port;
    }

    private static int defaultPort(String scheme) {
        if ("http".equals(scheme) || "ws".equals(scheme)) {
            return 80;
        }
        if ("https".equals(scheme) || "wss".equals(scheme)) {
            return 443;
        }
        return -1;
    }

    /** True when scheme, host and port are all equal: the same-origin policy's test. */
    public boolean isSameOrigin(Origin other) {
        return other != null && scheme.equals(other.scheme) && host.equals(other.host) && port == other.port;
    }

    public String scheme() {
        return scheme;
    }

    /** The host, lower case; IPv6 addresses keep their brackets. */
    public String host() {
        return host;
    }

    /** The port, with the scheme's default filled in; -1 for a scheme without one. */
    public int port() {
        return port;
    }

    /**
     * True for a WebSocket URL's origin ({@code ws}, {@code wss}).
     */
    public boolean isWebSocket() {
        return "ws".equals(scheme) || "wss".equals(scheme);
    }

    /**
     * The origin a page sees for a server it reaches at this origin: {@code ws://h:p} is {@code http://h:p} and
     * {@code wss://h:p} is {@code https://h:p} (the same host and port; the default ports agree), as a WebSocket
     * server is an http(s) server that upgraded. Any other origin is itself.
     *
     * <pre>{@code
     * Origin.parse("ws://www.domain2.localhost:8082/ws/chat").httpEquivalent()   // http://www.domain2.localhost:8082
     * }</pre>
     */
    public Origin httpEquivalent() {
        if (!isWebSocket()) {
            return this;
        }
        return new Origin("ws".equals(scheme) ? "http" : "https", host, port);
    }

    /** The serialised origin, as browsers put in {@code MessageEvent.origin}: the default port is left out. */
    @Override
    public String toString() {
        return serialized;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Origin && isSameOrigin((Origin) o);
    }

    @Override
    public int hashCode() {
        // String.hashCode is exact under GWT, whose int multiplication does not wrap.
        return toString().hashCode();
    }
}
