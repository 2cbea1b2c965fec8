package org.kuayu.demo;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DemoServerTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();

    private static DemoServer demo;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.builder().freePorts().build().start();
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    @Test
    void baseUrlsNameEachSiteWithTheFreePortItGot() {
        Set<Integer> ports = Stream.of(Site.values()).map(site -> demo.baseUrl(site).getPort()).collect(Collectors.toSet());

        assertEquals(Site.values().length, ports.size(), "a different port for each site: " + ports);
        for (Site site : Site.values()) {
            URI url = demo.baseUrl(site);
            assertEquals("http://" + site.defaultHost() + ":" + url.getPort(), url.toString());
            assertNotEquals(site.defaultPort(), url.getPort());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Site.class, names = "PROXY", mode = EnumSource.Mode.EXCLUDE)
    void everySiteServesItsHomePage(Site site) throws Exception {
        HttpResponse<String> home = get(site, "/");

        assertAll(
            () -> assertEquals(200, home.statusCode()),
            () -> assertEquals("text/html;charset=utf-8", header(home, "Content-Type")),
            () -> assertEquals("nosniff", header(home, "X-Content-Type-Options")),
            () -> assertTrue(home.body().contains("<title>Kuayu demo — " + site.siteName() + "</title>"), home.body()));
    }

    @ParameterizedTest
    @CsvSource({
        "DOMAIN1, /index.html,               text/html;charset=utf-8",
        "DOMAIN1, /postmessage.html,         text/html;charset=utf-8",
        "DOMAIN1, /postmessage.js,           text/javascript;charset=utf-8",
        "DOMAIN1, /style.css,                text/css;charset=utf-8",
        "DOMAIN2, /postmessage-remote.html,  text/html;charset=utf-8",
        "DOMAIN2, /postmessage-remote.js,    text/javascript;charset=utf-8",
        "DOMAIN2, /style.css,                text/css;charset=utf-8",
        "DOMAIN3, /style.css,                text/css;charset=utf-8",
        "DOMAIN_WWW, /document-domain.html,  text/html;charset=utf-8",
        "DOMAIN_WWW, /document-domain.js,    text/javascript;charset=utf-8",
        "DOMAIN_WWW, /style.css,             text/css;charset=utf-8",
        "DOMAIN_CHILD, /document-domain-raw.html,    text/html;charset=utf-8",
        "DOMAIN_CHILD, /document-domain-raw.js,      text/javascript;charset=utf-8",
        "DOMAIN_CHILD, /document-domain-remote.html, text/html;charset=utf-8",
        "DOMAIN_CHILD, /document-domain-remote.js,   text/javascript;charset=utf-8",
    })
    void eachSiteServesItsOwnPages(Site site, String path, String contentType) throws Exception {
        HttpResponse<String> page = get(site, path);

        assertEquals(200, page.statusCode());
        assertEquals(contentType, header(page, "Content-Type"));
    }

    @Test
    void aPageOfOneSiteIsNotOnTheOthers() throws Exception {
        assertEquals(404, get(Site.DOMAIN2, "/postmessage.html").statusCode());
        assertEquals(404, get(Site.DOMAIN1, "/postmessage-remote.html").statusCode());
        assertEquals(404, get(Site.DOMAIN1, "/document-domain.html").statusCode());
        assertEquals(404, get(Site.DOMAIN_CHILD, "/document-domain.html").statusCode());
        assertEquals(404, get(Site.DOMAIN_WWW, "/document-domain-remote.html").statusCode());
    }

    /**
     * The demo serves only pages a visitor may open: the tests' pages and endpoints and the bench's pages are served
     * by the tests and the bench ({@link DemoServer.Builder#fixtures}), not by the demo.
     */
    @ParameterizedTest
    @CsvSource({
        "DOMAIN1, /test/host.html", "DOMAIN1, /test/harness.js", "DOMAIN2, /test/remote.html",
        "DOMAIN2, /test/jsonp/echo?callback=cb", "DOMAIN3, /test/attacker.html", "DOMAIN3, /test/host.html",
        "DOMAIN3, /test/remote.html", "DOMAIN_WWW, /test/host.html", "DOMAIN_CHILD, /test/remote.html",
        "DOMAIN1, /bench/run.html", "DOMAIN1, /bench/bench.js", "DOMAIN2, /bench/echo.html",
        "DOMAIN2, /bench/kuayu-echo.html", "PROXY, /test/remote.html",
    })
    void theDemoServesNoTestOrBenchPage(Site site, String path) throws Exception {
        assertEquals(404, get(site, path).statusCode(), site + path);
    }

    /** The remote sites' pages name the one origin that frames them, with its real port; no other answer does. */
    @ParameterizedTest
    @CsvSource({
        "DOMAIN2,      /postmessage-remote.html, DOMAIN1,    DOMAIN2",
        "DOMAIN2,      /postmessage-remote.js,   DOMAIN1,    DOMAIN2",
        "DOMAIN2,      /window-name-raw.html,    DOMAIN1,    DOMAIN2",
        "DOMAIN2,      /location-hash-raw.html,  DOMAIN1,    DOMAIN2",
        "DOMAIN2,      /,                        DOMAIN1,    DOMAIN2",
        "PROXY,        /postmessage-remote.html, DOMAIN1,    DOMAIN2",
        "DOMAIN_CHILD, /document-domain-remote.html, DOMAIN_WWW, DOMAIN_CHILD",
        "DOMAIN_CHILD, /document-domain-raw.html,    DOMAIN_WWW, DOMAIN_CHILD",
    })
    void remotePagesSayWhoMayFrameThem(Site site, String path, Site framer, Site self) throws Exception {
        HttpResponse<String> page = get(site, path);

        assertEquals(200, page.statusCode());
        assertEquals(List.of("frame-ancestors " + demo.baseUrl(framer) + " " + demo.baseUrl(self)), page.headers()
            .allValues("Content-Security-Policy"), site + path);
    }

    @ParameterizedTest
    @CsvSource({
        "DOMAIN1, /postmessage.html", "DOMAIN1, /location-hash-raw-proxy.html", "DOMAIN_WWW, /document-domain.html",
        "DOMAIN3, /", "DOMAIN2, /kuayu/proxy.html", "DOMAIN2, /static/vendor/kuayu/proxy.html",
        "DOMAIN2, /login?user=admin&callback=cb", "DOMAIN_CHILD, /kuayu/proxy.html",
    })
    void otherAnswersSayNothingOfFraming(Site site, String path) throws Exception {
        HttpResponse<String> answer = get(site, path);

        assertEquals(200, answer.statusCode());
        assertEquals(List.of(), answer.headers().allValues("Content-Security-Policy"), site + path);
    }

    /** Each answer of the pair opts out of origin-keyed agent clusters, so that document.domain works in Chromium. */
    @ParameterizedTest
    @CsvSource({
        "DOMAIN_WWW,   /",
        "DOMAIN_WWW,   /document-domain.html",
        "DOMAIN_WWW,   /config.js",
        "DOMAIN_WWW,   /kuayu/demo-server-test.js",
        "DOMAIN_WWW,   /static/vendor/kuayu/demo-server-test.js",
        "DOMAIN_CHILD, /document-domain-remote.html",
    })
    void theDocumentDomainPairSendsOriginAgentClusterOptOut(Site site, String path) throws Exception {
        HttpResponse<String> page = get(site, path);
        assertEquals(200, page.statusCode());
        assertEquals(List.of("?0"), page.headers().allValues("Origin-Agent-Cluster"), path);

        String separator = path.contains("?") ? "&" : "?";
        HttpResponse<String> without = get(site, path + separator + "oac=1");
        assertEquals(200, without.statusCode());
        assertEquals(List.of("?1"), without.headers().allValues("Origin-Agent-Cluster"), path + " with oac=1");
        assertEquals(page.body(), without.body(), "the same content either way");

        HttpResponse<String> other = get(site, path + separator + "oac=0&bundle=gwt");
        assertEquals(List.of("?0"), other.headers().allValues("Origin-Agent-Cluster"), "only oac=1 opts in");
    }

    @Test
    void theDocumentDomainPairSendsTheHeaderWithErrorsToo() throws Exception {
        HttpResponse<String> missing = get(Site.DOMAIN_CHILD, "/nothing-here");
        assertEquals(404, missing.statusCode());
        assertEquals(List.of("?0"), missing.headers().allValues("Origin-Agent-Cluster"));
        HttpResponse<String> post = send("POST", Site.DOMAIN_WWW, "/config.js?oac=1");
        assertEquals(405, post.statusCode());
        assertEquals(List.of("?1"), post.headers().allValues("Origin-Agent-Cluster"));
    }

    @ParameterizedTest
    @EnumSource(value = Site.class, names = {"DOMAIN1", "DOMAIN2", "DOMAIN3"})
    void theOtherSitesSendNoOriginAgentClusterHeader(Site site) throws Exception {
        assertEquals(List.of(), get(site, "/").headers().allValues("Origin-Agent-Cluster"));
        assertEquals(List.of(), get(site, "/?oac=1").headers().allValues("Origin-Agent-Cluster"));
    }

    @ParameterizedTest
    @EnumSource(value = Site.class, names = "PROXY", mode = EnumSource.Mode.EXCLUDE)
    void configScriptNamesTheActualUrlsAndTheSiteItself(Site site) throws Exception {
        HttpResponse<String> config = get(site, "/config.js");

        String expected = "window.KUAYU_DEMO = {"
            + "\"domain1\": \"" + demo.baseUrl(Site.DOMAIN1) + "\", "
            + "\"domain2\": \"" + demo.baseUrl(Site.DOMAIN2) + "\", "
            + "\"domain3\": \"" + demo.baseUrl(Site.DOMAIN3) + "\", "
            + "\"domain\": \"" + demo.baseUrl(Site.DOMAIN_WWW) + "\", "
            + "\"child\": \"" + demo.baseUrl(Site.DOMAIN_CHILD) + "\", "
            + "\"proxy\": \"" + demo.baseUrl(Site.PROXY) + "\", "
            + "\"self\": \"" + site.siteName() + "\"};\n";
        assertAll(
            () -> assertEquals(200, config.statusCode()),
            () -> assertEquals(expected, config.body()),
            () -> assertEquals("text/javascript;charset=utf-8", header(config, "Content-Type")),
            () -> assertEquals("no-cache", header(config, "Cache-Control")),
            () -> assertEquals("nosniff", header(config, "X-Content-Type-Options")));
    }

    @Test
    void configScriptAnswersHeadWithoutBodyAndRefusesOtherMethods() throws Exception {
        HttpResponse<String> head = send("HEAD", Site.DOMAIN1, "/config.js");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());

        HttpResponse<String> post = send("POST", Site.DOMAIN1, "/config.js");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", header(post, "Allow"));
        assertEquals("405 Method Not Allowed\n", post.body());
    }

    @Test
    void domain2LoginAnswersJsonWithoutACallback() throws Exception {
        HttpResponse<String> login = get(Site.DOMAIN2, "/login?user=admin");

        assertAll(
            () -> assertEquals(200, login.statusCode()),
            () -> assertEquals("{\"status\": true, \"user\": \"admin\"}", login.body()),
            () -> assertEquals("application/json", header(login, "Content-Type")),
            () -> assertEquals("no-store", header(login, "Cache-Control")));
    }

    @Test
    void domain2LoginAnswersJsonpWithTheCallback() throws Exception {
        HttpResponse<String> login = get(Site.DOMAIN2, "/login?user=admin&callback=onBack");

        assertAll(
            () -> assertEquals(200, login.statusCode()),
            () -> assertEquals("/**/onBack({\"status\": true, \"user\": \"admin\"});", login.body()),
            () -> assertEquals("text/javascript; charset=utf-8", header(login, "Content-Type")),
            () -> assertEquals("nosniff", header(login, "X-Content-Type-Options")));
    }

    @Test
    void domain2MisbehavingJsonpEndpointsEchoAnswerLateAndStaySilent() throws Exception {
        assertEquals("/**/cb({\"params\": {\"q\": \"a\\u0026b=c #\u00e9\"}});",
            get(Site.DOMAIN2, "/jsonp/echo?q=a%26b%3Dc%20%23%C3%A9&callback=cb").body());
        long start = System.nanoTime();
        HttpResponse<String> slow = get(Site.DOMAIN2, "/jsonp/slow?delay=300&callback=cb");
        assertEquals("/**/cb({\"slow\": true, \"delay\": 300});", slow.body());
        assertTrue(System.nanoTime() - start >= 300_000_000L, "answered only after the delay");
        assertEquals(400, get(Site.DOMAIN2, "/jsonp/slow?delay=10001&callback=cb").statusCode());
        assertEquals(400, get(Site.DOMAIN2, "/jsonp/slow?delay=-1&callback=cb").statusCode());
        HttpResponse<String> silent = get(Site.DOMAIN2, "/jsonp/silent?callback=cb");
        assertAll(
            () -> assertEquals(200, silent.statusCode()),
            () -> assertEquals("text/javascript; charset=utf-8", header(silent, "Content-Type")),
            () -> assertFalse(silent.body().contains("cb"), silent.body()));
        assertEquals(404, get(Site.DOMAIN2, "/jsonp/nothing?callback=cb").statusCode());
        assertEquals(404, get(Site.DOMAIN1, "/jsonp/echo?callback=cb").statusCode());
    }

    @Test
    void domain2LoginEchoesTheUserOnlyAsAnEscapedJsonString() throws Exception {
        HttpResponse<String> login = get(Site.DOMAIN2,
            "/login?callback=cb&user=%22%29%3Balert(1)%3B%2F%2F%3C%2Fscript%3E%E2%80%A8%5C%0A%C3%A9");

        assertEquals("/**/cb({\"status\": true, \"user\": "
            + "\"\\\");alert(1);//\\u003c/script\\u003e\\u2028\\\\\\u000a\u00e9\"});", login.body());
    }

    @Test
    void domain2LoginWithoutAUserIsARefusedLoginTheCallbackSees() throws Exception {
        assertEquals("/**/cb({\"status\": false, \"error\": \"user is required\"});",
            get(Site.DOMAIN2, "/login?callback=cb").body());
        assertEquals("{\"status\": false, \"error\": \"user is required\"}", get(Site.DOMAIN2, "/login?user=").body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alert(EVIL)//", "%3C%2Fscript%3EEVIL", "EVIL..x", "%D0%B0EVIL", "EVIL%00", ""})
    void domain2LoginRefusesABadCallbackWithoutReflectingIt(String callback) throws Exception {
        HttpResponse<String> login = get(Site.DOMAIN2, "/login?user=admin&callback=" + callback);

        assertAll(
            () -> assertEquals(400, login.statusCode()),
            () -> assertEquals("application/json", header(login, "Content-Type")),
            () -> assertTrue(login.body().startsWith("{\"error\":\"invalid callback name\""), login.body()),
            () -> assertFalse(login.body().contains("EVIL"), login.body()),
            () -> assertFalse(login.headers().toString().contains("EVIL"), login.headers().toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"setTimeout", "eval", "Function", "document.write", "location.assign",
        "opener.document.body.click", "top.postMessage", "a.b.c.d.e"})
    void domain2LoginRefusesCallbacksThatReachThePageOrRunCode(String callback) throws Exception {
        HttpResponse<String> login = get(Site.DOMAIN2, "/login?user=admin&callback=" + callback);

        assertEquals(400, login.statusCode());
        assertTrue(login.body().startsWith("{\"error\":\"invalid callback name\""), login.body());
        assertFalse(login.body().contains(callback), login.body());
    }

    @Test
    void loginIsGetOnlyAndOnDomain2Only() throws Exception {
        HttpResponse<String> post = send("POST", Site.DOMAIN2, "/login?user=admin");
        assertEquals(405, post.statusCode());
        assertEquals("GET", header(post, "Allow"));

        assertEquals(404, get(Site.DOMAIN1, "/login?user=admin&callback=onBack").statusCode());
        assertEquals(404, get(Site.DOMAIN3, "/login?user=admin").statusCode());
        assertEquals(200, get(Site.DOMAIN2, "/?callback=onBack").statusCode(), "pages ignore the parameter");
    }

    @ParameterizedTest
    @EnumSource(Site.class)
    void everySiteServesTheBundle(Site site) throws Exception {
        HttpResponse<String> script = get(site, "/kuayu/demo-server-test.js");

        assertEquals(200, script.statusCode());
        assertEquals("text/javascript;charset=utf-8", header(script, "Content-Type"));
        assertEquals("nosniff", header(script, "X-Content-Type-Options"));
        assertEquals(404, get(site, "/kuayu/").statusCode(), "no listing of the bundle");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nothing-here", "/nothing/", "/kuayu/nothing.js", "/config.js/x", "/sites/domain1/index.html"})
    void unknownPathsAre404WithAShortBody(String path) throws Exception {
        HttpResponse<String> missing = get(Site.DOMAIN1, path);

        assertEquals(404, missing.statusCode());
        assertEquals("404 Not Found\n", missing.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "www.domain2.localhost", "www.domain1.localhost.evil.example",
        "evil.example"})
    void aHostThatNamesNoSiteOfThePortIs421(String host) throws Exception {
        int port = demo.baseUrl(Site.DOMAIN1).getPort();

        HttpResponse<String> misdirected = send("GET", port, host + ":" + port, "/");

        assertEquals(421, misdirected.statusCode());
        assertEquals("421 Misdirected Request\n", misdirected.body());

        // But for the same-origin page's probe: an empty page for any host name, and only on GET.
        HttpResponse<String> probe = send("GET", port, host + ":" + port, DemoServer.PROBE_PATH);
        assertEquals(200, probe.statusCode());
        assertTrue(probe.body().startsWith("<!DOCTYPE html>") && probe.body().contains("<body></body>"), probe.body());
        assertEquals(421, send("POST", port, host + ":" + port, DemoServer.PROBE_PATH).statusCode());
        assertEquals(421, send("GET", port, host + ":" + port, DemoServer.PROBE_PATH + "/x").statusCode());
    }

    /** The attacker's site answers look-alike host names. */
    @ParameterizedTest
    @ValueSource(strings = {"www.domain3.localhost", "www.domain1.localhost", "www.domain1.localhost.evil.localhost",
        "www.evil-domain1.localhost", "evil.example"})
    void domain3AnswersAnyHostName(String host) throws Exception {
        int port = demo.baseUrl(Site.DOMAIN3).getPort();
        for (String path : List.of("/", "/kuayu/kuayu.js", "/kuayu/proxy.html")) {
            HttpResponse<String> page = send("GET", port, host + ":" + port, path);
            assertEquals(200, page.statusCode(), host + path);
        }
        assertEquals(404, send("GET", port, host + ":" + port, "/nothing.html").statusCode());
    }

    @Test
    void noAnswerNamesTheServerOrShowsAStackTrace() throws Exception {
        List<String> answers = new ArrayList<>();
        int port = demo.baseUrl(Site.DOMAIN1).getPort();
        answers.add(raw(port, "GET /kuayu/%2e%2e/secret HTTP/1.1\r\nHost: www.domain1.localhost\r\n"));
        answers.add(raw(port, "GET / HTTP/1.1\r\n"));
        answers.add(raw(port, "GET / HTTP/1.1\r\nHost: www.domain1.localhost\r\nX-Big: " + "x".repeat(20_000) + "\r\n"));
        answers.add(raw(port, "BREW /coffee HTCPCP/1.0\r\n"));

        for (String answer : answers) {
            String status = answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3);
            assertTrue(status.startsWith("4") || status.startsWith("5"), answer);
            assertTrue(answer.contains("\r\n\r\n" + status + " "), "a short status line body: " + answer);
            assertFalse(answer.contains("Server:"), answer);
            assertFalse(answer.contains("Exception"), answer);
            assertFalse(answer.contains("at org."), answer);
            assertFalse(answer.toLowerCase().contains("jetty"), answer);
        }
    }

    @Test
    void everyLinkOfTheDemoPagesWorks() throws Exception {
        Pattern link = Pattern.compile("(?:src|href)=\"(/[^\"]*)\"");
        for (Site site : Site.values()) {
            for (String page : List.of("/", "/postmessage.html", "/postmessage-remote.html", "/jsonp.html",
                "/document-domain.html", "/document-domain-raw.html", "/document-domain-remote.html")) {
                HttpResponse<String> html = get(site, page);
                if (html.statusCode() == 404) {
                    continue;
                }
                Matcher links = link.matcher(html.body());
                while (links.find()) {
                    String target = links.group(1);
                    assertEquals(200, get(site, target).statusCode(), site.siteName() + page + " links to " + target);
                }
            }
        }
    }

    @Test
    void describeListsEveryUrlAndPage() {
        String text = demo.describe();

        assertTrue(text.contains(demo.baseUrl(Site.DOMAIN1) + "/\n"), text);
        assertTrue(text.contains(demo.baseUrl(Site.DOMAIN1) + "/postmessage.html\n"), text);
        assertTrue(text.contains(demo.baseUrl(Site.DOMAIN1) + "/java-app/\n"), text);
        assertTrue(text.contains(demo.baseUrl(Site.DOMAIN1) + "/gwt-app/\n"), text);
        assertTrue(text.contains(demo.baseUrl(Site.DOMAIN3) + "/websocket-refused.html\n"), text);
        assertTrue(text.contains(demo.baseUrl(Site.DOMAIN2) + "/postmessage-remote.html\n"), text);
        assertTrue(text.contains(demo.baseUrl(Site.DOMAIN3) + "/\n"), text);
        assertTrue(text.contains(demo.baseUrl(Site.DOMAIN_WWW) + "/document-domain.html\n"), text);
        assertTrue(text.contains(demo.baseUrl(Site.DOMAIN_CHILD) + "/document-domain-remote.html\n"), text);
        assertTrue(text.contains("Origin-Agent-Cluster: ?0"), text);
    }

    @Test
    void commandLineArgumentsSetBindHostsAndPorts() throws Exception {
        try (DemoServer custom = DemoServer.builder()
            .args("--bind=127.0.0.1", "--domain1=a.localhost:0", "--domain2=:0", "--domain3=c.localhost:0",
                "--domain=www.pair.localhost:0", "--child=:0", "--proxy=:0")
            .build().start()) {
            assertEquals("a.localhost", custom.baseUrl(Site.DOMAIN1).getHost());
            assertEquals("www.domain2.localhost", custom.baseUrl(Site.DOMAIN2).getHost());
            assertEquals("c.localhost", custom.baseUrl(Site.DOMAIN3).getHost());
            assertEquals("www.pair.localhost", custom.baseUrl(Site.DOMAIN_WWW).getHost());
            assertEquals("child.domain.localhost", custom.baseUrl(Site.DOMAIN_CHILD).getHost());
            URI a = custom.baseUrl(Site.DOMAIN1);
            assertEquals(200, send("GET", a.getPort(), a.getAuthority(), "/").statusCode());
        }
    }

    @Test
    void usageNamesEverySiteWithItsDefault() {
        for (Site site : Site.values()) {
            assertTrue(DemoServer.Builder.USAGE.contains("[--" + site.siteName() + "=HOST:PORT]"), DemoServer.Builder.USAGE);
            assertTrue(DemoServer.Builder.USAGE.contains("(default " + site.defaultHost() + ":" + site.defaultPort()
                + ")"), DemoServer.Builder.USAGE);
        }
    }

    @Test
    void misuseFailsFastWithTheFix() {
        DemoServer.Builder builder = DemoServer.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.args("--domain4=x:1"));
        assertThrows(IllegalArgumentException.class, () -> builder.args("--domain_www=x:1"));
        assertThrows(IllegalArgumentException.class, () -> builder.args("--domain1=x:port"));
        assertThrows(IllegalArgumentException.class, () -> builder.args("--domain1=x:70000"));
        assertThrows(IllegalArgumentException.class, () -> builder.args("--domain1=\"x\":1"));
        assertThrows(IllegalArgumentException.class, () -> builder.args("--bind="));
        IllegalArgumentException samePort = assertThrows(IllegalArgumentException.class,
            () -> DemoServer.builder().args("--domain1=:9000", "--domain2=:9000").build());
        assertTrue(samePort.getMessage().contains("own port"), samePort.getMessage());
        IllegalStateException notStarted = assertThrows(IllegalStateException.class,
            () -> DemoServer.builder().freePorts().build().baseUrl(Site.DOMAIN1));
        assertTrue(notStarted.getMessage().contains("start()"), notStarted.getMessage());
    }

    @Test
    void aTakenPortFailsTheStart() {
        int taken = demo.baseUrl(Site.DOMAIN1).getPort();
        DemoServer second = DemoServer.builder().freePorts().site(Site.DOMAIN1, "www.domain1.localhost", taken).build();

        assertThrows(IOException.class, second::start);
    }

    private static HttpResponse<String> get(Site site, String path) throws IOException, InterruptedException {
        return send("GET", site, path);
    }

    private static HttpResponse<String> send(String method, Site site, String path)
        throws IOException, InterruptedException {
        URI url = demo.baseUrl(site);
        return send(method, url.getPort(), url.getAuthority(), path);
    }

    /** Connects to the loopback port and names the site in the Host header, as a browser would. */
    private static HttpResponse<String> send(String method, int port, String host, String path)
        throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .header("Host", host)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a request head exactly as written and returns the whole answer. */
    private static String raw(int port, String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
