package org.kuayu.demo;

import java.util.Locale;

/**
 * The sites of the classic cross-domain tutorial that the demo server hosts, each a different origin.
 *
 * <p>A site's name ({@code domain1}, ...) is fixed: it names the classpath folder of its pages
 * ({@code sites/domain1/}), its connector, and its key in {@code /config.js}. Its host name and port are only
 * defaults, which {@link DemoServer.Builder} can change.
 *
 * <pre>{@code
 * URI host = demo.baseUrl(Site.DOMAIN1);   // http://www.domain1.localhost:8081 by default
 * }</pre>
 */
public enum Site {
    /** The host site: the page a person opens, which talks to the others. */
    DOMAIN1("www.domain1.localhost", 8081, "the host site"),
    /** The remote site, loaded in a frame of the host site. */
    DOMAIN2("www.domain2.localhost", 8082, "the remote site"),
    /** A third, unrelated site; the tests use it as an attacker. */
    DOMAIN3("www.domain3.localhost", 8090, "a third, unrelated site (tests use it as an attacker)");

    private final String defaultHost;
    private final int defaultPort;
    private final String role;

    Site(String defaultHost, int defaultPort, String role) {
        this.defaultHost = defaultHost;
        this.defaultPort = defaultPort;
        this.role = role;
    }

    /** The site's name: {@code domain1}, {@code domain2}, {@code domain3}. */
    public String siteName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String defaultHost() {
        return defaultHost;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** What the site is for, in a few words. */
    public String role() {
        return role;
    }

    /** The classpath folder of the site's pages, such as {@code sites/domain1/}. */
    public String resourceFolder() {
        return "sites/" + siteName() + "/";
    }
}
