package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kuayu.demo.Site;

/**
 * A tour of every page of the demo a person may look at, in the real engines: each loads without a console error,
 * its demo works (the buttons of the pages that no dedicated test of {@link DemoPageTest} or {@link ReverseProxyTest}
 * exercises are clicked and their answers awaited), every page that explains something does it in English and in
 * Chinese, and a screenshot of each goes to {@code target/screenshots/<name>.png}. Then each technique page's
 * "wrong way" buttons: the browser (or domain2's server) refuses, and the page says so in plain words.
 *
 * <p>Left out on purpose: the tests' own pages under {@code /test/} and the benchmark pages under {@code /bench/},
 * which are no part of the demo (the plain demo does not serve them), and the nginx route of the reverse-proxy
 * page, which needs an nginx that only {@link ReverseProxyTest} starts. The pages shown in a frame of a technique
 * page are opened alone too, for chromedriver does not report the console of a cross-site frame with its parent's.
 */
class DemoTourTest {

    /** What a stop of the tour is, which says what it must show. */
    private enum Kind {
        /** A page that explains a technique: in both languages, and its demo gets ready. */
        TECHNIQUE,
        /** A site's home page: in both languages. */
        SITE,
        /** A page written in Java (TeaVM, GWT): its demo gets ready; no Chinese asked of it. */
        JAVA,
        /** A page shown in a frame of a technique page, opened alone: it renders without a console error. */
        FRAMED
    }

    /** A click on the button with this id (none: only wait), then a JavaScript condition the page must reach. */
    private record Step(String button, String shows) {
    }

    /** One page of the tour: its screenshot's name, where it is, and what to do there. */
    private record Stop(String name, Site site, String path, Kind kind, List<Step> steps) {
    }

    /** A "wrong way" button of a technique page and the plain-words message the page then logs. */
    private record Refusal(String name, Site site, String path, List<Step> before, String button, String logRegex,
            List<String> consoleErrors) {
    }

    /** True once the {@code <output>} with this id shows text matching this JavaScript regular expression. */
    private static String output(String id, String regex) {
        return regex + ".test(document.getElementById('" + id + "').textContent)";
    }

