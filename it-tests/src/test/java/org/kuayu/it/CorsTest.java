package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

/**
 * The CORS row: domain1's {@code /cors.html} reading domain2's {@code /api/cors/} (a simple request, a preflighted
 * {@code PUT} with a custom header, a refused preflight, a credentialed login whose cookie a browser drops between
 * two sites), the same-site pair's {@code /cors-credentials.html} that keeps it, and a third site that may read
 * nothing. The browser enforces CORS, so the refusals are proven in the real engines.
 */
class CorsTest {

    private static final String SIMPLE = "document.getElementById('simple-reply').textContent";
    private static final String PREFLIGHT = "document.getElementById('preflight-reply').textContent";
    private static final String CREDENTIALS = "document.getElementById('credentials-reply').textContent";

    @BrowserTest(bundles = Bundle.TEAVM)
    void aSimpleAndAPreflightedRequestAreRead(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/cors.html");
        browser.waitFor(DemoPageTest.logShows("/ready/"), HostPage.BOUND);

        browser.click("simple");
        browser.waitFor(SIMPLE + ".indexOf('domain2') >= 0", HostPage.BOUND);
        assertEquals(Map.of("site", "domain2", "method", "GET", "origin", sites.domain1()),
                browser.eval("JSON.parse(" + SIMPLE + ")"), browser.pageLog());
        browser.waitFor(DemoPageTest.logShows("/exposed header X-Kuayu-Api: hello/"), HostPage.BOUND);

        browser.click("preflight");
        browser.waitFor(PREFLIGHT + ".indexOf('PUT') >= 0", HostPage.BOUND);
        assertEquals(Map.of("method", "PUT", "customHeader", "value", "body", "hello from domain1"),
                browser.eval("JSON.parse(" + PREFLIGHT + ")"), browser.pageLog());
    }

    @BrowserTest(value = Browsers.REAL, bundles = Bundle.TEAVM)
    void aPreflightForAHeaderThePolicyDoesNotListIsRefused(Browser browser, DemoSites sites) {
        browser.expectConsoleErrors("blocked by CORS policy");
        browser.expectConsoleErrors("net::ERR_FAILED");
        browser.expectConsoleErrors("Cross-Origin Request Blocked"); // Firefox's words
        browser.open(sites.domain1() + "/cors.html");
        browser.waitFor(DemoPageTest.logShows("/ready/"), HostPage.BOUND);

        browser.click("refused");
        browser.waitFor(PREFLIGHT + " === 'refused by the browser'", HostPage.BOUND);
        browser.waitFor(DemoPageTest.logShows("/does not allow the header X-Not-Allowed/"), HostPage.BOUND);
    }

    /**
     * Two sites: the login answer is readable (credentials allowed) but Chromium and WebKit drop its third-party
     * cookie. Firefox keeps it in domain1's partition (Total Cookie Protection) and sends it back on the next request
     * from domain1's page.
     */
    @BrowserTest(value = Browsers.REAL, bundles = Bundle.TEAVM)
    void aCredentialedLoginToAnotherSiteIsReadButItsCookieIsDropped(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/cors.html");
        browser.waitFor(DemoPageTest.logShows("/ready/"), HostPage.BOUND);

        browser.click("login");
        browser.waitFor(CREDENTIALS + ".indexOf('\"status\": true') >= 0", HostPage.BOUND);
        browser.eval("(function () { document.getElementById('credentials-reply').textContent = ''; return null; })()");
        browser.click("whoami");
        browser.waitFor(CREDENTIALS + ".indexOf('loggedIn') >= 0", HostPage.BOUND);
        if (browser.kind() == BrowserKind.FIREFOX) {
            Map<?, ?> answer = (Map<?, ?>) browser.eval("JSON.parse(" + CREDENTIALS + ")");
            assertEquals(true, answer.get("loggedIn"), browser.pageLog());
            assertTrue(String.valueOf(answer.get("cookie")).contains("user=admin"), browser.pageLog());
            return;
        }
        assertEquals(Map.of("site", "domain2", "loggedIn", false), withoutNull(browser.eval("JSON.parse(" + CREDENTIALS
                + ")")), browser.pageLog());
        browser.waitFor(DemoPageTest.logShows("/no cookie reached domain2/"), HostPage.BOUND);
    }

    /** One site, two origins: the same flow keeps the cookie, and the next request carries it. */
    // WebKit: after the login (answer read, "status": true) the next credentialed whoami shows {"cookie": null,
    // "loggedIn": false}: WebKitGTK's MiniBrowser does not send child.domain.localhost's cookie from
    // www.domain.localhost's page. Not a Kuayu bug (plain XHR with credentials); which cookie rule it is, is open.
    @BrowserTest(except = BrowserKind.WEBKIT, bundles = Bundle.TEAVM)
    void aCredentialedLoginWithinOneSiteKeepsItsCookie(Browser browser, DemoSites sites) {
        browser.open(sites.domain() + "/cors-credentials.html");
        browser.waitFor(DemoPageTest.logShows("/ready/"), HostPage.BOUND);
        String reply = "document.getElementById('reply').textContent";

        browser.click("logout");
        browser.waitFor(reply + ".indexOf('\"status\": true') >= 0", HostPage.BOUND);
        browser.click("whoami");
        browser.waitFor(reply + ".indexOf('\"loggedIn\": false') >= 0", HostPage.BOUND);
        browser.click("login");
        browser.waitFor(reply + ".indexOf('\"user\": \"admin\"') >= 0", HostPage.BOUND);
        browser.click("whoami");
        browser.waitFor(reply + ".indexOf('\"loggedIn\": true') >= 0", HostPage.BOUND);
        String whoami = String.valueOf(browser.eval(reply));
        assertTrue(whoami.contains("l=a123456") && whoami.contains("user=admin"), whoami);
        assertTrue(whoami.contains("\"site\": \"child\""), whoami);
    }

    /** A third site's page asks domain2's API: the request goes, but the page cannot read the answer. */
    @BrowserTest(value = Browsers.REAL, bundles = Bundle.TEAVM)
    void anotherSiteCannotReadTheApi(Browser browser, DemoSites sites) {
        browser.expectConsoleErrors("blocked by CORS policy");
        browser.expectConsoleErrors("net::ERR_FAILED");
        browser.expectConsoleErrors("Cross-Origin Request Blocked"); // Firefox's words
        browser.open(sites.domain3() + "/");
        browser.eval("(function () { window.outcome = null; var xhr = new XMLHttpRequest();"
                + " xhr.open('GET', " + HostPage.js(sites.domain2() + "/api/cors/hello") + ", true);"
                + " xhr.onload = function () { window.outcome = 'read: ' + xhr.responseText; };"
                + " xhr.onerror = function () { window.outcome = 'refused, status ' + xhr.status; };"
                + " xhr.send(); return null; })()");
        browser.waitFor("window.outcome !== null", HostPage.BOUND);
        assertEquals("refused, status 0", browser.eval("window.outcome"));
    }

    private static Map<?, ?> withoutNull(Object json) {
        Map<?, ?> map = (Map<?, ?>) json;
        assertEquals(null, map.get("cookie"), "domain2 got no Cookie header: " + map);
        return Map.of("site", map.get("site"), "loggedIn", map.get("loggedIn"));
    }
}
