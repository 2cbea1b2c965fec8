package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.it.HostPage.js;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.kuayu.demo.Site;

/**
 * Remote pages that misbehave, and what the host sees: each case ends in the documented error (docs/js-api.md,
 * "Errors"), within the test's bound, and nothing hangs. A remote that throws a plain {@code Error} or never replies
 * is in {@link MessagingTest} and {@link LifecycleTest}; one that reloads mid-request in {@link HandshakeTest}.
 * Where the outcome depends on the transport, every window transport is tried in turn, each in a fresh host page.
 */
class MisbehavingRemoteTest {

    /** The window transports, each with the host site whose page uses it (domain needs the www/child pair). */
    private static final List<String> TRANSPORTS = List.of("postMessage", "name", "hash", "domain");

    /** A long channel timeout, so that what settles a request in these tests is never the timeout. */
    private static final int LONG_TIMEOUT = 60_000;

    /** Opens a host page and connects, over {@code transport} on both sides, to the remote test page in this mode. */
    private static HostPage connected(Browser browser, DemoSites sites, String transport, String mode, int timeout) {
        boolean domain = transport.equals("domain");
        HostPage host = HostPage.open(browser, sites, domain ? Site.DOMAIN_WWW : Site.DOMAIN1, null);
        String remote = domain ? host.childRemoteUrl(mode, null)
                : (String) host.eval("KT.remoteUrl({mode: " + js(mode) + ", transport: " + js(transport) + "})");
        host.connect("{remote: " + js(remote) + ", transport: " + js(transport) + ", timeout: " + timeout + "}");
        host.awaitCount("ready", 1);
        return host;
    }

    /**
     * Page code removes the remote's iframe while a request waits: the request and the channel fail at once. Real
     * engines only: HtmlUnit's {@code MutationObserver} reports attribute and text changes but not removed nodes
     * ({@code childList}), so there the request times out instead, as it would in a browser without one.
     */
    // WebKit: postMessage, name and hash pass; over "domain" the request stays pending after the iframe's removal
    // (no TRANSMISSION_FAILED within 20 s, both bundles; the host's debug log shows nothing after "ready over domain").
    // A Kuayu bug to find (issue 19): the removal watch or the domain transport's delivery in WebKit.
    @BrowserTest(value = Browsers.REAL, except = BrowserKind.WEBKIT)
    void removingTheRemotesIframeFailsTheRequestAndTheChannel(Browser browser, DemoSites sites) {
        for (String transport : TRANSPORTS) {
            HostPage host = connected(browser, sites, transport, "silent", LONG_TIMEOUT);
            int id = host.request("'never answered'");
            assertEquals(Boolean.TRUE, host.eval("(function () { var frames = document.getElementsByTagName('iframe');"
                    + " for (var i = 0; i < frames.length; i++) {"
                    + "   if (frames[i].src.indexOf('/test/remote.html') >= 0) {"
                    + "     frames[i].parentNode.removeChild(frames[i]); return true; } }"
                    + " return false; })()"), transport + ": the remote's iframe\n" + host.log());

            Map<String, Object> result = host.awaitResult(id);
            assertEquals("TRANSMISSION_FAILED", result.get("code"), transport + "\n" + host.log());
            assertTrue(String.valueOf(result.get("message")).contains("iframe was removed"), transport + ": " + result);
            host.awaitCount("close", 1);
            assertEquals(List.of("connect", "ready", "error", "close"), host.eventTypes(),
                    transport + "\n" + host.log());
            assertEquals("TRANSMISSION_FAILED", host.events("error").get(0).get("code"), transport);
            assertEquals("closed", host.state().get("state"), transport);
            host.waitFor("KT.iframes() === 0");
        }
    }

    /**
     * The remote's frame navigates to a page without Kuayu while a request waits: the request fails (with TIMEOUT,
     * its own timer having started before the handshake's wait for the new page, or TRANSMISSION_FAILED), then the
     * channel fails with TRANSMISSION_FAILED and closes; over location.hash the host's writes bring the remote page
     * back instead, and the channel goes on with it.
     */
    @BrowserTest
    void aRemoteThatNavigatesAwayMidRequestFailsItAndThenTheChannel(Browser browser, DemoSites sites) {
        for (String transport : List.of("postMessage", "name", "hash")) {
            HostPage host = connected(browser, sites, transport, "leave", 4000);
            Map<String, Object> result = host.awaitResult(host.request("'about to leave'"));
            assertTrue(List.of("TIMEOUT", "TRANSMISSION_FAILED").contains(result.get("code")),
                    transport + ": " + result + "\n" + host.log());
            if (transport.equals("hash")) {
                // Every write of the host names the remote's own URL: a write after the navigation takes the frame
                // back to the remote page (a new one, which answers), one before it cancels it. Either way the
                // channel goes on with the remote page, or fails; nothing hangs.
                List<Map<String, Object>> pings = host.pingUntilAnsweredOrClosed(4);
                boolean answered = !pings.isEmpty() && "ok".equals(pings.get(pings.size() - 1).get("state"));
                if (!answered) {
                    host.awaitCount("close", 1);
                    assertEquals("TRANSMISSION_FAILED", host.events("error").get(0).get("code"), host.why());
                }
                continue;
            }
            host.awaitCount("close", 1);
            assertEquals(List.of("connect", "ready", "error", "close"), host.eventTypes(),
                    transport + "\n" + host.log());
            assertEquals("TRANSMISSION_FAILED", host.events("error").get(0).get("code"), transport + "\n" + host.log());
        }
    }

