package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.it.HostPage.js;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Attacks on Kuayu's first promise, over window.name and location.hash: only documents of an admitted origin reach a
 * remote page's handlers. Each attacker is a page of the third site (domain3) or a page that frames the host, in
 * the real engines (which enforce the same-origin policy between frames). Each test shows the attack frames arriving
 * and being refused, in the remote test page's own debug log (which it reports to the top-level page,
 * {@code report=top}), shows that nothing was written to the attacker and nothing reached the remote's handlers,
 * and then lets the legitimate host connect and get replies.
 */
class OriginGuaranteeTest {

    /** The attacker's toolkit, run in a domain3 page that frames the remote test page as {@code victim} (ES5). */
    private static final String ATTACKER = String.join("\n",
            "(function () {",
            "  var A = window.ATK = {captured: [], writes: 0};",
            "  function hex(n) { var s = ''; while (s.length < n) { s += Math.floor(Math.random() * 16).toString(16); }"
                    + " return s; }",
            "  A.hex = hex;",
            "  A.mailbox = '__kuayu_hash_' + hex(32);",
            "  A.id = hex(32);",
            // Whatever the remote writes to this page, through its own proxy.html, lands here.
            "  window[A.mailbox] = function (f) { A.captured.push(String(f)); };",
            "  window['__kuayu_name_' + A.id] = function (f) { A.captured.push(String(f)); };",
            "  A.channel = hex(32); A.from = hex(32); A.inc = hex(12); A.seq = 0;",
            "  A.frame = function (inner) { A.seq++; return 'kuayu1|SEQ|' + A.channel + '|' + A.seq + '|' + A.inc"
                    + " + '|0||' + inner; };",
            "  A.write = function (remote, proxy, frame) {",
            "    document.getElementById('victim').contentWindow.location.replace(remote + '#' + A.mailbox + ':'"
                    + " + encodeURIComponent(proxy) + ':' + encodeURIComponent(frame));",
            "    A.writes++;",
            "  };",
            // The remote's own secret, had a refusal carried it (REJ's from).
            "  A.stolen = function () { for (var i = 0; i < A.captured.length; i++) {"
                    + " var m = /\\|SEC\\|[0-9]+\\|([0-9a-f]+)\\.[0-9a-f]*\\|/.exec(A.captured[i]);"
                    + " if (m) { return m[1]; } } return null; };",
            "})()");

