package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** One-way messages and request/reply between the host page (domain1) and the remote page (domain2). */
class MessagingTest {

    @BrowserTest
    void messagesTravelBothWays(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connectAndAwaitReady("echo");

        assertNull(host.send("{hello: 'world', n: 1, list: [1, 'two', null, true]}"), host.why());
        host.awaitCount("message", 1);
        Map<String, Object> echo = host.events("message").get(0);
        assertEquals(sites.domain2(), echo.get("origin"), host.why());
        assertEquals(Map.of(
                "echo", Map.of("hello", "world", "n", 1L, "list", Arrays.asList(1L, "two", null, true)),
                "origin", sites.domain1()), echo.get("data"), host.why());

        assertEquals(Map.of("sent", true), host.reply("{cmd: 'send', data: {from: 'remote', text: '你好'}}"));
        host.awaitCount("message", 2);
        Map<String, Object> started = host.events("message").get(1);
        assertEquals(Map.of("from", "remote", "text", "你好"), started.get("data"), host.why());
        assertEquals(sites.domain2(), started.get("origin"), host.why());
        assertEquals(List.of("connect", "ready", "message", "message"), host.eventTypes(), host.why());
    }

    @BrowserTest
    void messagesArriveInTheOrderSent(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connectAndAwaitReady("echo");

        host.eval("(function () { for (var i = 0; i < 50; i++) { KT.send({i: i}); } return null; })()");
        host.awaitCount("message", 50);

        List<Object> order = new ArrayList<>();
        for (Map<String, Object> message : host.events("message")) {
            order.add(((Map<?, ?>) ((Map<?, ?>) message.get("data")).get("echo")).get("i"));
        }
        assertEquals(IntStream.range(0, 50).mapToObj(i -> (Object) (long) i).collect(Collectors.toList()), order,
                host.why());
    }

    @BrowserTest
    void requestIsAnswered(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connectAndAwaitReady("echo");

        assertEquals(Map.of("echo", "hello"), host.reply("'hello'"), host.why());
        assertEquals(Map.of("echo", Map.of("a", Arrays.asList(1L, 2.5, Map.of("b", "c")), "t", true, "z", 0L)),
                host.reply("{a: [1, 2.5, {b: 'c'}], t: true, z: 0}"), host.why());
        Map<String, Object> nothing = host.awaitResult(host.request("null"));
        assertEquals("ok", nothing.get("state"), host.why());
        assertEquals(Collections.singletonMap("echo", null), nothing.get("value"), host.why());

        Map<String, Object> withCallbacks = host.awaitResult(host.requestWithCallbacks("'callbacks'"));
        assertEquals("ok", withCallbacks.get("state"), host.why());
        assertEquals(Map.of("echo", "callbacks"), withCallbacks.get("value"), host.why());

        assertEquals(Map.of("ready", true, "state", "ready", "transport", "postMessage", "origin", sites.domain2()),
                host.state(), host.why());
    }

    @BrowserTest
    void remoteRequestsTheHost(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connect("{remote: " + HostPage.js(host.remoteUrl("echo")) + ", onRequest: function (data, origin) {"
                + " if (data === 'fail') { throw new Error('host says no'); }"
                + " return {hostEcho: data, from: origin}; }}");
        host.awaitCount("ready", 1);

        // The remote asks the host while it handles this request, and answers with the host's reply.
        assertEquals(Map.of("hostEcho", "from remote", "from", sites.domain2()),
                host.reply("{cmd: 'ask', data: 'from remote'}"), host.why());
        Map<String, Object> failed = host.awaitResult(host.request("{cmd: 'ask', data: 'fail'}"));
        assertEquals("REMOTE_ERROR", failed.get("code"), host.why());
        assertTrue(String.valueOf(failed.get("message")).contains("host says no"), host.why());
    }

    @BrowserTest
    void throwingHandlerReachesTheCallerAsRemoteError(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connectAndAwaitReady("throw");

        Map<String, Object> result = host.awaitResult(host.request("'x'"));
        assertEquals("error", result.get("state"), host.why());
        assertEquals("REMOTE_ERROR", result.get("code"), host.why());
        assertTrue(String.valueOf(result.get("message")).contains("boom: x"), host.why());

        assertEquals("pong", host.reply("{cmd: 'ping'}"), "the channel works after a remote error");
        assertEquals(0, host.count("error"), host.why());
    }

    /** CJK, emoji (surrogate pairs), quotes, backslashes, '|', newlines, U+2028/2029, a fake frame: see harness.js. */
    @BrowserTest
    void megabyteOfUnicodeRoundTripsIntact(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connectAndAwaitReady("echo");
        long length = ((Number) host.eval("KT.makePayload(1024 * 1024)")).longValue();
        assertTrue(length >= 1024 * 1024);

        int id = host.request("KT.payload");
        // HtmlUnit needs some 15 s for this round trip on an idle machine: a generous bound, not a speed claim.
        host.waitFor("KT.results[" + id + "].state !== 'pending'", Duration.ofSeconds(120));
        assertEquals("ok", host.eval("KT.results[" + id + "].state"), host.why());
        assertEquals(-1L, host.eval("KT.firstDifference(KT.payload, KT.results[" + id + "].value.echo)"),
                "the reply differs from the request at this index");

        // A message too, of 64 K (cut where a piece starts, so no surrogate pair is split): HtmlUnit is slow.
        host.eval("(KT.small = KT.payload.substring(0, KT.payload.indexOf('ascii text ', 65536))).length");
        assertNull(host.send("KT.small"), host.why());
        host.waitFor("KT.count('message') === 1", Duration.ofSeconds(60));
        assertEquals(-1L, host.eval("KT.firstDifference(KT.small, KT.find('message')[0].data.echo)"),
                "the echoed message differs from the sent one at this index");
    }

    @BrowserTest
    void twoHundredRequestsInFlightEachGetTheirOwnReply(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connectAndAwaitReady("echo");
        // The remote holds the replies until all 200 requests arrived, then answers them last to first.
        assertEquals(Map.of("holding", 200L), host.reply("{cmd: 'hold', count: 200}"));

        host.eval("(KT.many = KT.requestMany(200)).length");
        host.waitFor("KT.settled(KT.many) === 200", Duration.ofSeconds(60));

        assertEquals(List.of(), host.eval("KT.wrongReplies(KT.many)"), host.why());
    }
}
