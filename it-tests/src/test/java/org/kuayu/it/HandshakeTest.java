package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.it.HostPage.js;

import java.util.List;
import java.util.Map;

/**
 * The handshake works whichever page is first, and again after the remote page reloads; a page that never
 * answers makes it fail with TIMEOUT.
 */
class HandshakeTest {

    @BrowserTest
    void connectFirstThroughFrameKuayuCreates(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connect("{remote: " + js(host.remoteUrl("echo")) + "}");
        host.awaitCount("ready", 1);

        assertEquals(1, host.iframes(), host.why());
        assertEquals(Map.of("echo", 1L), host.reply("1"), host.why());
        assertEquals(1, count(host.remoteEvents(), "ready"), "the remote became ready once");
    }

    @BrowserTest
    void remoteLoadedBeforeConnect(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.eval("KT.addFrame('remote', " + js(host.remoteUrl("echo")) + ")");
        host.awaitCount("frameload", 1);

        host.connect("{frame: 'remote'}");
        host.awaitCount("ready", 1);

        assertEquals(1, host.iframes(), "Kuayu uses the given frame and adds none\n" + host.log());
        assertEquals(Map.of("echo", 2L), host.reply("2"), host.why());
        assertEquals(1, count(host.remoteEvents(), "ready"), "the remote became ready once");
    }

    @BrowserTest
    void connectToGivenFrameBeforeItLoaded(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        // One script turn: the frame's page cannot have loaded before connect runs.
        host.eval("KT.addFrame('remote', " + js(host.remoteUrl("echo")) + ") && KT.connect({frame: 'remote'})");
        host.awaitCount("ready", 1);

        assertEquals(1, host.iframes(), host.why());
        assertEquals(Map.of("echo", 3L), host.reply("3"), host.why());
        assertEquals(1, count(host.remoteEvents(), "ready"), "the remote became ready once");
    }

    @BrowserTest
    void remoteReloadedByTheHostOpensAgain(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connectAndAwaitReady("echo");
        assertEquals(Map.of("echo", "before"), host.reply("'before'"), host.why());

        host.eval("KT.reloadFrame(null, 'by-host')");
        host.awaitCount("ready", 2);

        assertEquals(Map.of("echo", "after"), host.reply("'after'"), host.why());
        assertTrue(String.valueOf(host.eval("KT.firstFrame().src")).contains("reload=by-host"), host.why());
        assertEquals(0, host.count("close") + host.count("error"), host.why());
    }

    @BrowserTest
    void remoteReloadingItselfOpensAgain(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connectAndAwaitReady("echo");

        assertEquals(Map.of("reloading", true), host.reply("{cmd: 'reload'}"), host.why());
        host.awaitCount("ready", 2);

        assertEquals(Map.of("echo", "after"), host.reply("'after'"), host.why());
        assertFreshRemote(host);
        assertEquals(0, host.count("close") + host.count("error"), host.why());
    }

    /**
     * A request the remote page holds when it reloads itself can never be answered: it fails with
     * TRANSMISSION_FAILED (long before the 10 s TIMEOUT), the channel opens again, and the next request works.
     */
    @BrowserTest
    void remoteReloadingWithARequestInFlightFailsIt(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connectAndAwaitReady("echo");
        assertEquals(Map.of("holding", 2L), host.reply("{cmd: 'hold', count: 2}"), host.why());
        int held = host.request("'held'");
        assertTrue(host.remoteEvents().stream().anyMatch(e -> "\"held\"".equals(e.get("data"))),
                "the remote page holds the request\n" + host.log());
        assertEquals("pending", host.eval("KT.results[" + held + "].state"), host.why());

        assertEquals(Map.of("reloading", true), host.reply("{cmd: 'reload'}"), host.why());
        assertTransmissionFailedThenOpenAgain(host, held);

        assertEquals(Map.of("echo", "after"), host.reply("'after'"), host.why());
        assertFreshRemote(host);
        assertEquals(List.of("connect", "ready", "ready"), host.eventTypes(), host.why());
    }

