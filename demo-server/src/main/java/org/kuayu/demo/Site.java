package org.kuayu.demo;

/**
 * The sites that the demo server hosts, each a different origin: the three of the classic cross-domain tutorial
 * ({@code domain1}, {@code domain2}, {@code domain3}), a pair of sibling subdomains for {@code document.domain}
 * ({@code domain} at {@code www.domain.localhost}, {@code child} at {@code child.domain.localhost}), and the
 * reverse proxy to domain2 on domain1's host name ({@code proxy}, port 8083).
 *
 * <p>A site's name ({@code domain1}, ..., {@code child}) is fixed: it names the classpath folder of its pages
 * ({@code sites/domain1/}), its connector, its command-line argument ({@code --domain1=HOST:PORT}) and its key in
 * {@code /config.js}. Its host name and port are only defaults, which {@link DemoServer.Builder} can change.
 *
 * <pre>{@code
 * URI host = demo.baseUrl(Site.DOMAIN1);   // http://www.domain1.localhost:8081 by default
 * }</pre>
 */
public enum Site {
    /** The host site: the page a person opens, which talks to the others. */
    DOMAIN1("domain1", "www.domain1.localhost", 8081, "the host site"),
    /** The remote site, loaded in a frame of the host site. */
    DOMAIN2("domain2", "www.domain2.localhost", 8082, "the remote site"),
    /** A third, unrelated site; the tests use it as an attacker. */
    DOMAIN3("domain3", "www.domain3.localhost", 8090, "a third, unrelated site (tests use it as an attacker)"),
    /**
     * The host of the document.domain pair. Its responses carry {@code Origin-Agent-Cluster: ?0}
     * ({@link OriginAgentClusterHandler}).
     */
    DOMAIN_WWW("domain", "www.domain.localhost", 8085,
        "the document.domain host (its answers carry Origin-Agent-Cluster: ?0)"),
    /** The remote of the document.domain pair, a sibling subdomain of {@link #DOMAIN_WWW}; same header. */
    DOMAIN_CHILD("child", "child.domain.localhost", 8086,
        "the document.domain remote, a sibling subdomain of the host (same header)"),
    /**
     * Not a site of its own: the Jetty reverse proxy in front of domain2, on domain1's host name and another port
     * (the classic example's nginx on {@code www.domain1.com:81}). Everything it answers is domain2's, its cookies
     * rewritten to domain1's host. Its host name follows domain1's unless given.
     */
    PROXY("proxy", "www.domain1.localhost", 8083,
        "the reverse proxy to domain2 on domain1's host name (cookies rewritten to domain1)");

    private final String siteName;
    private final String defaultHost;
    private final int defaultPort;
    private final String role;

    Site(String siteName, String defaultHost, int defaultPort, String role) {
        this.siteName = siteName;
        this.defaultHost = defaultHost;
        this.defaultPort = defaultPort;
        this.role = role;
    }

    /**
     * The site's name: {@code domain1}, {@code domain2}, {@code domain3}, {@code domain}, {@code child},
     * {@code proxy}.
     */
    public String siteName() {
        return siteName;
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
        return "sites/" + siteName + "/";
    }

    /** Whether the site is one of the document.domain pair, whose pages opt out of origin-keyed agent clusters. */
    public boolean isDocumentDomainPair() {
        return this == DOMAIN_WWW || this == DOMAIN_CHILD;
    }
}