    private static final List<Stop> TOUR = List.of(
            new Stop("home", Site.DOMAIN1, "/", Kind.SITE, List.of()),
            new Stop("same-origin", Site.DOMAIN1, "/same-origin.html", Kind.TECHNIQUE, List.of(
                    new Step(null, "/status-ready/.test(document.getElementById('summary').className)"))),
            // postMessage, JSONP, document.domain, location.hash, window.name, WebSocket, Java and GWT: each has
            // its dedicated test in DemoPageTest that clicks through it.
            new Stop("postmessage", Site.DOMAIN1, "/postmessage.html", Kind.TECHNIQUE, List.of()),
            new Stop("jsonp", Site.DOMAIN1, "/jsonp.html", Kind.TECHNIQUE, List.of(
                    new Step(null, DemoPageTest.logShows("/ready/")))),
            new Stop("document-domain", Site.DOMAIN_WWW, "/document-domain.html", Kind.TECHNIQUE, List.of()),
            new Stop("location-hash", Site.DOMAIN1, "/location-hash.html", Kind.TECHNIQUE, List.of()),
            new Stop("window-name", Site.DOMAIN1, "/window-name.html", Kind.TECHNIQUE, List.of()),
            new Stop("cors", Site.DOMAIN1, "/cors.html", Kind.TECHNIQUE, List.of(
                    new Step("simple", output("simple-reply", "/\"site\": \"domain2\", \"method\": \"GET\"/")),
                    new Step("preflight", output("preflight-reply", "/\"customHeader\": \"value\"/")),
                    new Step("login", output("credentials-reply", "/\"status\": true, \"user\": \"admin\"/")),
                    new Step("whoami", DemoPageTest.logShows("/no cookie reached domain2|got its cookie back/")))),
            new Stop("cors-credentials", Site.DOMAIN_WWW, "/cors-credentials.html", Kind.TECHNIQUE, List.of(
                    new Step("login", output("reply", "/\"status\": true, \"user\": \"admin\"/")),
                    new Step("whoami", output("reply", "/\"loggedIn\": true/")),
                    new Step("logout", output("reply", "/\"status\": true/")),
                    new Step("whoami", output("reply", "/\"loggedIn\": false/")))),
            new Stop("reverse-proxy", Site.DOMAIN1, "/reverse-proxy.html", Kind.TECHNIQUE, List.of(
                    new Step("jetty-login", output("jetty-reply", "/\"user\": \"admin\"/")),
                    new Step("jetty-whoami", output("jetty-reply", "/\"loggedIn\": true/")),
                    new Step("jetty-logout", output("jetty-reply", "/\"status\": true/")))),
            new Stop("websocket", Site.DOMAIN1, "/websocket.html", Kind.TECHNIQUE, List.of(
                    new Step(null, "document.getElementById('kuayu-state').textContent === 'ready'"
                            + " && document.getElementById('raw-state').textContent === 'open'"))),
            // After another page: a change of the fragment alone would not load the page again.
            new Stop("reverse-proxy-middleware", Site.DOMAIN1, "/reverse-proxy.html#middleware", Kind.TECHNIQUE,
                    List.of(new Step(null, "location.hash === '#middleware'"
                            + " && !!document.getElementById('middleware')"),
                            new Step("middleware-login", output("middleware-reply", "/\"user\": \"admin\"/")),
                            new Step("middleware-whoami", output("middleware-reply", "/\"loggedIn\": true/")),
                            new Step("middleware-logout", output("middleware-reply", "/\"status\": true/")))),
            new Stop("java-app", Site.DOMAIN1, "/java-app/", Kind.JAVA, List.of()),
            new Stop("gwt-app", Site.DOMAIN1, "/gwt-app/", Kind.JAVA, List.of()),
            new Stop("domain2-home", Site.DOMAIN2, "/", Kind.SITE, List.of(
                    new Step(null, "/\\/\\/www\\.domain1\\./.test(document.getElementById('home-link').href)"))),
            new Stop("proxy-home", Site.PROXY, "/", Kind.SITE, List.of()),
            new Stop("domain-home", Site.DOMAIN_WWW, "/", Kind.SITE, List.of()),
            new Stop("child-home", Site.DOMAIN_CHILD, "/", Kind.SITE, List.of()),
            new Stop("domain3-home", Site.DOMAIN3, "/", Kind.SITE, List.of()),
            new Stop("domain2-postmessage-raw", Site.DOMAIN2, "/postmessage-raw.html", Kind.FRAMED, List.of()),
            new Stop("domain2-postmessage-remote", Site.DOMAIN2, "/postmessage-remote.html", Kind.FRAMED, List.of()),
            new Stop("domain2-location-hash-raw", Site.DOMAIN2, "/location-hash-raw.html", Kind.FRAMED, List.of()),
            new Stop("child-document-domain-raw", Site.DOMAIN_CHILD, "/document-domain-raw.html", Kind.FRAMED,
                    List.of()),
            new Stop("child-document-domain-remote", Site.DOMAIN_CHILD, "/document-domain-remote.html", Kind.FRAMED,
                    List.of()),
            new Stop("domain1-location-hash-raw-proxy", Site.DOMAIN1, "/location-hash-raw-proxy.html", Kind.FRAMED,
                    List.of()),
            new Stop("domain1-window-name-raw-proxy", Site.DOMAIN1, "/window-name-raw-proxy.html", Kind.FRAMED,
                    List.of()),
            new Stop("domain2-window-name-raw", Site.DOMAIN2, "/window-name-raw.html", Kind.FRAMED, List.of()),
            // Last: its socket is refused by design, and the browser reports that in the console.
            new Stop("domain3-websocket-refused", Site.DOMAIN3, "/websocket-refused.html", Kind.FRAMED, List.of(
                    new Step(null, "document.getElementById('state').textContent === 'closed 1006'"))));