    /** The same when the host page reloads a frame it gave, whose page never answers the request. */
    @BrowserTest
    void hostReloadingTheFrameWithARequestInFlightFailsIt(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.eval("KT.addFrame('remote', " + js(host.remoteUrl("silent")) + ")");
        host.awaitCount("frameload", 1);
        host.connect("{frame: 'remote'}");
        host.awaitCount("ready", 1);
        int pending = host.request("'never answered'");
        assertEquals("pong", host.reply("{cmd: 'ping'}"), "the remote page got the request first\n" + host.log());

        host.eval("KT.reloadFrame('remote', 'by-host')");
        assertTransmissionFailedThenOpenAgain(host, pending);

        assertEquals("pong", host.reply("{cmd: 'ping'}"), host.why());
        assertFreshRemote(host);
        // The frame's second load event and the second handshake race; their order is no part of the contract.
        assertEquals(List.of("connect", "ready", "ready"),
                host.eventTypes().stream().filter(type -> !type.equals("frameload")).toList(), host.why());
        assertEquals(2, host.count("frameload"), host.why());
    }

    private static void assertTransmissionFailedThenOpenAgain(HostPage host, int inFlight) {
        Map<String, Object> result = host.awaitResult(inFlight);
        assertEquals("error", result.get("state"), host.why());
        assertEquals("TRANSMISSION_FAILED", result.get("code"), host.why());
        host.awaitCount("ready", 2);
        assertEquals(true, host.state().get("ready"), host.why());
        assertEquals(0, host.count("close") + host.count("error"), host.why());
    }

    /** Automatic choice: each transport is tried in turn (onError told of each fallback), then the channel fails. */
    @BrowserTest
    void pageWithoutKuayuTimesOutOnEveryTransport(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connect("{remote: " + js(sites.domain2() + "/test/blank.html") + ", timeout: 1000}");
        host.awaitCount("close", 1);

        List<Map<String, Object>> errors = host.events("error");
        assertEquals(3, errors.size(), host.why());
        for (Map<String, Object> error : errors) {
            assertEquals("TIMEOUT", error.get("code"), host.why());
        }
        assertTrue(String.valueOf(errors.get(0).get("message")).contains("trying name"), host.why());
        assertTrue(String.valueOf(errors.get(1).get("message")).contains("trying hash"), host.why());
        assertEquals(List.of("connect", "error", "error", "error", "close"), host.eventTypes(), host.why());
        host.waitFor("KT.iframes() === 0");
    }

    @BrowserTest
    void pageWithoutKuayuTimesOutOnAForcedTransport(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connect("{remote: " + js(sites.domain2() + "/test/blank.html") + ", timeout: 1000,"
                + " transport: 'postMessage'}");
        host.awaitCount("close", 1);
        assertEquals(List.of("connect", "error", "close"), host.eventTypes(), host.why());
        assertEquals("TIMEOUT", host.events("error").get(0).get("code"), host.why());
    }

    @BrowserTest
    void badOptionsThrowInvalidArgumentAtOnce(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        String remote = js(host.remoteUrl("echo"));
        List<String> bad = List.of(
                "{}",
                "{remote: " + remote + ", frame: document.body}",
                "{frame: document.body}",
                "{remote: 'ftp://example.com/page.html'}",
                "{remote: " + remote + ", onmessage: function () {}}",
                "{remote: " + remote + ", timeout: -1}",
                "{remote: " + remote + ", transport: 'carrier pigeon'}",
                "{remote: " + remote + ", onReady: 'not a function'}");
        for (String options : bad) {
            assertEquals(false, host.eval("KT.connect(" + options + ")"), "kuayu.connect(" + options + ") did not throw");
        }

        List<Map<String, Object>> thrown = host.events("thrown");
        assertEquals(bad.size(), thrown.size(), host.why());
        for (int i = 0; i < bad.size(); i++) {
            assertEquals("INVALID_ARGUMENT", thrown.get(i).get("code"), bad.get(i) + "\n" + host.log());
        }
        assertEquals(0, host.iframes(), "no frame is created for bad options\n" + host.log());
    }

    /** The reloaded remote is a new page: its log starts afresh (one ready, then this test's requests). */
    private static void assertFreshRemote(HostPage host) {
        List<Map<String, Object>> events = host.remoteEvents();
        assertEquals(1, count(events, "ready"), "the reloaded remote page's own log: " + events);
    }

    static long count(List<Map<String, Object>> events, String type) {
        return events.stream().filter(e -> type.equals(e.get("type"))).count();
    }
}
