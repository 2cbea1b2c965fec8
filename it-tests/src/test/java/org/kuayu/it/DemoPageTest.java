package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/**
 * Smoke test of the demo a person tries first: domain1's {@code /postmessage.html} with domain2's page in its
 * frame {@code #remote}. Both pages have the same element ids ({@code status}, {@code text}, {@code request},
 * {@code reply}, {@code log}).
 */
class DemoPageTest {

    /** True once an item of the page's {@code #log} matches this JavaScript regular expression. */
    static String logShows(String regex) {
        return "(function () { var items = document.querySelectorAll('#log li');"
                + " for (var i = 0; i < items.length; i++) {"
                + "   if (" + regex + ".test(items[i].textContent)) { return true; } }"
                + " return false; })()";
    }

    @BrowserTest(bundles = Bundle.TEAVM)
    void requestButtonGetsReplyInTheLog(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/postmessage.html");
        browser.waitFor("document.getElementById('status').textContent === 'ready'", HostPage.BOUND);

        browser.click("request");
        browser.waitFor("/domain2 got/.test(document.getElementById('reply').textContent)", HostPage.BOUND);
        browser.waitFor(logShows("/reply .*domain2 got/"), HostPage.BOUND);

        String reply = String.valueOf(browser.eval("document.getElementById('reply').textContent"));
        assertTrue(reply.contains("{\\\"text\\\":\\\"hi\\\"}"), "the reply names the request: " + reply);
        // The classic way next to it: JSON text posted to domain2's classic page, which adds a number.
        browser.waitFor("!document.getElementById('raw-call').disabled", HostPage.BOUND);
        browser.click("raw-call");
        browser.waitFor("document.getElementById('raw-reply').textContent === '{\"name\":\"aym\",\"number\":16}'",
                HostPage.BOUND);
    }

    /** The other way: the user clicks "Send request" in domain2's page, inside domain1's page; domain1 replies. */
    @BrowserTest(bundles = Bundle.TEAVM)
    void requestButtonOfTheRemotePageGetsReplyFromDomain1(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/postmessage.html");
        browser.waitFor("document.getElementById('status').textContent === 'ready'", HostPage.BOUND);
        browser.waitForInFrame("remote", "document.getElementById('status').textContent === 'ready'",
                HostPage.BOUND);

        browser.clickInFrame("remote", "request");
        browser.waitForInFrame("remote", "/domain1 got/.test(document.getElementById('reply').textContent)",
                HostPage.BOUND);
        String reply = String.valueOf(browser.evalInFrame("remote", "document.getElementById('reply').textContent"));
        assertTrue(reply.contains("domain1 got {\\\"text\\\":\\\"hello from domain2\\\"}"),
                "the reply names the request: " + reply);
        browser.waitForInFrame("remote", logShows("/reply .*domain1 got/"), HostPage.BOUND);

        String from = sites.domain2().replace(".", "\\.").replace("/", "\\/");
        browser.waitFor(logShows("/" + from + ": request \\{\"text\":\"hello from domain2\"\\}/"), HostPage.BOUND);
        browser.waitFor(logShows("/→ domain2: reply .*domain1 got/"), HostPage.BOUND);
    }

    /** The page whose script is a Java program compiled by TeaVM, using CrossDomainChannel without kuayu.js. */
    @BrowserTest(bundles = Bundle.TEAVM)
    void javaPageCompiledByTeaVmTalksToDomain2(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/java-app/");
        browser.waitFor("document.getElementById('status').textContent === 'ready'", HostPage.BOUND);
        assertTrue(String.valueOf(browser.eval("typeof kuayu")).equals("undefined"), "no kuayu.js on this page");

        browser.click("request");
        browser.waitFor("/domain2 got/.test(document.getElementById('reply').textContent)", HostPage.BOUND);
        String reply = String.valueOf(browser.eval("document.getElementById('reply').textContent"));
        assertTrue(reply.contains("domain2 got {\"from\":\"Java\",\"n\":1}"), "the reply names the request: " + reply);

        browser.click("jsonp");
        browser.waitFor("/java/.test(document.getElementById('jsonp-reply').textContent)", HostPage.BOUND);
        assertTrue(String.valueOf(browser.eval("document.getElementById('jsonp-reply').textContent"))
                .equals("{\"status\":true,\"user\":\"java\"}"), browser.pageLog());
        assertTrue(Boolean.TRUE.equals(browser.eval("(function () { for (var k in window) {"
                + " if (k.indexOf('__kuayu_jsonp_') === 0 && window[k] !== undefined) { return false; } }"
                + " return document.querySelectorAll('script[src*=__kuayu_jsonp_]').length === 0; })()")),
                "the JSONP call left nothing: " + browser.pageLog());
    }

