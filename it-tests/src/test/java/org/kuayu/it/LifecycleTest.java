package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.it.HostPage.js;

import java.util.List;
import java.util.Map;

/** Requests that are never answered, and closing the channel from either side. */
class LifecycleTest {

    @BrowserTest
    void unansweredRequestTimesOutAndTheChannelStaysUsable(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        // The remote page loads first, so the 500 ms cover only the handshake's few messages and the request.
        host.eval("KT.addFrame('remote', " + js(host.remoteUrl("silent")) + ")");
        host.awaitCount("frameload", 1);
        host.connect("{frame: 'remote', timeout: 500}");
        host.awaitCount("ready", 1);

        Map<String, Object> result = host.awaitResult(host.request("'never answered'"));
        assertEquals("error", result.get("state"), host.why());
        assertEquals("TIMEOUT", result.get("code"), host.why());

        assertEquals("pong", host.reply("{cmd: 'ping'}"), host.why());
        assertNull(host.send("'still here'"), host.why());
        host.awaitCount("message", 1);
        assertEquals(List.of("frameload", "connect", "ready", "message"), host.eventTypes(), host.why());
    }

    /**
     * Both ends see it: the host's onClose and then the remote's (its note "kt-remote|close" arrives, although
     * Kuayu removes the frame it created 100 ms after close).
     */
    @BrowserTest
    void hostClosesTheChannel(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connectAndAwaitReady("silent");
        int pending = host.request("'pending'");
        assertEquals(1, host.iframes(), host.why());

        assertNull(host.eval("KT.close()"), host.why());
        host.awaitCount("close", 1);
        host.awaitCount("remote-close", 1);

        Map<String, Object> result = host.awaitResult(pending);
        assertEquals("error", result.get("state"), host.why());
        assertEquals("CLOSED", result.get("code"), host.why());
        host.waitFor("KT.iframes() === 0");
        assertEquals(false, host.state().get("ready"), host.why());
        assertEquals("closed", host.state().get("state"), host.why());
        assertClosed(host);
        assertEquals(List.of("connect", "ready", "close", "remote-close"), host.eventTypes(), host.why());
    }

    /** The same with a frame the host page gave: the remote's onClose runs, and the frame stays. */
    @BrowserTest
    void hostClosesTheChannelOfAGivenFrame(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.eval("KT.addFrame('remote', " + js(host.remoteUrl("echo")) + ")");
        host.awaitCount("frameload", 1);
        host.connect("{frame: 'remote'}");
        host.awaitCount("ready", 1);
        assertEquals(Map.of("echo", "open"), host.reply("'open'"), host.why());

        assertNull(host.eval("KT.close()"), host.why());
        host.awaitCount("close", 1);
        host.awaitCount("remote-close", 1);

        assertEquals("closed", host.state().get("state"), host.why());
        assertClosed(host);
        assertEquals(List.of("frameload", "connect", "ready", "close", "remote-close"), host.eventTypes(),
                host.why());

        // Kuayu removes a frame it created 100 ms after close; a given one is still there well after that.
        host.eval("setTimeout(function () { KT.record('later', {data: KT.iframes()}); }, 300)");
        host.awaitCount("later", 1);
        assertEquals(1L, host.events("later").get(0).get("data"), "Kuayu never removes a frame it was given\n"
                + host.log());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> remote = (List<Map<String, Object>>) browser.evalInFrame("remote", "RT.events");
        assertEquals(1, HandshakeTest.count(remote, "close"), "the remote page in the frame: " + remote);
    }

    @BrowserTest
    void remoteClosesTheChannel(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connectAndAwaitReady("echo");

        int closeCommand = host.request("{cmd: 'close'}");
        host.awaitCount("close", 1);
        host.awaitCount("remote-close", 1);
        Map<String, Object> answer = host.awaitResult(closeCommand);
        if (browser.kind() != BrowserKind.HTMLUNIT) {
            // A real browser: the remote replies, then closes in a later task, and the reply arrives first.
            assertEquals(Map.of("closing", true), answer.get("value"), host.why());
        } else {
            // HtmlUnit may deliver the close before the reply that was posted first on the same MessagePort
            // (its postponed actions); either outcome is one the API documents.
            assertTrue(Map.of("closing", true).equals(answer.get("value")) || "CLOSED".equals(answer.get("code")),
                    host.why());
        }

        assertEquals("closed", host.state().get("state"), host.why());
        host.waitFor("KT.iframes() === 0");
        assertClosed(host);
        // The remote's note and Kuayu's close frame travel apart (window vs MessagePort): either may come first.
        assertEquals(List.of("close", "connect", "ready", "remote-close"), host.eventTypes().stream().sorted().toList(),
                host.why());
    }

    /** Once closed, a request fails with CLOSED (thrown or rejected) and send throws CLOSED. */
    private static void assertClosed(HostPage host) {
        Map<String, Object> late = host.awaitResult(host.request("'too late'"));
        assertTrue(List.of("error", "thrown").contains(late.get("state")), host.why());
        assertEquals("CLOSED", late.get("code"), host.why());
        @SuppressWarnings("unchecked")
        Map<String, Object> sendError = (Map<String, Object>) host.send("'too late'");
        assertNotNull(sendError, "send after close should throw CLOSED\n" + host.log());
        assertEquals("CLOSED", sendError.get("code"), host.why());
    }
}