    private static final List<Refusal> REFUSALS = List.of(
            new Refusal("postmessage-wrong-origin", Site.DOMAIN1, "/postmessage.html",
                    List.of(new Step(null, "!document.getElementById('raw-call').disabled")), "wrong-origin",
                    "/refused: the browser dropped the message, because its targetOrigin/", List.of()),
            new Refusal("postmessage-wrong-read", Site.DOMAIN1, "/postmessage.html",
                    List.of(new Step(null, "!document.getElementById('raw-call').disabled")), "wrong-read",
                    "/refused: SecurityError — a page may not read the document of a frame of another origin/",
                    List.of()),
            new Refusal("location-hash-wrong-read", Site.DOMAIN1, "/location-hash.html",
                    // Until domain2's page is in it, the frame is this page's own about:blank, which it may read.
                    List.of(new Step(null, "document.getElementById('raw-frame').contentDocument === null")),
                    "wrong-read", "/refused: SecurityError — this page may set the location of domain2's frame/",
                    List.of()),
            new Refusal("window-name-wrong-read", Site.DOMAIN1, "/window-name.html", List.of(), "wrong-read",
                    "/refused: SecurityError — the frame still shows domain2's page/", List.of()),
            new Refusal("cors-unnamed-origin", Site.DOMAIN1, "/cors.html", List.of(), "unnamed",
                    "/GET \\/api\\/proxy\\/hello .*has no Access-Control-Allow-Origin naming/",
                    List.of("/api/proxy/hello")),
            new Refusal("cors-header-not-allowed", Site.DOMAIN1, "/cors.html", List.of(), "refused",
                    "/does not allow the header X-Not-Allowed, so the PUT was never sent/",
                    List.of("/api/cors/item")),
            new Refusal("cors-credentials-forgotten", Site.DOMAIN_WWW, "/cors-credentials.html",
                    List.of(new Step("login", output("reply", "/\"status\": true, \"user\": \"admin\"/"))),
                    "no-credentials", "/no cookie: without xhr\\.withCredentials the browser leaves/", List.of()),
            new Refusal("reverse-proxy-direct", Site.DOMAIN1, "/reverse-proxy.html", List.of(), "direct",
                    "/refused: the browser kept domain2's answer from this page/", List.of("/api/proxy/whoami")),
            new Refusal("websocket-wrong-origin", Site.DOMAIN1, "/websocket.html", List.of(), "wrong-origin",
                    "/refused: domain2's server answered 403 to the WebSocket upgrade/", List.of()));

    // WebKit: every technique's page gets ready there (location.hash and window.name included), but the same-site
    // cookie stop fails as CorsTest's same-site case does: after the login the child's cookie is not sent back
    // ({"site": "child", "cookie": null, "loggedIn": false}); cause not yet understood (issue 19).
    @BrowserTest(value = Browsers.REAL, except = BrowserKind.WEBKIT, bundles = Bundle.TEAVM)
    void everyPageOfTheDemoWorksWithoutAConsoleErrorAndExplainsItselfInBothLanguages(Browser browser,
            DemoSites sites) {
        for (Stop stop : TOUR) {
            String url = sites.origin(stop.site()) + stop.path();
            if (stop.path().equals("/websocket-refused.html")) {
                browser.expectConsoleErrors("Unexpected response code: 403");
                browser.expectConsoleErrors("can’t establish a connection to the server at ws://"); // Firefox
            }
            browser.open(url);
            browser.waitFor("document.readyState === 'complete'", HostPage.BOUND);
            if (stop.kind() == Kind.TECHNIQUE || stop.kind() == Kind.SITE) {
                assertEquals(Boolean.TRUE, browser.eval("!!document.querySelector('main [lang=zh]')"),
                        url + " has no Chinese part");
            }
            if (stop.kind() == Kind.TECHNIQUE || stop.kind() == Kind.JAVA) {
                browser.waitFor("(function () { var s = document.getElementById('status');"
                        + " return !s || !/^(connecting|waiting|checking)$/.test(s.textContent); })()", HostPage.BOUND);
                assertEquals("ready", browser.eval("(function () { var s = document.getElementById('status');"
                        + " return s ? s.textContent : 'ready'; })()"), url + ": " + browser.pageLog());
            }
            run(browser, stop.steps());
            assertEquals(List.of(), browser.consoleErrors(), url);
            browser.screenshot(stop.name());
        }
    }

