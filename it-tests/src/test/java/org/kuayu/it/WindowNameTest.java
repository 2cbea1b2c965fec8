package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.it.HostPage.js;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code transport: 'name'} between the host page (domain1) and the remote page (domain2): each frame travels in the
 * {@code window.name} of a new hidden frame that loads the other origin's {@code /kuayu/proxy.html} (the default on
 * both sides, next to the bundle), which empties the name and hands the frame to its own origin's page.
 */
class WindowNameTest {

    /** {@code test/remote.html} on domain2 accepting over window.name, answering per {@code mode}. */
    private static String remoteUrl(HostPage host, String mode) {
        return (String) host.eval("KT.remoteUrl({mode: " + js(mode) + ", extra: 'transport=name'})");
    }

    private static HostPage connected(Browser browser, DemoSites sites, String mode, String moreOptions) {
        HostPage host = HostPage.open(browser, sites);
        host.connect("{remote: " + js(remoteUrl(host, mode)) + ", transport: 'name'" + moreOptions + "}");
        host.awaitCount("ready", 1);
        return host;
    }

    @BrowserTest
    void messagesAndRequestsTravelBothWays(Browser browser, DemoSites sites) {
        HostPage host = connected(browser, sites, "echo", "");
        assertEquals(Map.of("ready", true, "state", "ready", "transport", "name", "origin", sites.domain2()),
                host.state(), host.why());

        assertNull(host.send("{hello: 'world', text: '你好 😀 | % # : \\\\ \"'}"), host.why());
        host.awaitCount("message", 1);
        Map<String, Object> echo = host.events("message").get(0);
        assertEquals(sites.domain2(), echo.get("origin"), host.why());
        assertEquals(Map.of("echo", Map.of("hello", "world", "text", "你好 😀 | % # : \\ \""), "origin",
                sites.domain1()), echo.get("data"), host.why());

        assertEquals(Map.of("echo", "hello"), host.reply("'hello'"), host.why());
        assertEquals(Map.of("sent", true), host.reply("{cmd: 'send', data: {from: 'remote'}}"), host.why());
        host.awaitCount("message", 2);
        assertEquals(Map.of("from", "remote"), host.events("message").get(1).get("data"), host.why());
        assertEquals(Map.of("ready", true, "state", "ready", "transport", "name", "origin", sites.domain1()),
                host.reply("{cmd: 'state'}"), "what the remote says of its channel");
        // Every frame that carried a name is removed once loaded: only the remote frame is left in the host page.
        host.waitFor("KT.iframes() === 1");
        assertEquals(List.of("connect", "ready", "message", "message"), host.eventTypes(), host.why());
    }

    /** The time is printed, not asserted (see docs/benchmarks.md for measured runs). */
    @BrowserTest
    void aHundredKilobytesOfUnicodeRoundTripIntact(Browser browser, DemoSites sites) {
        HostPage host = connected(browser, sites, "echo", ", timeout: 120000");
        long length = ((Number) host.eval("KT.makePayload(100 * 1024)")).longValue();
        assertTrue(length >= 100 * 1024);

        long start = System.nanoTime();
        int id = host.request("KT.payload");
        host.waitFor("KT.results[" + id + "].state !== 'pending'", Duration.ofSeconds(120));
        long millis = (System.nanoTime() - start) / 1000000;
        assertEquals("ok", host.eval("KT.results[" + id + "].state"), host.why());
        assertEquals(-1L, host.eval("KT.firstDifference(KT.payload, KT.results[" + id + "].value.echo)"),
                "the reply differs from the request at this index");
        System.out.println("window.name in " + browser.kind() + " with " + browser.bundle() + ": " + length
                + " UTF-16 units of mixed Unicode there and back in " + millis + " ms");
    }

    @BrowserTest
    void hostClosesAndTheRemoteHearsIt(Browser browser, DemoSites sites) {
        HostPage host = connected(browser, sites, "silent", "");
        int pending = host.request("'pending'");
        assertEquals("pong", host.reply("{cmd: 'ping'}"), host.why());

        assertNull(host.eval("KT.close()"), host.why());
        host.awaitCount("close", 1);
        host.awaitCount("remote-close", 1);
        Map<String, Object> result = host.awaitResult(pending);
        assertEquals("CLOSED", result.get("code"), host.why());
        host.waitFor("KT.iframes() === 0");
        assertEquals("closed", host.state().get("state"), host.why());
    }

    @BrowserTest
    void theRemoteClosesAndTheHostHearsIt(Browser browser, DemoSites sites) {
        HostPage host = connected(browser, sites, "echo", "");
        assertEquals(Map.of("closing", true), host.reply("{cmd: 'close'}"), host.why());
        host.awaitCount("close", 1);
        host.waitFor("KT.iframes() === 0");
    }

    /** 4 s: the timeout covers the handshake and the ping too, each a few frame loads, slow in a loaded HtmlUnit. */
    @BrowserTest
    void anUnansweredRequestTimesOutAndTheChannelStaysUsable(Browser browser, DemoSites sites) {
        HostPage host = connected(browser, sites, "silent", ", timeout: 4000");
        Map<String, Object> result = host.awaitResult(host.request("'never answered'"));
        assertEquals("error", result.get("state"), host.why());
        assertEquals("TIMEOUT", result.get("code"), host.why());
        assertEquals("pong", host.reply("{cmd: 'ping'}"), host.why());
    }

    /** The remote admits only domain3: domain1 is told at once, and nothing it sent reached the remote's page. */
    @BrowserTest
    void aHostOfAnOriginNotAllowedIsRefused(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        String remote = (String) host.eval("KT.remoteUrl({mode: 'echo', transport: 'name', allowed: ["
                + js(sites.domain3()) + "], extra: 'report=top'})");
        host.connect("{remote: " + js(remote) + ", transport: 'name', timeout: 3000}");
        host.awaitCount("close", 1);
        // The remote writes only to proxy pages of the origins it allows: this host hears nothing and times out,
        // and the remote says why.
        assertEquals(List.of("connect", "error", "close"), host.eventTypes(), host.why());
        assertEquals("TIMEOUT", host.events("error").get(0).get("code"), host.why());
        host.waitFor("(function () { for (var i = 0; i < KT.reports.length; i++) { var r = KT.reports[i];"
                + " if (r.kind === 'debug' && String(r.value).indexOf('refused the host address "
                + sites.domain1() + "/kuayu/proxy.html: not one of the host proxies') >= 0) { return true; } }"
                + " return false; })()");
        host.waitFor("KT.iframes() === 0");
    }

    @BrowserTest
    void aProxyPageOfAnotherOriginOrAGivenFrameIsRefusedAtConnect(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.eval("KT.connect({remote: " + js(remoteUrl(host, "echo")) + ", transport: 'name', proxy: "
                + js(sites.domain2() + "/kuayu/proxy.html") + "})");
        Map<String, Object> thrown = host.events("thrown").get(0);
        assertEquals("INVALID_ARGUMENT", thrown.get("code"), host.why());
        assertTrue(String.valueOf(thrown.get("message")).contains("must be on this page's own origin"), host.why());
        assertEquals(0L, host.iframes(), host.why());

        host.eval("KT.addFrame('given', " + js(remoteUrl(host, "echo")) + ")");
        host.eval("KT.connect({frame: KT.firstFrame(), transport: 'name'})");
        Map<String, Object> framed = host.events("thrown").get(1);
        assertEquals("INVALID_ARGUMENT", framed.get("code"), host.why());
        assertTrue(String.valueOf(framed.get("message")).contains("give remote (the URL) instead of frame"),
                host.why());
    }
}
