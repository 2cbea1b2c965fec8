package org.kuayu.demo;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * {@link DemoServer.Builder#fixtures} and {@link DemoServer.Builder#handler}: what the tests and the bench add to
 * the demo's sites, served in front of the site's own pages, in the order added.
 */
class DemoServerFixturesTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aFixtureFolderIsServedUnderItsPathOnItsSiteOnly() throws Exception {
        try (DemoServer demo = DemoServer.builder().freePorts()
                .fixtures(Site.DOMAIN1, "/test/", "test-fixtures/first/").build().start()) {
            HttpResponse<String> page = get(demo, Site.DOMAIN1, "/test/page.html");
            assertAll(
                () -> assertEquals(200, page.statusCode()),
                () -> assertTrue(page.body().contains("<title>first</title>"), page.body()),
                () -> assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElse("")),
                () -> assertEquals(404, get(demo, Site.DOMAIN1, "/test/other.html").statusCode()),
                () -> assertEquals(404, get(demo, Site.DOMAIN2, "/test/page.html").statusCode()),
                () -> assertEquals(200, get(demo, Site.DOMAIN1, "/postmessage.html").statusCode()),
                () -> assertEquals(200, get(demo, Site.DOMAIN1, "/config.js").statusCode()));
        }
    }

    /** As the tests run the host and remote test pages on domain3: the first folder with the file answers. */
    @Test
    void foldersUnderOnePathAreLayeredFirstAddedFirstAndDomain3ServesThemFromAnyHostName() throws Exception {
        try (DemoServer demo = DemoServer.builder().freePorts()
                .fixtures(Site.DOMAIN3, "/test/", "test-fixtures/first/")
                .fixtures(Site.DOMAIN3, "/test/", "test-fixtures/second/").build().start()) {
            int port = demo.baseUrl(Site.DOMAIN3).getPort();
            for (String host : List.of("www.domain3.localhost", "www.domain1.localhost.evil.localhost")) {
                assertAll(host,
                    () -> assertTrue(get(port, host, "/test/page.html").body().contains("<title>first</title>")),
                    () -> assertTrue(get(port, host, "/test/other.html").body().contains("<title>only second</title>")),
                    () -> assertEquals(404, get(port, host, "/test/nothing.html").statusCode()),
                    () -> assertEquals(200, get(port, host, "/").statusCode()));
            }
        }
    }

    /** The pair's fixtures carry its Origin-Agent-Cluster opt-out, as its own pages do: document.domain needs it. */
    @Test
    void theDocumentDomainPairsFixturesOptOutOfOriginKeyedClustersToo() throws Exception {
        try (DemoServer demo = DemoServer.builder().freePorts()
                .fixtures(Site.DOMAIN_WWW, "/test/", "test-fixtures/first/")
                .fixtures(Site.DOMAIN_CHILD, "/test/", "test-fixtures/second/").build().start()) {
            assertEquals(List.of("?0"), get(demo, Site.DOMAIN_WWW, "/test/page.html").headers()
                .allValues("Origin-Agent-Cluster"));
            assertEquals(List.of("?1"), get(demo, Site.DOMAIN_CHILD, "/test/other.html?oac=1").headers()
                .allValues("Origin-Agent-Cluster"));
        }
    }

    /** The tests frame their remote pages from any site on purpose: fixtures get no frame-ancestors. */
    @Test
    void fixturesOfTheRemoteSitesMayBeFramedByAnySite() throws Exception {
        try (DemoServer demo = DemoServer.builder().freePorts()
                .fixtures(Site.DOMAIN2, "/test/", "test-fixtures/first/")
                .fixtures(Site.DOMAIN_CHILD, "/test/", "test-fixtures/first/").build().start()) {
            for (Site site : List.of(Site.DOMAIN2, Site.DOMAIN_CHILD)) {
                HttpResponse<String> page = get(demo, site, "/test/page.html");
                assertEquals(200, page.statusCode());
                assertEquals(List.of(), page.headers().allValues("Content-Security-Policy"), site.siteName());
            }
            assertEquals(1, get(demo, Site.DOMAIN2, "/").headers().allValues("Content-Security-Policy").size());
        }
    }

    /** A handler gets its path's requests first; what it leaves goes on to the site; it is made anew each start. */
    @Test
    void aHandlerAnswersUnderItsPathAndIsMadeAtEachStart() throws Exception {
        AtomicInteger made = new AtomicInteger();
        try (DemoServer demo = DemoServer.builder().freePorts()
                .handler(Site.DOMAIN2, "/test/jsonp/", server -> {
                    made.incrementAndGet();
                    return new MisbehavingJsonpHandler();
                })
                .handler(Site.DOMAIN1, "/where/", server -> new Leaves())
                .handler(Site.DOMAIN1, "/where/", server -> new Says(server.baseUrl(Site.DOMAIN3).toString()))
                .build().start()) {
            assertAll(
                () -> assertEquals("/**/cb({\"params\": {\"a\": \"1\"}});",
                    get(demo, Site.DOMAIN2, "/test/jsonp/echo?a=1&callback=cb").body()),
                () -> assertEquals(404, get(demo, Site.DOMAIN2, "/test/jsonp/nothing?callback=cb").statusCode()),
                () -> assertEquals(404, get(demo, Site.DOMAIN1, "/test/jsonp/echo?callback=cb").statusCode()),
                () -> assertEquals(200, get(demo, Site.DOMAIN1, "/postmessage.html").statusCode()),
                () -> assertEquals(demo.baseUrl(Site.DOMAIN3).toString(), get(demo, Site.DOMAIN1, "/where/").body()));
            demo.restart();
            assertEquals(200, get(demo, Site.DOMAIN2, "/test/jsonp/echo?callback=cb").statusCode());
            assertEquals(2, made.get());
        }
    }

    @Test
    void misuseFailsFastWithTheFix() {
        DemoServer.Builder builder = DemoServer.builder();
        IllegalArgumentException proxy = assertThrows(IllegalArgumentException.class,
            () -> builder.fixtures(Site.PROXY, "/test/", "test-fixtures/first/"));
        assertTrue(proxy.getMessage().contains("DOMAIN2"), proxy.getMessage());
        IllegalArgumentException root = assertThrows(IllegalArgumentException.class,
            () -> builder.fixtures(Site.DOMAIN1, "/", "test-fixtures/first/"));
        assertTrue(root.getMessage().contains("\"/test/\""), root.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.fixtures(Site.DOMAIN1, "/test", "test-fixtures/"));
        assertThrows(IllegalArgumentException.class, () -> builder.fixtures(Site.DOMAIN1, "/test/", "test-fixtures"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> builder.fixtures(Site.DOMAIN1, "/test/", "test-fixtures/absent/"));
        assertTrue(missing.getMessage().contains("No folder test-fixtures/absent/"), missing.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> builder.handler(Site.DOMAIN1, "test/", server -> new Leaves()));
        assertThrows(NullPointerException.class, () -> builder.handler(Site.DOMAIN1, "/test/", null));
    }

    /** Handles nothing. */
    private static final class Leaves extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            return false;
        }
    }

    /** Answers a fixed text. */
    private static final class Says extends Handler.Abstract.NonBlocking {
        private final String text;

        Says(String text) {
            this.text = text;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Content.Sink.write(response, true, text, callback);
            return true;
        }
    }

    private static HttpResponse<String> get(DemoServer demo, Site site, String path) throws Exception {
        URI url = demo.baseUrl(site);
        return get(url.getPort(), url.getAuthority(), path);
    }

    private static HttpResponse<String> get(int port, String host, String path) throws Exception {
        String authority = host.contains(":") ? host : host + ":" + port;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10)).header("Host", authority).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