    /**
     * domain1's home page: every technique it lists is explained in English and in Chinese, and every page it links
     * to is a stop of the tour above (so a new page cannot be linked without being tried).
     */
    @BrowserTest(value = Browsers.REAL, bundles = Bundle.TEAVM)
    void theHomePageExplainsEveryTechniqueInBothLanguagesAndLinksOnlyToPagesOfTheTour(Browser browser,
            DemoSites sites) {
        browser.open(sites.domain1() + "/");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) browser.eval("(function () { var r = [];"
                + " var lis = document.querySelectorAll('ul.techniques li');"
                + " for (var i = 0; i < lis.length; i++) { var a = lis[i].querySelector('a');"
                + "   r.push({text: lis[i].textContent.replace(/\\s+/g, ' ').substring(0, 60),"
                + "     href: a && a.href ? a.href : null, zh: !!lis[i].querySelector('[lang=zh]')}); }"
                + " return r; })()");
        assertTrue(items.size() >= 12, items.toString());
        Set<String> toured = new TreeSet<>();
        for (Stop stop : TOUR) {
            toured.add(sites.origin(stop.site()) + stop.path());
        }
        List<String> missing = new ArrayList<>();
        for (Map<String, Object> item : items) {
            String href = (String) item.get("href");
            assertTrue(href != null, "no link for " + item.get("text"));
            if (!href.contains("/java-app/") && !href.contains("/gwt-app/")) {
                assertEquals(Boolean.TRUE, item.get("zh"), "no Chinese line for " + item.get("text"));
            }
            if (!toured.contains(href)) {
                missing.add(href);
            }
        }
        assertEquals(List.of(), missing, "linked from the home page but not toured");
    }

    /**
     * Each "wrong way" button of a technique page: what the browser refuses is told in the page's log in plain
     * words. Chromium only for now (see below); HtmlUnit enforces neither the same-origin policy between frames nor
     * CORS. The console errors expected are the browser's own report of each refusal, named by its URL or message.
     */
    // Firefox: the second stop (postmessage-wrong-read, right after postmessage-wrong-origin on the same page) failed
    // with "no element #wrong-read to click" from FirefoxBrowser, although the page has it: not yet understood (the
    // test harness more likely than Kuayu). WebKit: not yet run (its hash and name stops cannot pass, see above).
    @BrowserTest(only = BrowserKind.CHROMIUM, bundles = Bundle.TEAVM)
    void everyTechniquePageSaysInPlainWordsWhatTheBrowserRefused(Browser browser, DemoSites sites) {
        for (Refusal refusal : REFUSALS) {
            String url = sites.origin(refusal.site()) + refusal.path();
            browser.open(url);
            run(browser, refusal.before());
            refusal.consoleErrors().forEach(browser::expectConsoleErrors);
            browser.click(refusal.button());
            browser.waitFor(DemoPageTest.logShows(refusal.logRegex()), HostPage.BOUND);
            assertEquals(List.of(), browser.consoleErrors(), url);
            browser.screenshot(refusal.name());
        }
    }

    /**
     * Runs the steps: each puts the page's replies back to "none yet" (so that an earlier answer cannot pass for the
     * next), clicks its button and waits for what it must show.
     */
    private static void run(Browser browser, List<Step> steps) {
        for (Step step : steps) {
            if (step.button() != null) {
                browser.eval("(function () { var o = document.querySelectorAll('output[id$=reply]');"
                        + " for (var i = 0; i < o.length; i++) { o[i].textContent = 'none yet'; } return null; })()");
                browser.click(step.button());
            }
            browser.waitFor(step.shows(), HostPage.BOUND);
        }
    }
}
