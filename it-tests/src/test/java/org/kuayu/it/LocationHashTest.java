package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.it.HostPage.js;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code transport: 'hash'} between the host page (domain1) and the remote page (domain2): frames in the remote
 * frame's fragment one way, through domain1's {@code /kuayu/proxy.html} (the default, next to the bundle) the other.
 */
class LocationHashTest {

    /** {@code test/remote.html} on domain2 accepting over location.hash, answering per {@code mode}. */
    private static String remoteUrl(HostPage host, String mode) {
        return (String) host.eval("KT.remoteUrl({mode: " + js(mode) + ", extra: 'transport=hash'})");
    }

    private static HostPage connected(Browser browser, DemoSites sites, String mode, String moreOptions) {
        HostPage host = HostPage.open(browser, sites);
        host.connect("{remote: " + js(remoteUrl(host, mode)) + ", transport: 'hash'" + moreOptions + "}");
        host.awaitCount("ready", 1);
        return host;
    }

    @BrowserTest
    void messagesAndRequestsTravelBothWays(Browser browser, DemoSites sites) {
        HostPage host = connected(browser, sites, "echo", "");
        assertEquals(Map.of("ready", true, "state", "ready", "transport", "hash", "origin", sites.domain2()),
                host.state(), host.why());

        assertNull(host.send("{hello: 'world', text: '你好 😀 | % # \\\\ \"'}"), host.why());
        host.awaitCount("message", 1);
        Map<String, Object> echo = host.events("message").get(0);
        assertEquals(sites.domain2(), echo.get("origin"), host.why());
        assertEquals(Map.of("echo", Map.of("hello", "world", "text", "你好 😀 | % # \\ \""), "origin", sites.domain1()),
                echo.get("data"), host.why());

        assertEquals(Map.of("echo", "hello"), host.reply("'hello'"), host.why());
        assertEquals(Map.of("sent", true), host.reply("{cmd: 'send', data: {from: 'remote'}}"), host.why());
        host.awaitCount("message", 2);
        assertEquals(Map.of("from", "remote"), host.events("message").get(1).get("data"), host.why());
        assertEquals(Map.of("ready", true, "state", "ready", "transport", "hash", "origin", sites.domain1()),
                host.reply("{cmd: 'state'}"), "what the remote says of its channel");
        assertEquals(1L, host.iframes(), "the messenger frame is inside the remote's frame, not in the host page");
        assertEquals(List.of("connect", "ready", "message", "message"), host.eventTypes(), host.why());
    }

    /**
     * The time is printed, not asserted: location.hash is slow by nature (Chromium takes 200 navigations of a frame in
     * 10 s), so the request gets a timeout far beyond the default 10 s.
     */
    @BrowserTest
    void aHundredKilobytesOfUnicodeRoundTripIntact(Browser browser, DemoSites sites) {
        HostPage host = connected(browser, sites, "echo", ", timeout: 300000");
        long length = ((Number) host.eval("KT.makePayload(100 * 1024)")).longValue();
        assertTrue(length >= 100 * 1024);

        long start = System.nanoTime();
        int id = host.request("KT.payload");
        host.waitFor("KT.results[" + id + "].state !== 'pending'", Duration.ofSeconds(300));
        long millis = (System.nanoTime() - start) / 1000000;
        assertEquals("ok", host.eval("KT.results[" + id + "].state"), host.why());
        assertEquals(-1L, host.eval("KT.firstDifference(KT.payload, KT.results[" + id + "].value.echo)"),
                "the reply differs from the request at this index");
        System.out.println("location.hash in " + browser.kind() + " with " + browser.bundle() + ": " + length
                + " UTF-16 units of mixed Unicode there and back in " + millis + " ms");
    }

