package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.it.HostPage.js;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The demo's remote pages say who may frame them ({@code Content-Security-Policy: frame-ancestors}, the host site's
 * origin and their own), and Chromium keeps to it: the host site's page frames a remote page, which loads and runs
 * (domain2's says hello to its parent; child's takes the www page's channel); a third site's page frames the very
 * same URL, and the browser refuses it (the frame holds the browser's error page, not the remote page, and the
 * console says which directive refused it), while a page of the same remote site that sends no such header (a test
 * fixture) loads in that third site's frame, so what refuses is the header.
 *
 * <p>Real engines only: HtmlUnit does not enforce frame-ancestors as browsers do.
 */
class FrameAncestorsTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Records every message the top page gets: the remote's hello, if its script runs. */
    private static final String LISTEN = "(function () { window.ktMessages = [];"
            + " window.addEventListener('message', function (e) {"
            + "   window.ktMessages.push({origin: e.origin, data: String(e.data).substring(0, 40)}); });"
            + " return null; })()";

    @BrowserTest(value = Browsers.REAL, bundles = Bundle.TEAVM)
    void aThirdSiteCannotFrameDomain2sRemotePageWhileDomain1Can(Browser browser, DemoSites sites) throws Exception {
        String remote = sites.domain2() + "/postmessage-remote.html";

        browser.open(sites.domain1() + "/test/host.html");
        browser.eval(LISTEN);
        browser.eval("KT.addFrame('remote', " + js(remote) + ")");
        browser.waitFor("KT.count('frameload') >= 1", HostPage.BOUND);
        assertEquals("Kuayu demo — domain2: postMessage remote", browser.evalInFrame("remote", "document.title"));
        // kuayu.accept on the remote page says hello to its parent when the parent is an allowed origin.
        browser.waitFor("ktMessages.some(function (m) { return m.origin === " + js(sites.domain2())
                + " && m.data.indexOf('kuayu1|HEL|') === 0; })", HostPage.BOUND);

        refusedUnderDomain3(browser, sites, remote, sites.domain2());
        assertEquals(List.of("frame-ancestors " + sites.domain1() + " " + sites.domain2()), policyOf(remote));
    }

    @BrowserTest(value = Browsers.REAL, bundles = Bundle.TEAVM)
    void aThirdSiteCannotFrameChildsRemotePageWhileThePairsHostCan(Browser browser, DemoSites sites)
            throws Exception {
        String remote = sites.child() + "/document-domain-remote.html";

        // The pair's www page connects to it over document.domain, as the demo's own www page does.
        browser.open(sites.domain() + "/test/host.html");
        assertEquals(Boolean.TRUE, browser.eval("KT.connect({remote: " + js(remote) + ", transport: 'domain'})"));
        browser.waitFor("KT.count('ready') === 1", HostPage.BOUND);

        refusedUnderDomain3(browser, sites, remote, sites.child());
        assertEquals(List.of("frame-ancestors " + sites.domain() + " " + sites.child()), policyOf(remote));
    }

    /**
     * Opens domain3's page, frames the remote page and, as the control, a page of the same site without the header,
     * and checks the browser refused only the remote page.
     */
    private static void refusedUnderDomain3(Browser browser, DemoSites sites, String remote, String remoteSite) {
        browser.open(sites.domain3() + "/test/host.html");
        browser.eval(LISTEN);
        browser.eval("KT.addFrame('control', " + js(remoteSite + "/test/blank.html") + ")");
        browser.eval("KT.addFrame('remote', " + js(remote) + ")");
        browser.waitFor("KT.count('frameload') >= 2", HostPage.BOUND);

        assertEquals("Kuayu test page without Kuayu", browser.evalInFrame("control", "document.title"),
                "a page of " + remoteSite + " without frame-ancestors loads in domain3's frame");
        // The refused frame holds the engine's own page, never the remote's document or script: Chromium its error
        // page (chrome-error:), Firefox its "Blocked Page" at the remote's address, WebKit an empty document there.
        String shown = String.valueOf(browser.evalInFrame("remote", "location.href + ' ' + document.title"));
        assertTrue(!shown.contains("Kuayu demo"), "domain3's frame shows the remote page: " + shown);
        if (browser.kind() == BrowserKind.CHROMIUM) {
            assertTrue(shown.startsWith("chrome-error:"), "Chromium's error page: " + shown);
            // Firefox reports the refusal as a warning, WebKitWebDriver reports nothing: only Chromium says why here.
            List<String> errors = browser.consoleErrors();
            assertTrue(errors.stream().anyMatch(e -> e.contains("frame-ancestors") && e.contains(remoteSite)),
                    "the browser says why it refused the frame: " + errors);
        }
        browser.expectConsoleErrors("frame-ancestors");
        assertEquals(List.of(), browser.eval("ktMessages.filter(function (m) { return m.origin === "
                + js(remoteSite) + "; })"), "nothing from the refused page");
    }

    private static List<String> policyOf(String url) throws IOException, InterruptedException {
        HttpResponse<Void> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, answer.statusCode(), url);
        return answer.headers().allValues("Content-Security-Policy");
    }
}
