package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

/**
 * The {@code kuayu} folder as sites use it: copied under any path ({@code /static/vendor/kuayu/} here), loaded as
 * the ES module {@code kuayu.mjs}, and used by a page under a strict Content-Security-Policy.
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

    /** The policy is enforced by Chromium only; HtmlUnit shows the page's script works from the copied folder. */
    @BrowserTest(bundles = Bundle.TEAVM)
    void aPageUnderStrictCspTalksAcrossOrigins(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/test/csp-host.html");
        browser.waitFor("!!window.RESULT", HostPage.BOUND);
        assertEquals(Map.of("transport", "postMessage", "reply", Map.of("echo", Map.of("via", "csp"))),
                browser.eval("window.RESULT"));
    }
}