    /**
     * The ping makes sure the remote read everything before the close: a {@code CLS} written over a frame not read
     * yet would wait for it at the remote for ever, as a closed channel sends nothing again (see protocol.md).
     */
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
        // The two closes come in separate tasks of the host page; HtmlUnit handles a fragment at once, so either may
        // come first.
        List<String> types = host.eventTypes();
        assertEquals(List.of("connect", "ready"), types.subList(0, 2), host.why());
        assertEquals(Set.of("close", "remote-close"), Set.copyOf(types.subList(2, types.size())), host.why());
        assertEquals(4, types.size(), host.why());
    }

    @BrowserTest
    void anUnansweredRequestTimesOutAndTheChannelStaysUsable(Browser browser, DemoSites sites) {
        HostPage host = connected(browser, sites, "silent", ", timeout: 2000");
        Map<String, Object> result = host.awaitResult(host.request("'never answered'"));
        assertEquals("error", result.get("state"), host.why());
        assertEquals("TIMEOUT", result.get("code"), host.why());
        assertEquals("pong", host.reply("{cmd: 'ping'}"), host.why());
    }

    @BrowserTest
    void aProxyPageOfAnotherOriginIsRefusedAtConnect(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.eval("KT.connect({remote: " + js(remoteUrl(host, "echo")) + ", transport: 'hash', proxy: "
                + js(sites.domain2() + "/kuayu/proxy.html") + "})");
        Map<String, Object> thrown = host.events("thrown").get(0);
        assertEquals("INVALID_ARGUMENT", thrown.get("code"), host.why());
        assertTrue(String.valueOf(thrown.get("message")).contains("must be on this page's own origin"), host.why());
        assertEquals(0L, host.iframes(), host.why());
    }

    /**
     * An idle channel writes nothing, either way. Chromium fires {@code load} on the remote's frame for some of the
     * host's fragment writes (WebKit for each one); Kuayu used to answer each with a {@code SYN}, and two idle pages
     * then kept writing 13 to 18 fragments a second. The test counts the fragments the remote page receives and the
     * frames the host's mailbox is handed, lets the channel settle, then observes it idle for 3 s: proving that
     * nothing happens takes a window of time, which is the one wait here not on a condition.
     */
    @BrowserTest(Browsers.REAL)
    void anIdleChannelWritesNothing(Browser browser, DemoSites sites) {
        HostPage host = connected(browser, sites, "echo", "");
        host.eval("document.getElementsByTagName('iframe')[0].id = 'remote'");
        browser.evalInFrame("remote", "(function () { window.KT_WRITES = 0;"
                + " window.addEventListener('hashchange', function () { window.KT_WRITES++; }); })()");
        // Every read of the host's mailbox (proxy.html's, and the mailbox's own check that it is still itself) is
        // counted by a getter that returns the mailbox unchanged.
        host.eval("(function () { window.KT_CALLS = 0; Object.keys(window).forEach(function (k) {"
                + " if (k.indexOf('__kuayu_hash_') === 0) { var f = window[k];"
                + " Object.defineProperty(window, k, {configurable: true, enumerable: true,"
                + " get: function () { window.KT_CALLS++; return f; }}); } }); })()");
        assertEquals(Map.of("echo", "before the quiet"), host.reply("'before the quiet'"), host.why());
        assertTrue((Long) host.eval("KT_CALLS") > 0, "the wrapped mailbox took the reply");
        assertTrue((Long) browser.evalInFrame("remote", "KT_WRITES") > 0, "the remote counted the request");
        // Let the last acknowledgements go (a reliable-delivery receipt is sent a task or a retransmission later).
        long settle = System.currentTimeMillis() + 1500;
        host.waitFor("Date.now() > " + settle);
        long calls = (Long) host.eval("KT_CALLS");
        long writes = (Long) browser.evalInFrame("remote", "KT_WRITES");
        long quietUntil = System.currentTimeMillis() + 3000;
        host.waitFor("Date.now() > " + quietUntil, Duration.ofSeconds(10));
        assertEquals(writes, browser.evalInFrame("remote", "KT_WRITES"), "the host wrote to an idle remote");
        assertEquals(calls, host.eval("KT_CALLS"), "the remote wrote to an idle host");
        assertEquals(Map.of("echo", "after the quiet"), host.reply("'after the quiet'"), host.why());
    }
}
