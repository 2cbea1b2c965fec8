package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.it.HostPage.js;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.kuayu.demo.Site;

/**
 * The document.domain transport ({@code transport: "domain"}) between the demo's sibling subdomains: the host page
 * on {@code www.domain.localhost}, the remote test page on {@code child.domain.localhost}. Both sites answer with
 * {@code Origin-Agent-Cluster: ?0}, so Chromium honours the setter; {@code ?oac=1} on a page's URL takes the opt-out
 * away from that page, which only a real browser shows (HtmlUnit has no origin-keyed agent clusters).
 */
class DomainTransportTest {

    private static HostPage openHost(Browser browser, DemoSites sites) {
        return open(browser, sites, null);
    }

    private static HostPage open(Browser browser, DemoSites sites, String query) {
        return HostPage.open(browser, sites, Site.DOMAIN_WWW, query);
    }

    /** Connects with transport "domain" to the child's remote page in this mode and waits for onReady. */
    private static void connectAndAwaitReady(HostPage host, String mode) {
        host.connect("{remote: " + js(host.childRemoteUrl(mode, null)) + ", transport: 'domain'}");
        host.awaitCount("ready", 1);
    }

    @BrowserTest
    void messagesTravelBothWays(Browser browser, DemoSites sites) {
        HostPage host = openHost(browser, sites);
        connectAndAwaitReady(host, "echo");
        assertEquals(Map.of("ready", true, "state", "ready", "transport", "domain", "origin", sites.child()),
                host.state(), host.why());
        assertEquals("domain.localhost", host.eval("document.domain"), host.why());

        assertNull(host.send("{hello: 'child', list: [1, 'two', null, true]}"), host.why());
        host.awaitCount("message", 1);
        Map<String, Object> echo = host.events("message").get(0);
        assertEquals(sites.child(), echo.get("origin"), host.why());
        assertEquals(Map.of("echo", Map.of("hello", "child", "list", Arrays.asList(1L, "two", null, true)),
                "origin", sites.domain()), echo.get("data"), host.why());

        assertEquals(Map.of("sent", true), host.reply("{cmd: 'send', data: {from: 'child', text: '你好 😀'}}"));
        host.awaitCount("message", 2);
        Map<String, Object> started = host.events("message").get(1);
        assertEquals(Map.of("from", "child", "text", "你好 😀"), started.get("data"), host.why());
        assertEquals(sites.child(), started.get("origin"), host.why());
        assertEquals(List.of("connect", "ready", "message", "message"), host.eventTypes(), host.why());
    }

    @BrowserTest
    void requestsAreAnsweredBothWays(Browser browser, DemoSites sites) {
        HostPage host = openHost(browser, sites);
        host.connect("{remote: " + js(host.childRemoteUrl("echo", null)) + ", transport: 'domain',"
                + " onRequest: function (data, origin) { return {hostEcho: data, from: origin}; }}");
        host.awaitCount("ready", 1);

        assertEquals(Map.of("echo", "hello"), host.reply("'hello'"), host.why());
        assertEquals(Map.of("ready", true, "state", "ready", "transport", "domain", "origin", sites.domain()),
                host.reply("{cmd: 'state'}"), "the remote's side of the channel\n" + host.log());
        // The remote asks the host while it handles this request, and answers with the host's reply.
        assertEquals(Map.of("hostEcho", "from child", "from", sites.child()),
                host.reply("{cmd: 'ask', data: 'from child'}"), host.why());
    }

    /** CJK, emoji (surrogate pairs), quotes, backslashes, '|', newlines, U+2028/2029: see harness.js. */
    @BrowserTest
    void hundredKilobytesRoundTripIntact(Browser browser, DemoSites sites) {
        HostPage host = openHost(browser, sites);
        connectAndAwaitReady(host, "echo");
        long length = ((Number) host.eval("KT.makePayload(100 * 1024)")).longValue();
        assertTrue(length >= 100 * 1024);

        int id = host.request("KT.payload");
        host.waitFor("KT.results[" + id + "].state !== 'pending'", Duration.ofSeconds(60));
        assertEquals("ok", host.eval("KT.results[" + id + "].state"), host.why());
        assertEquals(-1L, host.eval("KT.firstDifference(KT.payload, KT.results[" + id + "].value.echo)"),
                "the reply differs from the request at this index");
    }

    /** Both ends see it: the host's onClose and then the remote's ("kt-remote|close" from the child). */
    @BrowserTest
    void hostClosesTheChannel(Browser browser, DemoSites sites) {
        HostPage host = openHost(browser, sites);
        connectAndAwaitReady(host, "silent");
        int pending = host.request("'pending'");

        assertNull(host.eval("KT.close()"), host.why());
        host.awaitCount("close", 1);
        host.awaitCount("remote-close", 1);

        Map<String, Object> result = host.awaitResult(pending);
        assertEquals("CLOSED", result.get("code"), host.why());
        assertEquals("closed", host.state().get("state"), host.why());
        host.waitFor("KT.iframes() === 0");
        assertEquals("undefined", host.eval("typeof window.__kuayu_domain"), "no remote mailbox in the host page");
        assertEquals(0L, host.eval("(function () { var n = 0; for (var k in window) {"
                + " if (k.indexOf('__kuayu_domain_') === 0 && window[k] !== undefined) { n++; } } return n; })()"),
                "the host's mailbox is gone\n" + host.log());
        assertEquals(List.of("connect", "ready", "close", "remote-close"), host.eventTypes(), host.why());
    }

