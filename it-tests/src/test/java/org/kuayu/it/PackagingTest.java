package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

/**
 * The {@code kuayu} folder as sites use it: copied under any path ({@code /static/vendor/kuayu/} here), loaded as
 * the ES module {@code kuayu.mjs}, used by a page under a strict Content-Security-Policy, and holding the GWT build
 * {@code kuayu-gwt.js} (from its own jar) next to {@code kuayu.js}.
 */
class PackagingTest {

    /** Only Chromium runs ES modules (HtmlUnit never does). */
    @BrowserTest(value = BrowserKind.CHROMIUM, bundles = Bundle.TEAVM)
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
     * one {@code /kuayu/} folder, as JavaScript. Loaded into a page that already has {@code kuayu.js}, the GWT build
     * runs without an error and leaves the page's {@code kuayu} alone.
     */
    @BrowserTest
    void theGwtBuildIsServedNextToKuayuJs(Browser browser, DemoSites sites) {
        HostPage.open(browser, sites);
        browser.eval("(function () {"
                + " var xhr = new XMLHttpRequest();"
                + " xhr.onload = function () {"
                + "   var served = {status: xhr.status, type: xhr.getResponseHeader('Content-Type'),"
                + "     banner: xhr.responseText.indexOf('/*! Kuayu ') === 0};"
                + "   var script = document.createElement('script');"
                + "   script.onload = function () {"
                + "     served.loaderRan = 'kuayugwt' in window;"
                + "     served.kuayuIntact = typeof kuayu === 'object' && typeof kuayu.connect === 'function';"
                + "     window.RESULT = served;"
                + "   };"
                + "   script.src = '/kuayu/kuayu-gwt.js';"
                + "   document.head.appendChild(script);"
                + " };"
                + " xhr.open('GET', '/kuayu/kuayu-gwt.js');"
                + " xhr.send();"
                + " return true; })()");
        browser.waitFor("!!window.RESULT", HostPage.BOUND);
        assertEquals(Map.of("status", 200L, "type", "text/javascript;charset=utf-8", "banner", true,
                "loaderRan", true, "kuayuIntact", true), browser.eval("window.RESULT"));
    }

    /** The policy is enforced by Chromium only; HtmlUnit shows the page's script works from the copied folder. */
    @BrowserTest(bundles = Bundle.TEAVM)
    void aPageUnderStrictCspTalksAcrossOrigins(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/test/csp-host.html");
        browser.waitFor("!!window.RESULT", HostPage.BOUND);
        assertEquals(Map.of("transport", "postMessage", "reply", Map.of("echo", Map.of("via", "csp"))),
                browser.eval("window.RESULT"));
    }
}