    /**
     * The GWT twin of the page above: a GWT application (inheriting org.kuayu.Kuayu, sso linker) that uses
     * CrossDomainChannel through GwtPlatform. It loads neither bundle, so the bundle dimension does not matter.
     */
    @BrowserTest(bundles = Bundle.TEAVM)
    void gwtPageCompiledByGwtTalksToDomain2(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/gwt-app/");
        browser.waitFor("document.getElementById('status').textContent === 'ready'", HostPage.BOUND);
        assertTrue(String.valueOf(browser.eval("typeof kuayu")).equals("undefined"), "no kuayu bundle on this page");

        browser.click("request");
        browser.waitFor("/domain2 got/.test(document.getElementById('reply').textContent)", HostPage.BOUND);
        String reply = String.valueOf(browser.eval("document.getElementById('reply').textContent"));
        assertTrue(reply.contains("domain2 got {\"from\":\"GWT\",\"n\":1}"), "the reply names the request: " + reply);
        browser.waitFor(logShows("/reply .*domain2 got/"), HostPage.BOUND);
    }

    /**
     * The document.domain page of the www site: the classic way (direct calls both ways between this page and the
     * child page in {@code #raw-frame}) and Kuayu's ({@code transport: "domain"} to the page in {@code #remote}).
     */
    @BrowserTest(bundles = Bundle.TEAVM)
    void documentDomainPageCallsTheChildBothWays(Browser browser, DemoSites sites) {
        browser.open(sites.domain() + "/document-domain.html");
        browser.waitFor("document.getElementById('status').textContent === 'ready'", HostPage.BOUND);
        browser.waitFor("document.getElementById('raw-status').textContent === 'ready'", HostPage.BOUND);
        assertTrue(String.valueOf(browser.eval("document.getElementById('domain-status').textContent"))
                .equals("domain.localhost"), browser.pageLog());
        browser.waitFor(logShows("/ready: " + regex(sites.child()) + " over domain/"), HostPage.BOUND);

        // The classic way, from this page and from the child page.
        browser.click("raw-call");
        browser.waitFor("document.getElementById('raw-reply').textContent === 'child got \"hi\"'", HostPage.BOUND);
        browser.clickInFrame("raw-frame", "call");
        browser.waitForInFrame("raw-frame",
                "document.getElementById('reply').textContent === 'www got \"hello from child\"'", HostPage.BOUND);
        browser.waitFor(logShows("/← child \\(classic\\): \"hello from child\"/"), HostPage.BOUND);

        // Kuayu, both ways.
        browser.click("request");
        browser.waitFor("/child got/.test(document.getElementById('reply').textContent)", HostPage.BOUND);
        String reply = String.valueOf(browser.eval("document.getElementById('reply').textContent"));
        assertTrue(reply.contains("child got {\\\"text\\\":\\\"hi\\\"}"), "the reply names the request: " + reply);
        browser.waitForInFrame("remote", "document.getElementById('status').textContent === 'ready'",
                HostPage.BOUND);
        browser.clickInFrame("remote", "request");
        browser.waitForInFrame("remote", "/www got/.test(document.getElementById('reply').textContent)",
                HostPage.BOUND);
        browser.waitFor(logShows("/" + regex(sites.child()) + ": request \\{\"text\":\"hello from child\"\\}/"),
                HostPage.BOUND);
    }

