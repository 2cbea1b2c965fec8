package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.it.HostPage.js;

import java.util.List;
import java.util.Map;

/**
 * A hostile top page: a domain3 page frames a real domain1 host page that connects over window.name or
 * location.hash. A top page may navigate every frame below it, so it could send the channel's messenger frames to
 * its own page and read them (a window.name keeps its value across navigations), secrets included, and then forge
 * frames. The top page here runs that reader for real (every 5 ms it sends each frame below the host to its own
 * page and reads its name). Kuayu refuses first: the host will not open those transports while a page of another
 * origin frames it, and says so; a host that trusts its ancestors is refused by the remote page, which sees domain3
 * above its host. In the real engines, which enforce the same-origin policy between frames. (With both pages opted
 * in the reader does take the host's frames: that is the risk {@code trustAncestors} names.)
 */
class HostileAncestorTest {

    /** The reader, in the top page: frame 'host' is the host page (ES5). */
    private static final String READER = String.join("\n",
            "(function () {",
            "  window.READ = {polls: 0, navigated: 0, names: []};",
            "  var mine = {};",
            "  setInterval(function () {",
            "    READ.polls++;",
            "    var h = document.getElementById('host').contentWindow, i, f, name;",
            // Frame 0 is the remote page's: navigating it away only costs the attacker its target.
            "    for (i = 1; i < h.frames.length; i++) {",
            "      f = h.frames[i];",
            "      try { name = f.name; if (String(f.location.href).indexOf('#read') >= 0) {",
            "        if (!mine[i]) { mine[i] = true; READ.names.push(name); } continue; } } catch (e) { }",
            "      try { f.location.replace(READ.page + '#read'); READ.navigated++; } catch (e) { }",
            "    }",
            "  }, 5);",
            "})()");

    private static void openHostileTop(Browser browser, DemoSites sites) {
        browser.open(browser.bundle().select(sites.domain3() + "/test/host.html"));
        browser.waitFor("typeof KT === 'object'", HostPage.BOUND);
        browser.eval("KT.addFrame('host', " + js(browser.bundle().select(sites.domain1() + "/test/host.html")) + ")");
        browser.waitFor("KT.count('frameload') >= 1", HostPage.BOUND);
        browser.waitForInFrame("host", "typeof KT === 'object' && typeof kuayu === 'object'", HostPage.BOUND);
        browser.eval(READER);
        browser.eval("READ.page = " + js(sites.domain3() + "/test/blank.html"));
    }

    private static String remoteUrl(Browser browser, DemoSites sites, String transport) {
        return (String) browser.evalInFrame("host", "KT.remoteUrl({mode: 'echo', transport: " + js(transport)
                + ", extra: 'report=top'})");
    }

    @BrowserTest(Browsers.REAL)
    void aHostFramedByAThirdSiteRefusesNameAndHash(Browser browser, DemoSites sites) {
        for (String transport : List.of("name", "hash")) {
            openHostileTop(browser, sites);
            browser.evalInFrame("host", "KT.connect({remote: " + js(remoteUrl(browser, sites, transport))
                    + ", transport: " + js(transport) + "})");
            browser.waitForInFrame("host", "KT.count('close') >= 1", HostPage.BOUND);
            Map<?, ?> error = (Map<?, ?>) browser.evalInFrame("host", "KT.find('error')[0]");
            assertEquals("TRANSPORT_UNAVAILABLE", error.get("code"), transport + ": " + error);
            assertTrue(String.valueOf(error.get("message")).contains("this page is framed by " + sites.domain3()),
                    transport + ": " + error);
            // The reader ran all along and found nothing to read: the host made no frame.
            browser.waitFor("READ.polls > 20", HostPage.BOUND);
            assertEquals(0L, browser.evalInFrame("host", "KT.iframes()"), transport);
            assertEquals(0L, browser.eval("READ.names.length"), transport);

            // The host trusts its ancestors: the remote page sees domain3 above its host and refuses the host.
            browser.evalInFrame("host", "KT.connect({remote: " + js(remoteUrl(browser, sites, transport))
                    + ", transport: " + js(transport) + ", trustAncestors: true, timeout: 3000})");
            String refusal = "an ancestor of the host page, " + sites.domain3() + ", is not an allowed origin";
            browser.waitFor("(function () { for (var i = 0; i < KT.reports.length; i++) { var r = KT.reports[i];"
                    + " if (r.kind === 'debug' && String(r.value).indexOf(" + js(refusal) + ") >= 0) { return true; }"
                    + " } return false; })()", HostPage.BOUND);
            assertEquals(0L, browser.evalInFrame("host", "KT.count('ready')"), transport);
        }
        HostPage host = HostPage.open(browser, sites);
        host.connect("{remote: " + js(host.remoteUrl("echo")) + ", transport: 'name'}");
        host.awaitCount("ready", 1);
        assertEquals(Map.of("echo", "top-level"), host.reply("'top-level'"), host.why());
    }
}