    @BrowserTest
    void unansweredRequestTimesOut(Browser browser, DemoSites sites) {
        HostPage host = openHost(browser, sites);
        // The remote page loads first, so the short timeout covers only the handshake and the request.
        host.eval("KT.addFrame('remote', " + js(host.childRemoteUrl("silent", null)) + ")");
        host.awaitCount("frameload", 1);
        host.connect("{frame: 'remote', transport: 'domain', timeout: 1500}");
        host.awaitCount("ready", 1);

        Map<String, Object> result = host.awaitResult(host.request("'never answered'"));
        assertEquals("error", result.get("state"), host.why());
        assertEquals("TIMEOUT", result.get("code"), host.why());
        assertEquals("pong", host.reply("{cmd: 'ping'}"), "the channel works after a timeout\n" + host.log());
    }

    /**
     * The host page without the opt-out: Chromium and Firefox key it by origin and ignore its setter, and Kuayu says
     * so, naming the header. WebKit (2.50) keys no page by origin unless it asks: there the setter works and the
     * channel opens.
     */
    @BrowserTest(Browsers.REAL)
    void hostPageWithoutTheHeaderIsToldTheSetterWasIgnored(Browser browser, DemoSites sites) {
        HostPage host = open(browser, sites, "oac=1");
        host.connect("{remote: " + js(host.childRemoteUrl("echo", null)) + ", transport: 'domain'}");
        if (browser.kind() == BrowserKind.WEBKIT) {
            assertSetterHonouredWithoutTheHeader(host, sites);
            return;
        }
        host.awaitCount("error", 1);
        host.awaitCount("close", 1);

        Map<String, Object> error = host.events("error").get(0);
        assertEquals("TRANSPORT_UNAVAILABLE", error.get("code"), host.why());
        String message = String.valueOf(error.get("message"));
        assertTrue(message.contains("ignored document.domain = 'domain.localhost'"), message);
        assertTrue(message.contains("Origin-Agent-Cluster: ?0"), message);
        assertEquals("www.domain.localhost", host.eval("document.domain"), "the setter changed nothing");
        assertEquals(0L, host.count("ready"), host.why());
        assertEquals(List.of("connect", "error", "close"), host.eventTypes(), host.why());
    }

    /**
     * The remote page without the opt-out: its setter is ignored, so the host cannot script it and gives up once
     * the loaded page stayed out of reach for 3 s; the remote reports its own ignored setter too. (WebKit honours
     * the setter there: the channel opens.)
     */
    @BrowserTest(Browsers.REAL)
    void remotePageWithoutTheHeaderCannotBeScripted(Browser browser, DemoSites sites) {
        HostPage host = openHost(browser, sites);
        host.eval("KT.addFrame('remote', " + js(host.childRemoteUrl("echo", "oac=1")) + ")");
        host.awaitCount("frameload", 1);
        host.connect("{frame: 'remote', transport: 'domain'}");
        if (browser.kind() == BrowserKind.WEBKIT) {
            assertSetterHonouredWithoutTheHeader(host, sites);
            return;
        }
        host.awaitCount("error", 1);

        Map<String, Object> error = host.events("error").get(0);
        assertEquals("TRANSPORT_UNAVAILABLE", error.get("code"), host.why());
        String message = String.valueOf(error.get("message"));
        assertTrue(message.contains("cannot script it"), message);
        assertTrue(message.contains("Origin-Agent-Cluster: ?0"), message);
        assertEquals("domain.localhost", host.eval("document.domain"), "the host relaxed");
        assertEquals(0L, host.count("ready"), host.why());

        // A test may look inside the frame; the page cannot.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> remote = (List<Map<String, Object>>) browser.evalInFrame("remote", "RT.events");
        assertEquals("child.domain.localhost", browser.evalInFrame("remote", "document.domain"), "ignored there");
        Map<String, Object> remoteError = remote.stream().filter(e -> "error".equals(e.get("type"))).findFirst()
                .orElseThrow(() -> new AssertionError("the remote reported no error: " + remote));
        assertEquals("TRANSPORT_UNAVAILABLE", remoteError.get("code"), remote.toString());
        assertTrue(String.valueOf(remoteError.get("message")).contains("Origin-Agent-Cluster: ?0"), remote.toString());
    }

    /**
     * WebKit: a page served without {@code Origin-Agent-Cluster: ?0} may still relax document.domain, so the channel
     * opens over "domain" and works; nothing fails.
     */
    private static void assertSetterHonouredWithoutTheHeader(HostPage host, DemoSites sites) {
        host.awaitCount("ready", 1);
        assertEquals(Map.of("ready", true, "state", "ready", "transport", "domain", "origin", sites.child()),
                host.state(), host.why());
        assertEquals("domain.localhost", host.eval("document.domain"), "the setter worked");
        assertEquals("pong", host.reply("{cmd: 'ping'}"), host.why());
        assertEquals(0L, host.count("error"), host.why());
    }
}