    /**
     * Served without the opt-out (?oac=1), the page says in plain words that the browser ignored its setter (Chromium,
     * Firefox). WebKit honours the setter without the header: there the page connects.
     */
    @BrowserTest(value = Browsers.REAL, bundles = Bundle.TEAVM)
    void documentDomainPageWithoutTheHeaderSaysTheSetterWasIgnored(Browser browser, DemoSites sites) {
        browser.open(sites.domain() + "/document-domain.html?oac=1");
        if (browser.kind() == BrowserKind.WEBKIT) {
            browser.waitFor("document.getElementById('status').textContent === 'ready'", HostPage.BOUND);
            assertTrue(!String.valueOf(browser.eval("document.getElementById('domain-status').textContent"))
                    .contains("ignored"), browser.pageLog());
            return;
        }
        browser.waitFor("document.getElementById('status').textContent === 'failed'", HostPage.BOUND);
        browser.waitFor("document.getElementById('raw-status').textContent === 'failed'", HostPage.BOUND);
        assertTrue(String.valueOf(browser.eval("document.getElementById('domain-status').textContent"))
                .startsWith("www.domain.localhost (the setter was ignored)"), browser.pageLog());
        browser.waitFor(logShows("/the browser ignored document\\.domain = 'domain\\.localhost'.*"
                + "Origin-Agent-Cluster: \\?0/"), HostPage.BOUND);
        browser.waitFor(logShows("/classic: this page cannot script the child page \\(SecurityError/"),
                HostPage.BOUND);
        browser.waitFor(logShows("/TRANSPORT_UNAVAILABLE .*ignored document\\.domain.*Origin-Agent-Cluster: \\?0/"),
                HostPage.BOUND);
    }

    /**
     * The location.hash page: the classic a, b, c pages (this page writes domain2's fragment, domain2 answers through
     * domain1's page in its own frame) and Kuayu's {@code transport: "hash"} to the page in {@code #remote}.
     */
    @BrowserTest(bundles = Bundle.TEAVM)
    void locationHashPageAnswersBothWays(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/location-hash.html");
        browser.waitFor("document.getElementById('status').textContent === 'ready'", HostPage.BOUND);
        browser.waitFor(logShows("/ready: " + regex(sites.domain2()) + " over hash/"), HostPage.BOUND);

        browser.click("raw-call");
        browser.waitFor("document.getElementById('raw-reply').textContent === 'domain2 got user=admin'",
                HostPage.BOUND);
        browser.waitFor(logShows("/← domain2 \\(classic, through domain1's proxy page\\)/"), HostPage.BOUND);

        browser.click("request");
        browser.waitFor("/domain2 got/.test(document.getElementById('reply').textContent)", HostPage.BOUND);
        browser.waitForInFrame("remote", "document.getElementById('status').textContent === 'ready'",
                HostPage.BOUND);
        browser.clickInFrame("remote", "request");
        browser.waitForInFrame("remote", "/domain1 got/.test(document.getElementById('reply').textContent)",
                HostPage.BOUND);
    }

    /**
     * The window.name page: the classic flow (domain2's page sets the name, the frame comes home, the name is read)
     * and Kuayu's {@code transport: "name"}, both ways.
     */
    @BrowserTest(bundles = Bundle.TEAVM)
    void windowNamePageAnswersBothWays(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/window-name.html");
        browser.waitFor("document.getElementById('status').textContent === 'ready'", HostPage.BOUND);
        browser.waitFor(logShows("/ready: " + regex(sites.domain2()) + " over name/"), HostPage.BOUND);

        browser.click("raw-call");
        browser.waitFor("/domain2 got user=admin/.test(document.getElementById('raw-reply').textContent)",
                HostPage.BOUND);
        browser.click("request");
        browser.waitFor("/domain2 got/.test(document.getElementById('reply').textContent)", HostPage.BOUND);
        String reply = String.valueOf(browser.eval("document.getElementById('reply').textContent"));
        assertTrue(reply.contains("domain2 got {\\\"text\\\":\\\"hi\\\"}"),
                "the reply names the request: " + reply);
        // The classic frame is gone and so are Kuayu's messenger frames: one hidden remote frame is left.
        browser.waitFor("document.getElementsByTagName('iframe').length === 1", HostPage.BOUND);
    }

