package org.kuayu.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.kuayu.demo.DemoServer;
import org.kuayu.demo.MisbehavingJsonpHandler;
import org.kuayu.demo.Site;

/**
 * The demo server the integration tests run against: its sites ({@code domain1} host, {@code domain2} remote,
 * {@code domain3} attacker, and the document.domain pair {@code domain} and {@code child}) on free ports, started
 * once per test run by {@link BrowserExtension} and stopped when the run ends.
 *
 * <p>Next to the demo's own pages it serves the tests' fixtures, which the plain demo does not serve (they take
 * allowlists and commands from their URL and report to {@code "*"}): under {@code /test/}, the test host pages
 * ({@code src/test/resources/fixtures/domain1/}: {@code host.html}, {@code harness.js}, ...) on domain1 and on the
 * pair's {@code www}, the test remote page ({@code fixtures/domain2/}: {@code remote.html}, ...) on domain2 and on
 * {@code child}, both and the attacker's page ({@code fixtures/domain3/}) on domain3, from any host name; and on
 * domain2 the misbehaving JSONP endpoints under {@code /test/jsonp/}; on domain1 an open redirect
 * ({@link OpenRedirect}) and a proxy page that answers as slowly as a test asks ({@link SlowProxy}).
 *
 * <pre>{@code
 * browser.open(sites.domain1() + "/test/host.html");
 * }</pre>
 */
public final class DemoSites implements AutoCloseable {

    private final DemoServer server;
    private final SlowProxy slowProxy;

    private DemoSites(DemoServer server, SlowProxy slowProxy) {
        this.server = server;
        this.slowProxy = slowProxy;
    }

    /** Starts the sites on free ports and checks that they serve the real {@code kuayu.js}. */
    static DemoSites start() {
        SlowProxy slowProxy = new SlowProxy();
        DemoServer server = withFixtures(DemoServer.builder().freePorts())
            .handler(Site.DOMAIN1, SlowProxy.PATH, demo -> slowProxy)
            .build();
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("The demo server did not start: " + e, e);
        }
        DemoSites sites = new DemoSites(server, slowProxy);
        try {
            sites.requireBundle();
        } catch (RuntimeException e) {
            try {
                server.close();
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        return sites;
    }

    /** Adds the tests' pages and endpoints to the demo's sites (see the class comment). */
    static DemoServer.Builder withFixtures(DemoServer.Builder demo) {
        return demo
            .fixtures(Site.DOMAIN1, TEST_PATH, HOST_FIXTURES)
            .handler(Site.DOMAIN1, OpenRedirect.PATH, server -> new OpenRedirect())
            .fixtures(Site.DOMAIN2, TEST_PATH, REMOTE_FIXTURES)
            .handler(Site.DOMAIN2, "/test/jsonp/", server -> new MisbehavingJsonpHandler())
            .fixtures(Site.DOMAIN_WWW, TEST_PATH, HOST_FIXTURES)
            .fixtures(Site.DOMAIN_CHILD, TEST_PATH, REMOTE_FIXTURES)
            // The attacker can run the test host and the test remote from any origin it answers for; the host's
            // files first, where both have one (bundle.js).
            .fixtures(Site.DOMAIN3, TEST_PATH, HOST_FIXTURES)
            .fixtures(Site.DOMAIN3, TEST_PATH, REMOTE_FIXTURES)
            .fixtures(Site.DOMAIN3, TEST_PATH, "fixtures/domain3/");
    }

    /** Where every site serves the tests' pages: {@value}. */
    static final String TEST_PATH = "/test/";
    /** The classpath folder of the test host pages: {@value}. */
    static final String HOST_FIXTURES = "fixtures/domain1/";
    /** The classpath folder of the test remote page: {@value}. */
    static final String REMOTE_FIXTURES = "fixtures/domain2/";

    /**
     * Restarts every site on the same ports, as a server restart does: open WebSockets drop, pages reconnect.
     */
    void restart() {
        try {
            server.restart();
        } catch (Exception e) {
            throw new IllegalStateException("The demo server did not restart: " + e, e);
        }
    }

    /** The host site's proxy page that answers as slowly as a test asks ({@link SlowProxy}). */
    SlowProxy slowProxy() {
        return slowProxy;
    }

    /** The host site's origin, such as {@code http://www.domain1.localhost:40123} (no trailing slash). */
    public String domain1() {
        return origin(Site.DOMAIN1);
    }

    /** The remote site's origin. */
    public String domain2() {
        return origin(Site.DOMAIN2);
    }

    /** The third, unrelated site's origin (the attacker). */
    public String domain3() {
        return origin(Site.DOMAIN3);
    }

    /** The document.domain host's origin, such as {@code http://www.domain.localhost:40125}. */
    public String domain() {
        return origin(Site.DOMAIN_WWW);
    }

    /** The document.domain remote's origin, such as {@code http://child.domain.localhost:40126}. */
    public String child() {
        return origin(Site.DOMAIN_CHILD);
    }

    /** A site's origin (no trailing slash). */
    public String origin(Site site) {
        return server.baseUrl(site).toString();
    }

    /**
     * Fails at once, saying why, when the sites do not serve the bundle: every scenario would otherwise time
     * out one by one. (The test JVM resolves the sites' names through the hosts file surefire gives it.)
     */
    private void requireBundle() {
        URI bundle = URI.create(domain1() + "/kuayu/kuayu.js");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(bundle)
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("kuayu")) {
                throw new IllegalStateException(bundle + " answered " + response.statusCode() + " without the bundle:"
                        + " build the kuayu-teavm module first (mvn -B install -DskipTests from the top folder)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not fetch " + bundle + ": " + e + ". Run the tests through Maven"
                    + " (surefire passes -Djdk.net.hosts.file=it-tests/hosts so the test host names resolve).", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + bundle, e);
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
    }

    @Override
    public String toString() {
        return "demo sites " + domain1() + ", " + domain2() + ", " + domain3() + ", " + domain() + ", " + child();
    }
}
