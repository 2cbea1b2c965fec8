package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.it.HostPage.js;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.kuayu.core.wire.MessageKind;
import org.kuayu.server.WireClient;

/**
 * {@code transport: 'websocket'}: the host page (domain1) talks to domain2's chat server ({@code DemoChat},
 * {@code ws://www.domain2.localhost:<port>/ws/chat}), which answers a message {@code {text}} with
 * {@code {text: "hello: " + text}} and a request {@code {op: "upper", text}} with the text in capitals.
 */
class WebSocketTest {

    private static String chatUrl(DemoSites sites) {
        return sites.domain2().replace("http://", "ws://") + "/ws/chat";
    }

    private static HostPage connected(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connect("{remote: " + js(chatUrl(sites)) + ", transport: 'websocket'}");
        host.awaitCount("ready", 1);
        return host;
    }

    @BrowserTest
    void messagesAndRequestsTravelBothWays(Browser browser, DemoSites sites) {
        HostPage host = connected(browser, sites);
        assertEquals(Map.of("ready", true, "state", "ready", "transport", "websocket", "origin", sites.domain2()),
                host.state(), host.why());

        assertNull(host.send("{text: '你好 😀 | %'}"), host.why());
        host.awaitCount("message", 1);
        Map<String, Object> answer = host.events("message").get(0);
        assertEquals(Map.of("text", "hello: 你好 😀 | %"), answer.get("data"), host.why());
        assertEquals(sites.domain2(), answer.get("origin"), host.why());

        Map<?, ?> reply = (Map<?, ?>) host.reply("{op: 'upper', text: 'kuayu'}");
        assertEquals("KUAYU", reply.get("text"), host.why());
        Map<String, Object> refused = host.awaitResult(host.request("{op: 'unknown'}"));
        assertEquals("REMOTE_ERROR", refused.get("code"), host.why());
        assertTrue(((String) refused.get("message")).contains("unknown request"), host.why());

        assertNull(host.eval("KT.close()"), host.why());
        host.awaitCount("close", 1);
        assertEquals("closed", host.state().get("state"), host.why());
    }

    @BrowserTest
    void theServerRestartsAndThePageReconnects(Browser browser, DemoSites sites) {
        HostPage host = connected(browser, sites);
        sites.restart();
        host.awaitCount("error", 1);
        Map<String, Object> notice = host.events("error").get(0);
        assertEquals("TRANSMISSION_FAILED", notice.get("code"), host.why());
        assertTrue(((String) notice.get("message")).contains("reconnecting in"), host.why());
        host.awaitCount("ready", 2);
        assertEquals("AGAIN", ((Map<?, ?>) host.reply("{op: 'upper', text: 'again'}")).get("text"), host.why());
        assertEquals(List.of("connect", "ready", "error", "ready"), host.eventTypes(), host.why());
    }

    /**
     * A message over the server's limit (64 KiB) closes that page's socket only; another client goes on, and the page
     * reconnects.
     */
    @BrowserTest
    void anOversizeMessageIsRefusedWithoutClosingOtherClients(Browser browser, DemoSites sites) throws Exception {
        HostPage host = connected(browser, sites);
        try (WireClient other = WireClient.connect(URI.create(chatUrl(sites)), sites.domain1())) {
            other.handshake();
            host.eval("KT.makePayload(70 * 1024)");
            assertNull(host.send("{text: KT.payload}"), host.why());
            host.awaitCount("error", 1);
            // The server closes with 1009; a browser still sending the rest of the message may see only 1006.
            Map<String, Object> dropped = host.events("error").get(0);
            assertEquals("TRANSMISSION_FAILED", dropped.get("code"), host.why());
            assertTrue(((String) dropped.get("message")).matches(".*dropped \\(code 10(09|06).*"), host.why());

            other.send(MessageKind.REQUEST, 1, "{\"op\":\"upper\",\"text\":\"still here\"}");
            assertTrue(other.expect(MessageKind.RESPONSE).body().contains("STILL HERE"));
            host.awaitCount("ready", 2);
            assertEquals("OK", ((Map<?, ?>) host.reply("{op: 'upper', text: 'ok'}")).get("text"), host.why());
        }
    }

    /** 100 Java clients of domain1's origin at once, while a page uses the same endpoint. */
    @BrowserTest(only = BrowserKind.HTMLUNIT, bundles = Bundle.TEAVM)
    void aHundredClientsAtOnce(Browser browser, DemoSites sites) throws Exception {
        HostPage host = connected(browser, sites);
        List<WireClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                clients.add(WireClient.connect(URI.create(chatUrl(sites)), sites.domain1()));
            }
            for (WireClient c : clients) {
                c.handshake();
            }
            for (int i = 0; i < 100; i++) {
                clients.get(i).send(MessageKind.MESSAGE, 0, "{\"text\":\"client " + i + "\"}");
            }
            for (int i = 0; i < 100; i++) {
                assertEquals("{\"text\":\"hello: client " + i + "\"}",
                        clients.get(i).expect(MessageKind.MESSAGE).body());
            }
            Map<?, ?> reply = (Map<?, ?>) host.reply("{op: 'upper', text: 'crowd'}");
            assertTrue(((Number) reply.get("clients")).intValue() >= 101, "sessions the server counts: " + reply);
        } finally {
            for (WireClient c : clients) {
                c.close();
            }
        }
    }

    /**
     * A page of domain3 is refused at the upgrade (403), and its channel fails at once with TRANSPORT_UNAVAILABLE
     * naming the origin. Real engines only: HtmlUnit's WebSocket sends no Origin header.
     */
    @BrowserTest(Browsers.REAL)
    void aPageOfAForeignOriginIsRefused(Browser browser, DemoSites sites) {
        browser.open(sites.domain3() + "/test/attacker.html");
        // The browser's own report of the refused upgrade names the URL, in its own words per engine.
        browser.expectConsoleErrors(chatUrl(sites));
        String bundle = sites.domain3() + "/kuayu/" + browser.bundle();
        browser.eval("(function () { var s = document.createElement('script'); s.src = " + js(bundle)
                + "; document.head.appendChild(s); return null; })()");
        browser.waitFor("typeof kuayu === 'object' && typeof kuayu.connect === 'function'", HostPage.BOUND);
        browser.eval("(function () { window.__kt = []; kuayu.connect({remote: " + js(chatUrl(sites))
                + ", transport: 'websocket', onReady: function () { window.__kt.push('ready'); },"
                + " onError: function (e) { window.__kt.push(e.code + ' ' + e.message); },"
                + " onClose: function () { window.__kt.push('close'); }}); return null; })()");
        browser.waitFor("window.__kt.length >= 2", HostPage.BOUND);
        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) browser.eval("window.__kt");
        assertEquals(2, seen.size(), seen.toString());
        assertTrue(seen.get(0).startsWith("TRANSPORT_UNAVAILABLE "), seen.toString());
        assertTrue(seen.get(0).contains("refused this page's origin " + sites.domain3()), seen.toString());
        assertEquals("close", seen.get(1));
    }
}