    /**
     * The same-origin page: every URL of the classic table is tried for real, and the browser's verdict agrees with
     * Kuayu's on each. Real engines only: HtmlUnit lets a page read every frame, whatever its origin.
     */
    @BrowserTest(value = Browsers.REAL, bundles = Bundle.TEAVM)
    void theSameOriginPageAgreesWithTheBrowserOnEveryUrl(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/same-origin.html");
        browser.waitFor("/status-(ready|failed)/.test(document.getElementById('summary').className)",
                HostPage.BOUND);
        assertEquals("Kuayu agrees with the browser on all 6 URLs tried",
                browser.eval("document.getElementById('summary').textContent"), browser.pageLog());
        assertEquals(List.of("same origin", "same origin", "another origin", "not tried", "another origin",
                "another origin", "another origin"), browser.eval("(function () { var r = [];"
                + " var rows = document.querySelectorAll('#rows tr');"
                + " for (var i = 0; i < rows.length; i++) { r.push(rows[i].cells[2].textContent.replace(/:.*$/, '')); }"
                + " return r; })()"));
    }

    /** A string as a JavaScript regular expression that matches it literally (between slashes). */
    static String regex(String text) {
        return text.replaceAll("[.?*+^$()\\[\\]{}|/\\\\]", "\\\\$0");
    }

    /** The JSONP page: the classic script tag and kuayu.jsonp log in to domain2, and a missing endpoint is told. */
    @BrowserTest(bundles = Bundle.TEAVM)
    void jsonpPageLogsInBothWaysAndReportsAMissingEndpoint(Browser browser, DemoSites sites) {
        browser.expectConsoleErrors("/jsonp/missing");
        browser.expectConsoleErrors("404");
        browser.open(sites.domain1() + "/jsonp.html");
        browser.waitFor(logShows("/ready/"), HostPage.BOUND);

        browser.click("classic");
        browser.waitFor(logShows("/\\(classic\\): onBack\\(\\{\"status\":true,\"user\":\"admin\"\\}\\)/"),
                HostPage.BOUND);
        browser.click("kuayu");
        browser.waitFor(logShows("/\\(kuayu\\.jsonp\\): \\{\"status\":true,\"user\":\"admin\"\\}/"),
                HostPage.BOUND);
        browser.click("kuayu-missing");
        browser.waitFor(logShows("/kuayu\\.jsonp: TRANSMISSION_FAILED/"), HostPage.BOUND);
        // Only the classic onBack is left.
        browser.waitFor("document.getElementById('leftovers').textContent === '1'", HostPage.BOUND);
    }

    /**
     * The WebSocket page: the raw {@code new WebSocket} and Kuayu's {@code transport: "websocket"} both chat with
     * domain2's server, which answers "hello: ..."; a request comes back in capitals.
     */
    @BrowserTest(bundles = Bundle.TEAVM)
    void websocketPageChatsWithDomain2BothWays(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/websocket.html");
        browser.waitFor("document.getElementById('raw-state').textContent === 'open'", HostPage.BOUND);
        browser.waitFor("document.getElementById('kuayu-state').textContent === 'ready'", HostPage.BOUND);
        browser.waitFor(logShows("/kuayu: channel ready with " + regex(sites.domain2()) + " over websocket/"),
                HostPage.BOUND);

        browser.click("raw-send");
        browser.waitFor("document.getElementById('reply').textContent === 'hello: 你好, domain2'", HostPage.BOUND);
        browser.waitFor(logShows("/\\(raw\\): hello: 你好, domain2/"), HostPage.BOUND);
        browser.click("kuayu-send");
        browser.waitFor(logShows("/\\(kuayu message\\): \\{\"text\":\"hello: 你好, domain2\"\\}/"),
                HostPage.BOUND);
        browser.click("kuayu-request");
        browser.waitFor("document.getElementById('reply').textContent === '你好, DOMAIN2'", HostPage.BOUND);
    }
}
