package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;

import org.kuayu.demo.Site;

/** The demo's home page tells the ports the demo was started with, not the defaults (the tests use free ports). */
class DemoHomePageTest {

    @BrowserTest(bundles = Bundle.TEAVM)
    void theHomePageNamesThePortOfTheProxyItWasStartedWith(Browser browser, DemoSites sites) {
        String port = String.valueOf(URI.create(sites.origin(Site.PROXY)).getPort());
        assertNotEquals(String.valueOf(Site.PROXY.defaultPort()), port, "the test's demo runs on free ports");

        browser.open(sites.domain1() + "/");
        browser.waitFor("(function () { var spans = document.querySelectorAll('.proxy-port');"
            + " for (var i = 0; i < spans.length; i++) { if (spans[i].textContent !== '" + port + "') { return false; } }"
            + " return spans.length === 2; })()", HostPage.BOUND);

        assertEquals(2L, ((Number) browser.eval("document.querySelectorAll('.proxy-port').length")).longValue());
    }
}
