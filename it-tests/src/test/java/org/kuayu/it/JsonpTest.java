package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/**
 * {@code kuayu.jsonp} from domain1 against domain2's JSONP endpoints ({@code /login} and the misbehaving ones under
 * {@code /test/jsonp/}): every outcome, and nothing left in the page afterwards.
 */
class JsonpTest {

    private static final Map<String, Object> NOTHING_LEFT = Map.of("scripts", 0L, "globals", List.of());

    private static Map<String, Object> call(HostPage host, String url, String options) {
        return host.awaitResult(((Number) host.eval("KT.jsonp(" + HostPage.js(url) + ", " + options + ")"))
                .intValue());
    }

    private static Object leftovers(HostPage host) {
        return host.eval("KT.jsonpLeftovers()");
    }

    @BrowserTest
    void theClassicLoginAnswersThroughThePromiseAndTheCallbacks(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        Map<String, Object> promise = call(host, sites.domain2() + "/login", "{params: {user: 'admin'}}");
        assertEquals(Map.of("state", "ok", "value", Map.of("status", true, "user", "admin")),
                Map.of("state", promise.get("state"), "value", promise.get("value")), host.why());

        int id = ((Number) host.eval("KT.jsonp(" + HostPage.js(sites.domain2() + "/login")
                + ", {params: {user: '管理员'}}, {callbacks: true})")).intValue();
        Map<String, Object> callbacks = host.awaitResult(id);
        assertEquals("ok", callbacks.get("state"), host.why());
        assertEquals(Map.of("status", true, "user", "管理员"), callbacks.get("value"), host.why());
        host.waitFor("KT.jsonpLeftovers().scripts === 0 && KT.jsonpLeftovers().globals.length === 0");
        assertEquals(NOTHING_LEFT, leftovers(host), host.why());
    }

    @BrowserTest
    void paramsArriveExactlyAsGiven(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        Map<String, Object> result = call(host, sites.domain2() + "/test/jsonp/echo?fixed=1",
                "{params: {text: 'a b&c=d#e+f%g', '名字': '跨域 😀', n: 2.5, yes: true}}");
        assertEquals(Map.of("params", Map.of("fixed", "1", "text", "a b&c=d#e+f%g", "名字", "跨域 😀", "n", "2.5",
                "yes", "true")), result.get("value"), host.why());
    }

    @BrowserTest
    void aMissingEndpointFailsAtOnceNotAtTheTimeout(Browser browser, DemoSites sites) {
        browser.expectConsoleErrors("/test/jsonp/nothing");
        browser.expectConsoleErrors("404");
        HostPage host = HostPage.open(browser, sites);
        // The timeout is far beyond the wait's bound: only the script's error event can settle the call in time.
        Map<String, Object> result = call(host, sites.domain2() + "/test/jsonp/nothing", "{timeout: 600000}");
        assertEquals("error", result.get("state"), host.why());
        assertEquals("TRANSMISSION_FAILED", result.get("code"), host.why());
        host.waitFor("KT.jsonpLeftovers().scripts === 0 && KT.jsonpLeftovers().globals.length === 0");
    }

    @BrowserTest
    void aServerThatIsDownFailsAtOnce(Browser browser, DemoSites sites) {
        String down = "http://127.0.0.1:" + closedPort() + "/login";
        browser.expectConsoleErrors(down);
        browser.expectConsoleErrors("ERR_CONNECTION_REFUSED");
        browser.expectConsoleErrors("Connection refused");
        HostPage host = HostPage.open(browser, sites);
        Map<String, Object> result = call(host, down, "{timeout: 600000}");
        assertEquals("TRANSMISSION_FAILED", result.get("code"), host.why());
        host.waitFor("KT.jsonpLeftovers().scripts === 0 && KT.jsonpLeftovers().globals.length === 0");
    }

    @BrowserTest
    void aScriptThatNeverCallsBackTimesOut(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        Map<String, Object> result = call(host, sites.domain2() + "/test/jsonp/silent", "{timeout: 500}");
        assertEquals("error", result.get("state"), host.why());
        assertEquals("TIMEOUT", result.get("code"), host.why());
        assertTrue(((String) result.get("message")).contains("500 ms"), host.why());
    }

    /** The reply comes after the timeout: absorbed by a stub that then deletes itself, with no page error. */
    @BrowserTest
    void aLateReplyIsAbsorbed(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        Map<String, Object> result = call(host, sites.domain2() + "/test/jsonp/slow",
                "{params: {delay: 1500}, timeout: 200}");
        assertEquals("TIMEOUT", result.get("code"), host.why());
        host.waitFor("KT.jsonpLeftovers().globals.length === 0");
        assertEquals(NOTHING_LEFT, leftovers(host), host.why());
        assertEquals(List.of(), host.events("pageerror"), host.why());
        assertEquals("error", ((Map<?, ?>) host.eval("KT.results[1]")).get("state"), "settled once: " + host.log());
    }

    @BrowserTest
    void aHundredCallsInParallelEachGetTheirOwnReply(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.eval("(function () { for (var i = 0; i < 100; i++) { KT.jsonp(" + HostPage.js(sites.domain2()
                + "/test/jsonp/echo") + ", {params: {i: i}}); } return null; })()");
        host.waitFor("KT.settled() === 100");
        Object wrong = host.eval("(function () { var wrong = []; for (var i = 0; i < 100; i++) {"
                + " var r = KT.results[i + 1]; if (r.state !== 'ok' || r.value.params.i !== String(i)) {"
                + " wrong.push(i + ': ' + KT.short(r, 200)); } } return wrong; })()");
        assertEquals(List.of(), wrong, host.why());
        host.waitFor("KT.jsonpLeftovers().scripts === 0 && KT.jsonpLeftovers().globals.length === 0");
    }

    @BrowserTest
    void badArgumentsThrowAtOnce(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        Object thrown = host.eval("(function () { var out = []; var calls = [function () { kuayu.jsonp(42); },"
                + " function () { kuayu.jsonp('/x', {params: {q: {nested: 1}}}); },"
                + " function () { kuayu.jsonp('/x', {timout: 5}); }];"
                + " for (var i = 0; i < calls.length; i++) { try { calls[i](); out.push('no throw'); }"
                + " catch (e) { out.push(e.name + ' ' + e.code); } } return out; })()");
        assertEquals(List.of("KuayuError INVALID_ARGUMENT", "KuayuError INVALID_ARGUMENT",
                "KuayuError INVALID_ARGUMENT"), thrown, host.why());
        assertEquals(NOTHING_LEFT, leftovers(host), host.why());
    }

    /** A loopback port nothing listens on (taken and released: a race with other processes is unlikely). */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
