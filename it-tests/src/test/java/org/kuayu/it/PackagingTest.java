package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

/**
 * The {@code kuayu} folder as sites use it: copied under any path ({@code /static/vendor/kuayu/} here), loaded as
 * the ES module {@code kuayu.mjs}, used by a page under a strict Content-Security-Policy, and holding the GWT build
 * {@code kuayu-gwt.js} (from its own jar) next to {@code kuayu.js}.
 */
class PackagingTest {

    /** Only the real engines run ES modules (HtmlUnit never does). */
    @BrowserTest(value = Browsers.REAL, bundles = Bundle.TEAVM)
    void theModuleBuildWorksFromACopiedFolder(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/test/module-host.html");
        browser.waitFor("!!window.RESULT", HostPage.BOUND);
        // The release in org.kuayu.core.Kuayu.VERSION (kuayu-core is not on this module's class path).
        assertEquals(Map.of("sameApi", true, "version", "0.1.0",
                "transport", "postMessage", "reply", Map.of("echo", Map.of("via", "module"))),
                browser.eval("window.RESULT"));
    }

    /**
     * {@code kuayu-gwt.js} comes from the kuayu-gwt jar, {@code kuayu.js} from kuayu-teavm: both are served from the
     * one {@code /kuayu/} folder, as JavaScript, and a page with either has the same API: the same members of
     * {@code kuayu} and of a channel, with the same types.
     */
    @BrowserTest
    void bothBundlesAreServedAndGiveTheSameApi(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        browser.eval("(function () { var xhr = new XMLHttpRequest();"
                + " xhr.onload = function () { window.SERVED = {status: xhr.status,"
                + "   type: xhr.getResponseHeader('Content-Type'), banner: xhr.responseText.indexOf('/*! Kuayu ') === 0};"
                + " };"
                + " xhr.open('GET', " + HostPage.js("/kuayu/" + browser.bundle()) + "); xhr.send(); return true; })()");
        browser.waitFor("!!window.SERVED", HostPage.BOUND);
        assertEquals(Map.of("status", 200L, "type", "text/javascript;charset=utf-8", "banner", true),
                browser.eval("window.SERVED"));

        host.connect("{remote: " + HostPage.js(host.remoteUrl("echo")) + "}");
        host.awaitCount("ready", 1);
        String shape = "(function (o) { var keys = [], k; for (k in o) { keys.push(k + ':' + typeof o[k]); }"
                + " return keys.sort(); })";
        assertEquals(List.of("accept:function", "connect:function", "jsonp:function", "origin:function",
                "version:string"),
                browser.eval(shape + "(kuayu)"), host.why());
        assertEquals(List.of("close:function", "origin:string", "ready:boolean", "request:function",
                "send:function", "state:string", "transport:string"), browser.eval("(function (o) {"
                + " return ['close', 'origin', 'ready', 'request', 'send', 'state', 'transport'].map(function (k) {"
                + " return k + ':' + typeof o[k]; }); })(KT.channel)"), host.why());
        assertEquals("0.1.0", browser.eval("kuayu.version"));
    }

    /** The real engines enforce the policy; HtmlUnit shows the page's script works from the copied folder. */
    @BrowserTest
    void aPageUnderStrictCspTalksAcrossOrigins(Browser browser, DemoSites sites) {
        browser.open(browser.bundle().select(sites.domain1() + "/test/csp-host.html"));
        assertEquals("/static/vendor/kuayu/" + browser.bundle(), browser.eval("document.querySelector("
                + "'script[src^=\"/static/vendor/kuayu/\"]').getAttribute('src')"));
        browser.waitFor("!!window.RESULT", HostPage.BOUND);
        assertEquals(Map.of("transport", "postMessage", "reply", Map.of("echo", Map.of("via", "csp"))),
                browser.eval("window.RESULT"));
    }
}
