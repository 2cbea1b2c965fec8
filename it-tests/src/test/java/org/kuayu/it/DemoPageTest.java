package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Smoke test of the demo a person tries first: domain1's {@code /postmessage.html} with domain2's page in its
 * frame. Its element ids ({@code status}, {@code request}, {@code reply}, {@code log}) are the demo page's.
 */
class DemoPageTest {

    @BrowserTest
    void requestButtonGetsReplyInTheLog(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/postmessage.html");
        browser.waitFor("document.getElementById('status').textContent === 'ready'", HostPage.BOUND);

        browser.click("request");
        browser.waitFor("/domain2 got/.test(document.getElementById('reply').textContent)", HostPage.BOUND);
        browser.waitFor("(function () { var items = document.querySelectorAll('#log li');"
                + " for (var i = 0; i < items.length; i++) {"
                + "   if (/reply .*domain2 got/.test(items[i].textContent)) { return true; } }"
                + " return false; })()", HostPage.BOUND);

        String reply = String.valueOf(browser.eval("document.getElementById('reply').textContent"));
        assertTrue(reply.contains("{\\\"text\\\":\\\"hi\\\"}"), "the reply names the request: " + reply);
    }

    /** The page whose script is a Java program compiled by TeaVM, using CrossDomainChannel without kuayu.js. */
    @BrowserTest
    void javaPageCompiledByTeaVmTalksToDomain2(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/java-app/");
        browser.waitFor("document.getElementById('status').textContent === 'ready'", HostPage.BOUND);
        assertTrue(String.valueOf(browser.eval("typeof kuayu")).equals("undefined"), "no kuayu.js on this page");

        browser.click("request");
        browser.waitFor("/domain2 got/.test(document.getElementById('reply').textContent)", HostPage.BOUND);
        String reply = String.valueOf(browser.eval("document.getElementById('reply').textContent"));
        assertTrue(reply.contains("domain2 got {\"from\":\"Java\",\"n\":1}"), "the reply names the request: " + reply);
    }
}
