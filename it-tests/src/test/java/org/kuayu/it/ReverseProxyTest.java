package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The nginx and middleware rows on domain1's {@code /reverse-proxy.html}: a login at domain2, made through a proxy
 * on domain1's host, sets cookies that arrive in the browser as domain1's, and the next request carries them. The
 * same assertions run through the Jetty proxy (the demo's proxy port), through a real nginx running the shipped
 * {@code docs/nginx/kuayu-demo.conf}, and through domain1's own {@code /api/} (the middleware).
 *
 * <p>Cookies are the browser's to keep or drop, so the real engines are the authority; HtmlUnit runs every route too.
 * A real engine keeps one profile per class: each scenario logs out first.
 */
@ExtendWith(NginxExtension.class)
class ReverseProxyTest {

    @BrowserTest(bundles = Bundle.TEAVM)
    void aLoginThroughTheJettyProxyBecomesADomain1Cookie(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/reverse-proxy.html");
        loginBecomesADomain1Cookie(browser, sites, "jetty", sites.origin(org.kuayu.demo.Site.PROXY));
    }

    @BrowserTest(bundles = Bundle.TEAVM)
    void aLoginThroughNginxBecomesADomain1Cookie(Browser browser, DemoSites sites, NginxServer nginx) {
        browser.open(sites.domain1() + "/reverse-proxy.html?nginx=" + nginx.origin());
        loginBecomesADomain1Cookie(browser, sites, "nginx", nginx.origin());
    }

    @BrowserTest(bundles = Bundle.TEAVM)
    void aLoginThroughTheMiddlewareBecomesADomain1Cookie(Browser browser, DemoSites sites) {
        browser.open(sites.domain1() + "/reverse-proxy.html");
        loginBecomesADomain1Cookie(browser, sites, "middleware", sites.domain1());
    }

    /**
     * What a person sees on the page for one route: logged out, then the login's readable cookie in this page's
     * {@code document.cookie}, then domain2 telling that the next request carried both cookies, a redirect that
     * ends on the proxy, and no cookie at all for domain2 itself.
     */
    private static void loginBecomesADomain1Cookie(Browser browser, DemoSites sites, String route, String origin) {
        browser.waitFor(DemoPageTest.logShows("/ready/"), HostPage.BOUND);
        String reply = "document.getElementById('" + route + "-reply').textContent";
        click(browser, route + "-logout", reply, "\"status\": true");
        assertFalse(cookies(browser).contains("user=admin"), "logged out: " + browser.pageLog());

        click(browser, route + "-login", reply, "\"status\": true, \"user\": \"admin\", \"site\": \"domain2\"");
        browser.waitFor("document.getElementById('cookies').textContent.indexOf('user=admin') >= 0", HostPage.BOUND);

        click(browser, route + "-whoami", reply, "\"loggedIn\": true");
        String whoami = String.valueOf(browser.eval(reply));
        assertTrue(whoami.contains("l=a123456") && whoami.contains("user=admin"),
                "the next request carried both cookies: " + whoami);

        click(browser, route + "-redirect", reply, "\"site\": \"domain2\", \"method\": \"GET\"");
        if (browser.kind() != BrowserKind.HTMLUNIT) {
            // HtmlUnit's XMLHttpRequest has no responseURL, so the page cannot tell where the redirect ended.
            browser.waitFor(DemoPageTest.logShows("/ended at " + DemoPageTest.regex(origin + "/api/proxy/hello")
                    + "/"), HostPage.BOUND);
        }

        // The cookies are domain1's: domain2's own pages see none.
        browser.open(sites.domain2() + "/");
        assertEquals("", browser.eval("document.cookie"), "domain2 has no cookie of its own");
        browser.open(sites.domain1() + "/");
        assertTrue(String.valueOf(browser.eval("document.cookie")).contains("user=admin"),
                "domain1's pages on its own port see the cookie too");
    }

    private static void click(Browser browser, String button, String reply, String expected) {
        browser.eval("(function () { document.getElementById('" + button.replaceAll("-[a-z]+$", "")
                + "-reply').textContent = ''; return null; })()");
        browser.click(button);
        browser.waitFor(reply + ".indexOf(" + HostPage.js(expected) + ") >= 0", HostPage.BOUND);
    }

    private static String cookies(Browser browser) {
        return String.valueOf(browser.eval("document.cookie"));
    }
}