    /** onRequest returns a thenable that answers twice and then rejects: the caller hears the first answer once. */
    @BrowserTest
    void aRemoteThatAnswersTwiceIsHeardOnce(Browser browser, DemoSites sites) {
        HostPage host = connected(browser, sites, "postMessage", "twice", LONG_TIMEOUT);
        int id = host.requestWithCallbacks("'once'");
        Map<String, Object> result = host.awaitResult(id);
        assertEquals("ok", result.get("state"), host.why());
        assertEquals(Map.of("first", "once"), result.get("value"), host.why());
        // Frames arrive in order: once this reply is in, a second answer to the first request would be too.
        assertEquals("pong", host.reply("{cmd: 'ping'}"), host.why());
        assertEquals("ok", host.eval("KT.results[" + id + "].state"), "a callback ran twice\n" + host.log());
        assertEquals(0, host.count("error"), host.why());
    }

    /** Throwing something that is not an Error (a number, null, a plain object) still gives REMOTE_ERROR. */
    @BrowserTest
    void aRemoteThatThrowsANonErrorGivesRemoteError(Browser browser, DemoSites sites) {
        HostPage host = connected(browser, sites, "postMessage", "throw", LONG_TIMEOUT);
        for (String thrown : List.of("42", "null", "{reason: 'no'}")) {
            Map<String, Object> result = host.awaitResult(host.request(thrown));
            assertEquals("error", result.get("state"), thrown + "\n" + host.log());
            assertEquals("REMOTE_ERROR", result.get("code"), thrown + "\n" + host.log());
        }
        assertEquals("pong", host.reply("{cmd: 'ping'}"), "the channel works after the remote errors");
        assertEquals(0, host.count("error"), host.why());
    }

    /** A reply of 8 MB over postMessage arrives intact, and the channel goes on. */
    @BrowserTest
    void aHugeReplyArrivesIntact(Browser browser, DemoSites sites) {
        HostPage host = connected(browser, sites, "postMessage", "echo", LONG_TIMEOUT);
        int length = 8 * 1024 * 1024;
        int id = host.request("{cmd: 'huge', length: " + length + "}");
        host.awaitResult(id);
        assertEquals(Boolean.TRUE, host.eval("(function () { var v = KT.results[" + id + "].value;"
                + " return typeof v === 'string' && v.length === " + length + " && /^x+$/.test(v); })()"),
                "the reply is the remote's string\n" + host.log());
        assertEquals("pong", host.reply("{cmd: 'ping'}"), host.why());
    }

    /**
     * A reply that takes longer than the timeout to cross window.name: the request times out, the channel stays open,
     * and closing it then is prompt and leaves no frame behind (the transfer does not hold it up). The host's proxy
     * page answers each load 4 s late once the channel is ready ({@link SlowProxy}), and the 1 MB reply (32 frames of
     * window.name) needs at least two of those loads one after the other (two load at once, and what waits goes in
     * one batch after them): 8 s, twice the 4 s timeout, on any machine. Real engines only: HtmlUnit loads a frame's
     * new document on the page's own script thread, so a slow page stalls its timers too.
     */
    @BrowserTest(value = Browsers.REAL)
    void aReplyTooLargeForTheTimeoutTimesOutAndTheChannelStillCloses(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites, Site.DOMAIN1, null);
        String proxy = sites.domain1() + SlowProxy.PAGE;
        String remote = (String) host.eval("KT.remoteUrl({mode: 'echo', transport: 'name', extra: 'hostProxies="
                + URLEncoder.encode(proxy, StandardCharsets.UTF_8) + "'})");
        host.connect("{remote: " + js(remote) + ", transport: 'name', proxy: " + js(proxy) + ", timeout: 4000}");
        host.awaitCount("ready", 1);
        sites.slowProxy().delay(4000);
        try {
            Map<String, Object> result = host.awaitResult(host.request("{cmd: 'huge', length: " + 1024 * 1024 + "}"));
            assertEquals("TIMEOUT", result.get("code"), host.why());
            assertEquals("ready", host.state().get("state"), host.why());
            assertEquals(null, host.eval("KT.close()"), host.why());
            host.awaitCount("close", 1);
            host.waitFor("KT.iframes() === 0");
        } finally {
            sites.slowProxy().delay(0);
        }
        // The remote's own onClose may tell this page too (remote-close), once it heard the close.
        assertEquals(List.of("connect", "ready", "close"),
                host.eventTypes().stream().filter(type -> !type.equals("remote-close")).toList(), host.why());
    }
}
