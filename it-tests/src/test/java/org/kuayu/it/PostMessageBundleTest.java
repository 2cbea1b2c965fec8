package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.it.HostPage.js;

import java.util.List;
import java.util.Map;

/**
 * {@code kuayu-pm.js}, the postMessage-only build, on both pages: the same channel as {@code kuayu.js}, without
 * {@code kuayu.jsonp} and the iframe transports, which it refuses by name.
 */
class PostMessageBundleTest {

    @BrowserTest(bundles = Bundle.POST_MESSAGE_ONLY)
    void itTalksBothWaysOverPostMessage(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        assertEquals("pm", host.eval("KT.bundle"));
        assertEquals(List.of("accept:function", "connect:function", "origin:function", "version:string"),
                host.eval("(function (o) {"
                + " var keys = [], k; for (k in o) { keys.push(k + ':' + typeof o[k]); } return keys.sort(); })(kuayu)"));
        host.connectAndAwaitReady("echo");
        assertEquals(Map.of("ready", true, "state", "ready", "transport", "postMessage", "origin", sites.domain2()),
                host.state(), host.why());
        assertEquals(Map.of("echo", Map.of("n", 1L)), host.reply("{n: 1}"), host.why());
        assertEquals(Map.of("sent", true), host.reply("{cmd: 'send', data: {from: 'remote'}}"), host.why());
        host.awaitCount("message", 1);
        assertEquals(Map.of("from", "remote"), host.events("message").get(0).get("data"), host.why());
        assertEquals(List.of("connect", "ready", "message"), host.eventTypes(), host.why());
    }

    @BrowserTest(bundles = Bundle.POST_MESSAGE_ONLY)
    void otherTransportsAreRefusedWithTheBundleThatHasThem(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        String remote = js(host.remoteUrl("echo"));
        for (String transport : List.of("name", "hash", "domain")) {
            host.eval("KT.connect({remote: " + remote + ", transport: " + js(transport) + "})");
        }
        host.eval("KT.connect({remote: " + remote + ", transport: 'pigeon'})");
        List<Map<String, Object>> thrown = host.events("thrown");
        assertEquals(4, thrown.size(), host.why());
        for (int i = 0; i < 3; i++) {
            assertEquals("INVALID_ARGUMENT", thrown.get(i).get("code"), host.why());
            assertTrue(String.valueOf(thrown.get(i).get("message")).endsWith("is not in kuayu-pm.js, which has"
                    + " postMessage only: load kuayu.js"), host.why());
        }
        assertEquals("transport must be \"auto\" or \"postMessage\" (kuayu-pm.js has postMessage only)",
                thrown.get(3).get("message"), host.why());
        assertEquals(0L, host.iframes(), host.why());
    }
}