    private static String remoteUrl(Browser browser, DemoSites sites, String transport) {
        return sites.domain2() + "/test/remote.html?allowed=" + enc(sites.domain1()) + "&mode=echo&transport="
                + enc(transport) + "&report=top&bundle=" + browser.bundle().param();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Opens the attacker's page on domain3 with the remote test page in a frame and the toolkit loaded. */
    private static void openAttacker(Browser browser, DemoSites sites, String victimUrl) {
        browser.open(browser.bundle().select(sites.domain3() + "/test/host.html"));
        browser.waitFor("typeof KT === 'object'", HostPage.BOUND);
        browser.eval(ATTACKER);
        browser.eval("(function () { var f = document.createElement('iframe'); f.id = 'victim';"
                + " f.addEventListener('load', function () { KT.record('victimload', {}); });"
                + " f.src = " + js(victimUrl) + "; document.body.appendChild(f); })()");
        browser.waitFor("KT.count('victimload') >= 1", HostPage.BOUND);
    }

    @SuppressWarnings("unchecked")
    private static List<String> remoteDebug(Browser browser) {
        List<Map<String, Object>> reports = (List<Map<String, Object>>) browser.eval("KT.reports");
        return reports.stream().filter(r -> "debug".equals(r.get("kind"))).map(r -> String.valueOf(r.get("value")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> remoteEventTypes(Browser browser) {
        List<Map<String, Object>> reports = (List<Map<String, Object>>) browser.eval("KT.reports");
        return reports.stream().filter(r -> "event".equals(r.get("kind")))
                .map(r -> String.valueOf(((Map<?, ?>) r.get("value")).get("type"))).toList();
    }

    private static void awaitRemoteDebug(Browser browser, String part, int times) {
        browser.waitFor("(function () { var n = 0; for (var i = 0; i < KT.reports.length; i++) {"
                + " if (KT.reports[i].kind === 'debug' && String(KT.reports[i].value).indexOf(" + js(part)
                + ") >= 0) { n++; } } return n >= " + times + "; })()", HostPage.BOUND);
    }

    private static void assertNothingReachedTheRemote(Browser browser, String where) {
        List<String> events = remoteEventTypes(browser);
        assertTrue(events.stream().noneMatch(t -> List.of("ready", "request", "message").contains(t)),
                where + ": the remote's page took something: " + events + "\n" + remoteDebug(browser));
        assertEquals(0L, browser.eval("ATK.captured.length"), where + ": the remote wrote to the attacker: "
                + browser.eval("ATK.captured"));
    }

    /** The legitimate host, in a fresh page of domain1, connects over {@code transport} and gets a reply. */
    private static void legitimateHostStillWorks(Browser browser, DemoSites sites, String transport) {
        HostPage host = HostPage.open(browser, sites);
        host.connect("{remote: " + js(host.remoteUrl("echo")) + ", transport: " + js(transport) + "}");
        host.awaitCount("ready", 1);
        assertEquals(Map.of("echo", "legitimate"), host.reply("'legitimate'"), host.why());
    }

    /**
     * The stolen-secret attack over location.hash: a domain3 page frames the remote page and writes a {@code SYN}
     * whose return address is its own page (so that the refusal, and the secret it used to carry, would come to it),
     * then a {@code SYN} on the same channel naming the admitted host's real proxy page, followed by {@code RDY},
     * {@code MSG} and {@code REQ} carrying whatever secret it got. Every one of them is read and refused by the
     * remote: the first for its return address, the others because a page of domain3, not domain1, frames it.
     */
    @BrowserTest(Browsers.REAL)
    void theStolenSecretAttackOverLocationHashGetsNothing(Browser browser, DemoSites sites) {
        String remote = remoteUrl(browser, sites, "hash");
        openAttacker(browser, sites, remote);
        String ownProxy = sites.domain3() + "/kuayu/proxy.html";
        String admittedProxy = sites.domain1() + "/kuayu/proxy.html";
        String syn = "'SEC|0|' + ATK.from + '.|SYN|{\"v\":1,\"transport\":\"hash\"}'";
        browser.eval("ATK.write(" + js(remote) + ", " + js(ownProxy) + ", ATK.frame(" + syn + "))");
        awaitRemoteDebug(browser, "refused the return address " + ownProxy + ": not one of the host proxies this"
                + " page writes to [" + admittedProxy + "]", 1);

        String to = "(ATK.stolen() || ATK.hex(32))";
        String[] inners = {syn, "'SEC|0|' + ATK.from + '.' + " + to + " + '|RDY|'",
            "'SEC|0|' + ATK.from + '.' + " + to + " + '|MSG|{\"forged\":\"message\"}'",
            "'SEC|1|' + ATK.from + '.' + " + to + " + '|REQ|{\"forged\":\"request\"}'"};
        String refusal = "refused the return address " + admittedProxy + ": the host's address names "
                + sites.domain1() + " but this page's parent is " + sites.domain3();
        for (int i = 0; i < inners.length; i++) {
            browser.eval("ATK.write(" + js(remote) + ", " + js(admittedProxy) + ", ATK.frame(" + inners[i] + "))");
            awaitRemoteDebug(browser, refusal, i + 1);
        }
        assertEquals(5L, browser.eval("ATK.writes"));
        assertEquals(null, browser.eval("ATK.stolen()"), "a refusal carried the remote's secret");
        assertNothingReachedTheRemote(browser, "hash");
        legitimateHostStillWorks(browser, sites, "hash");
    }

    /**
     * An open redirect on the admitted site ({@code /test/redirect/?to=}, served by the test fixtures) named as the
     * return address, over location.hash and window.name: the remote takes only the pinned proxy page, so it never
     * writes through the redirect. First from a domain3 page framing the remote; then, so that nothing but the pin
     * decides, from a real domain1 host page that names the redirect as its proxy.
     */
    @BrowserTest(Browsers.REAL)
    void anOpenRedirectOnTheAdmittedSiteIsNeverAReturnAddress(Browser browser, DemoSites sites) {
        String redirect = sites.domain1() + "/test/redirect/?to=" + enc(sites.domain3() + "/kuayu/proxy.html");
        String pins = ": not one of the host proxies this page writes to [" + sites.domain1() + "/kuayu/proxy.html]";

        String hashRemote = remoteUrl(browser, sites, "hash");
        openAttacker(browser, sites, hashRemote);
        browser.eval("ATK.write(" + js(hashRemote) + ", " + js(redirect) + ", ATK.frame('SEC|0|' + ATK.from"
                + " + '.|SYN|{\"v\":1,\"transport\":\"hash\"}'))");
        awaitRemoteDebug(browser, "refused the return address " + redirect + pins, 1);
        assertNothingReachedTheRemote(browser, "hash, attacker page");

        String nameRemote = remoteUrl(browser, sites, "name");
        browser.open(browser.bundle().select(sites.domain3() + "/test/host.html"));
        browser.waitFor("typeof KT === 'object'", HostPage.BOUND);
        browser.eval(ATTACKER);
        browser.eval("(function () { var f = document.createElement('iframe'); f.id = 'victim';"
                + " f.name = 'kuayu-name:' + ATK.id + ':' + " + js(redirect) + "; f.src = " + js(nameRemote)
                + "; document.body.appendChild(f); })()");
        awaitRemoteDebug(browser, "refused the host address " + redirect + pins, 1);
        assertNothingReachedTheRemote(browser, "name, attacker page");

        for (String transport : List.of("hash", "name")) {
            HostPage host = HostPage.open(browser, sites);
            host.connect("{remote: " + js(remoteUrl(browser, sites, transport)) + ", transport: " + js(transport)
                    + ", proxy: " + js(redirect) + ", timeout: 3000}");
            host.awaitCount("close", 1);
            assertEquals("TIMEOUT", host.events("error").get(0).get("code"), transport + "\n" + host.log());
            awaitRemoteDebug(browser, (transport.equals("hash") ? "refused the return address "
                    : "refused the host address ") + redirect + pins, 1);
            assertTrue(remoteEventTypes(browser).stream().noneMatch(t -> t.equals("ready")), transport);
        }
        legitimateHostStillWorks(browser, sites, "name");
    }

    /**
     * Whoever learns a bound channel's id and the remote's mailbox (here: the test reads them off the host page's
     * own frames, as a leak would) delivers a {@code SYN} for that channel with a secret of its own into the remote's
     * mailbox, through the remote site's own {@code proxy.html}, from a domain3 frame inside the host page. The
     * remote reads it and refuses it (it is bound to its host's page), and the channel goes on.
     */
    @BrowserTest(Browsers.REAL)
    void aForgedSynCannotReplaceTheBoundHost(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        // The leak: every name the host gives a frame, as the page sees it before the frame navigates.
        host.eval("(function () { window.SEEN = []; new MutationObserver(function (records) {"
                + " for (var i = 0; i < records.length; i++) { for (var j = 0; j < records[i].addedNodes.length; j++) {"
                + " var n = records[i].addedNodes[j]; if (n.tagName === 'IFRAME' && n.name) { SEEN.push(n.name); } } }"
                + " }).observe(document.body, {childList: true, subtree: true}); })()");
        host.connect("{remote: " + js(remoteUrl(browser, sites, "name")) + ", transport: 'name'}");
        host.awaitCount("ready", 1);
        String seen = String.valueOf(host.eval("(function () { for (var i = 0; i < SEEN.length; i++) {"
                + " var m = /^__kuayu_remote_([0-9a-f]{32}):kuayu1\\|SEQ\\|([0-9a-f]+)\\|/.exec(SEEN[i]);"
                + " if (m) { return m[1] + ' ' + m[2]; } } return null; })()"));
        assertTrue(seen.matches("[0-9a-f]{32} [0-9a-f]+"), "no host frame seen: " + seen + "\n" + host.log());
        String id = seen.split(" ")[0];
        String channel = seen.split(" ")[1];
        String forged = "kuayu1|SEQ|" + channel + "|1|abcdefabcdef|0||SEC|0|" + "0".repeat(32)
                + ".|SYN|{\"v\":1,\"transport\":\"name\"}";
        host.eval("KT.addFrame('intruder', " + js(sites.domain3() + "/test/blank.html") + ")");
        host.awaitCount("frameload", 1);
        browser.evalInFrame("intruder", "(function () { window.name = " + js("__kuayu_remote_" + id + ":" + forged)
                + "; location.replace(" + js(sites.domain2() + "/kuayu/proxy.html") + "); })()");
        host.waitFor("(function () { for (var i = 0; i < KT.reports.length; i++) { var r = KT.reports[i];"
                + " if (r.kind === 'debug' && String(r.value).indexOf('ignored a frame of another page than the bound"
                + " host') >= 0) { return true; } } return false; })()");
        assertEquals(Map.of("echo", "after the forgery"), host.reply("'after the forgery'"), host.why());
        assertEquals(1L, host.count("ready"), host.why());
    }
}
