package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.it.HostPage.js;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hostile-origin matrix, in the real engines (which enforce the same-origin policy between frames; HtmlUnit does
 * not), for every window transport that checks origins itself: {@code postMessage}, {@code name} and {@code hash} (the
 * {@code domain} transport's boundary is the browser's own, see {@link DomainTransportTest}).
 *
 * <p>The attacker's site, domain3, answers any host name on its port, so a page can come from a look-alike of the
 * origin a remote admits. The admitted origin is {@code http://www.domain1.localhost:<domain3's port>} and a page of
 * exactly that origin connects (the control, proving each refusal is the origin's doing); pages whose origin is a
 * look-alike of it (a suffix, a prefix, a subdomain), differs in port or scheme, or is opaque ({@code null}: a
 * sandboxed iframe, a {@code data:} URL) are refused. Each refusal must be told in the refusing page's debug log,
 * and nothing the hostile page sent may reach the remote's page: the remote test page reports its events and debug
 * lines to the top-level page ({@code report=top}), since its frame is gone by the time the test looks.
 *
 * <p>The other way round, a remote frame that navigates to an impostor (the remote test page on a look-alike of
 * domain2's origin) is never taken for the remote; and a third page handed the host's real mailbox name, as if
 * stolen, cannot deliver forged frames through the host's own {@code proxy.html}.
 */
class HostileOriginTest {

    private static final List<String> TRANSPORTS = List.of("postMessage", "name", "hash");

    /** A hostile (or control) host page: where it is, and how the test reaches it. */
    private record Case(String name, String pageOrigin, String admitted, String nesting, boolean admittedExactly) {
    }

    private static List<Case> hostCases(DemoSites sites) {
        int attackerPort = URI.create(sites.domain3()).getPort();
        String admitted = "http://www.domain1.localhost:" + attackerPort;
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("the admitted origin itself", admitted, admitted, null, true));
        cases.add(new Case("a suffixed look-alike", "http://www.domain1.localhost.evil.localhost:" + attackerPort,
                admitted, null, false));
        cases.add(new Case("a prefixed look-alike", "http://www.evil-domain1.localhost:" + attackerPort, admitted,
                null, false));
        cases.add(new Case("a subdomain", "http://evil.www.domain1.localhost:" + attackerPort, admitted, null, false));
        cases.add(new Case("another port", sites.domain1(), "http://www.domain1.localhost:" + attackerPort, null,
                false));
        cases.add(new Case("another scheme", admitted, "https://www.domain1.localhost:" + attackerPort, null, false));
        cases.add(new Case("a sandboxed iframe (null)", admitted, admitted, "sandbox", false));
        cases.add(new Case("a data: URL (null)", admitted, admitted, "data", false));
        return cases;
    }

    /** domain2's test remote admitting only {@code allowed}, reporting to the top page, built by the harness. */
    private static String remoteUrl(Browser browser, String frame, String allowed, String transport) {
        return (String) browser.evalInFrame(frame, "KT.remoteUrl({mode: 'echo', allowed: [" + js(allowed) + "],"
                + " transport: " + js(transport) + ", bundle: " + js(browser.bundle().param())
                + ", extra: 'report=top'})");
    }

    @BrowserTest(Browsers.REAL)
    void hostPagesOfHostileOriginsAreRefusedAndDeliverNothing(Browser browser, DemoSites sites) {
        for (String transport : TRANSPORTS) {
            for (Case c : hostCases(sites)) {
                String where = transport + ", " + c.name() + " (" + c.pageOrigin() + " against " + c.admitted() + ")";
                String frame = openHostileHost(browser, c);
                String remote = remoteUrl(browser, frame, c.admitted(), transport);
                Object connected = browser.evalInFrame(frame, "KT.connect({remote: " + js(remote) + ", transport: "
                        + js(transport) + ", timeout: 3000})");
                boolean opaque = c.nesting() != null;
                if (opaque && !transport.equals("postMessage")) {
                    // An opaque page cannot script any proxy page, its own URL's included: refused at once.
                    assertEquals(Boolean.FALSE, connected, where + "\n" + logOf(browser, frame));
                    Map<?, ?> thrown = (Map<?, ?>) browser.evalInFrame(frame, "KT.find('thrown')[0]");
                    assertEquals("INVALID_ARGUMENT", thrown.get("code"), where + ": " + thrown);
                    assertTrue(String.valueOf(thrown.get("message")).contains("own origin null"),
                            where + ": " + thrown);
                    assertEquals(0L, browser.evalInFrame(frame, "KT.iframes()"), where);
                    continue;
                }
                assertEquals(Boolean.TRUE, connected, where + ": connect threw\n" + logOf(browser, frame));
                browser.evalInFrame(frame, "(function () { KT.send({forged: 'message'});"
                        + " KT.request({forged: 'request'}); })()");
                if (c.admittedExactly()) {
                    browser.waitFor("(function () { for (var i = 0; i < KT.reports.length; i++) {"
                            + " if (KT.reports[i].kind === 'event' && KT.reports[i].value.type === 'request') {"
                            + "   return true; } } return false; })()", HostPage.BOUND);
                    assertEquals(1L, browser.evalInFrame(frame, "KT.count('ready')"), where);
                    continue;
                }
                browser.waitForInFrame(frame, "KT.count('close') >= 1", HostPage.BOUND);
                String log = logOf(browser, frame);
                assertEquals(0L, browser.evalInFrame(frame, "KT.count('ready')"), where + "\n" + log);
                Map<?, ?> error = (Map<?, ?>) browser.evalInFrame(frame, "KT.find('error')[0]");
                // Over postMessage the remote answers a refused origin with REJ; over window.name and location.hash it
                // writes nothing to a proxy page it has not pinned, so the host times out.
                boolean told = !opaque && transport.equals("postMessage");
                assertEquals(told ? "ORIGIN_REJECTED" : "TIMEOUT", error.get("code"), where + "\n" + log);
                if (opaque) {
                    assertTrue(String.valueOf(error.get("message")).contains("origin is opaque"), where + ": " + error);
                }
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> reports = (List<Map<String, Object>>) browser.eval("KT.reports");
                List<String> remoteEvents = reports.stream().filter(r -> "event".equals(r.get("kind")))
                        .map(r -> String.valueOf(((Map<?, ?>) r.get("value")).get("type"))).toList();
                assertTrue(remoteEvents.stream().noneMatch(t -> List.of("ready", "request", "message").contains(t)),
                        where + ": the remote's page took something: " + reports);
                if ("sandbox".equals(c.nesting())) {
                    // The remote frame inherits the sandbox, so it is opaque too, and the browser itself drops what
                    // each posts to the other's (real) origin: nothing reaches Kuayu to refuse.
                    assertEquals(List.of(), reports, where);
                    continue;
                }
                String refusal = opaque ? "ignored a SYN from the opaque origin null"
                        : transport.equals("postMessage")
                        ? "refused a connection from " + c.pageOrigin() + ": not in allowedOrigins"
                        : (transport.equals("hash") ? "refused the return address " : "refused the host address ")
                                + c.pageOrigin() + "/kuayu/proxy.html: not one of the host proxies";
                assertTrue(reports.stream().anyMatch(r -> "debug".equals(r.get("kind"))
                        && String.valueOf(r.get("value")).contains(refusal)),
                        where + ": the remote's debug log does not say \"" + refusal + "\": " + reports + "\n" + log);
            }
        }
    }

    /**
     * The remote frame navigates to an impostor: the remote test page, admitting domain1, on a look-alike of
     * domain2's origin (or domain2's name on another port). The host never takes it for its remote: no second
     * onReady, no message, and the channel fails with TRANSMISSION_FAILED once the handshake with the page now shown
     * times out; the impostor finds the host (its parent; over window.name, the rendezvous the frame's name still
     * holds) and writes to it, and the host's debug log names its origin. Over location.hash the impostor cannot
     * find the host, and the host's writes keep the frame on, or bring it back to, the real remote page.
     */
    @BrowserTest(Browsers.REAL)
    void anImpostorInTheRemotesFrameIsNeverTakenForTheRemote(Browser browser, DemoSites sites) {
        int attackerPort = URI.create(sites.domain3()).getPort();
        List<String> impostors = List.of("http://www.domain2.localhost.evil.localhost:" + attackerPort,
                "http://www.evil-domain2.localhost:" + attackerPort, "http://www.domain2.localhost:" + attackerPort);
        for (String transport : TRANSPORTS) {
            for (String impostor : impostors) {
                String where = transport + ", impostor " + impostor;
                HostPage host = HostPage.open(browser, sites);
                String remote = (String) host.eval("KT.remoteUrl({mode: 'echo', transport: " + js(transport) + "})");
                host.connect("{remote: " + js(remote) + ", transport: " + js(transport) + ", timeout: 6000}");
                host.awaitCount("ready", 1);
                String impostorUrl = impostor + "/test/remote.html?allowed="
                        + URLEncoder.encode(sites.domain1(), StandardCharsets.UTF_8) + "&mode=echo&bundle="
                        + browser.bundle().param() + "&transport=" + transport;
                // Not awaited: over window.name the reply is still on its way when the frame navigates.
                host.request("{cmd: 'goto', url: " + js(impostorUrl) + "}");
                if (transport.equals("hash")) {
                    // The impostor cannot find the host's mailbox, and each write of the host goes into the
                    // fragment of the remote's own URL: a write soon after the remote's navigation started cancels it
                    // (a fragment navigation of the frame's document), a later one navigates the frame back to the
                    // real remote page. Either way the host talks to the real remote page again (the same, or a new
                    // one the channel opens again with), or fails with TRANSMISSION_FAILED; never to the impostor.
                    // Pings until one is answered or the channel failed: each one that fails failed because the
                    // real remote page loaded again (the channel then re-opens with it).
                    List<Map<String, Object>> pings = host.pingUntilAnsweredOrClosed(4);
                    boolean answered = !pings.isEmpty() && "ok".equals(pings.get(pings.size() - 1).get("state"));
                    // A ping sent as the channel failed gets CLOSED: the page closed it between the test's look and
                    // the request.
                    for (Map<String, Object> ping : pings) {
                        assertTrue("ok".equals(ping.get("state"))
                                || List.of("TRANSMISSION_FAILED", "TIMEOUT", "CLOSED").contains(ping.get("code")),
                                where + ": " + ping);
                    }
                    assertEquals(0, host.count("message"), where + "\n" + host.log());
                    if (!answered) {
                        host.awaitCount("close", 1);
                        assertEquals("TRANSMISSION_FAILED", host.events("error").get(0).get("code"), where);
                        continue;
                    }
                    // The page that answered is the real remote. (Firefox may still finish the frame's navigation to
                    // the impostor after that answer, where Chromium cancels it; the host's next write brings the
                    // real page back, and the impostor, which cannot find the host, never speaks to it.)
                    assertEquals(sites.domain2(), host.state().get("origin"), where + "\n" + host.log());
                    continue;
                }
                host.awaitCount("close", 1);
                assertEquals(List.of("connect", "ready", "error", "close"),
                        host.eventTypes().stream().filter(t -> !t.startsWith("remote-")).toList(),
                        where + "\n" + host.log());
                assertEquals("TRANSMISSION_FAILED", host.events("error").get(0).get("code"), where + "\n" + host.log());
                assertTrue(String.valueOf(host.eval("KT.debug.join('\\n')")).contains("from " + impostor),
                        where + ": the host's debug log does not name the impostor\n" + host.log());
            }
        }
    }

    /**
     * A third page (domain3, in a frame of the host page) is handed the host channel's real mailbox, as if it had
     * stolen it, and delivers forged frames with guessed channel ids into it through the host origin's own
     * proxy.html, in fragments and in window names. Without the channel's secret none is delivered; the host's debug
     * log tells each one dropped, and the channel goes on.
     */
    @BrowserTest(Browsers.REAL)
    void forgedFramesThroughTheHostsOwnProxyPageAreDropped(Browser browser, DemoSites sites) {
        for (String transport : List.of("name", "hash")) {
            HostPage host = HostPage.open(browser, sites);
            String remote = (String) host.eval("KT.remoteUrl({mode: 'echo', transport: " + js(transport) + "})");
            host.connect("{remote: " + js(remote) + ", transport: " + js(transport) + ", timeout: 15000}");
            host.awaitCount("ready", 1);
            host.eval("KT.addFrame('attacker', " + js(sites.domain3() + "/test/attacker.html") + ")");
            host.awaitCount("frameload", 1);
            String mailbox = (String) host.eval("(function () { for (var k in window) {"
                    + " if (/^__kuayu_[a-z]+_[0-9a-f]{32}$/.test(k) && typeof window[k] === 'function') { return k; } }"
                    + " return null; })()");
            assertTrue(mailbox != null, transport + ": the host's mailbox\n" + host.log());
            // window.name's mailbox takes a remote's write, which names the remote's proxy page first: forge that too.
            String prefix = transport.equals("name") ? "kuayu-name|" + sites.domain2() + "/kuayu/proxy.html|" : "";
            host.eval("document.getElementById('attacker').contentWindow.postMessage(" + js("proxy" + js(Map.of(
                    "proxy", sites.domain1() + "/kuayu/proxy.html", "mailbox", mailbox, "prefix", prefix))) + ", "
                    + js(sites.domain3()) + ")");
            host.awaitCount("attacker", 1);
            host.waitFor("(function () { var n = 0; for (var i = 0; i < KT.debug.length; i++) {"
                    + " if (/(dropped a [A-Z]{3} from .*(without this channel's secret|frames carry secrets))"
                    + "|(ignored an unsequenced [A-Z]+: this transport's frames are all sequenced)/"
                    + "     .test(KT.debug[i])) { n++; } }"
                    + " return n >= 10; })()");
            assertEquals(Map.of("echo", "after the forgeries"), host.reply("'after the forgeries'"), transport);
            assertEquals(List.of("attacker", "connect", "frameload", "ready"),
                    host.eventTypes().stream().sorted().toList(),
                    transport + ": only the channel's own events, once each\n" + host.log());
            assertEquals(0, host.count("message"), transport + ": a forged message was delivered\n" + host.log());
        }
    }

    /**
     * Opens the hostile host page of this case and returns the frame path the test reaches it by: null for the top
     * page, or {@code "evil"}, an iframe of an admitted-origin page (sandboxed, or a {@code data:} URL page) that
     * loads the same harness and bundle from the attacker's site by absolute URLs.
     */
    private static String openHostileHost(Browser browser, Case c) {
        String hostPage = browser.bundle().select(c.pageOrigin() + "/test/host.html");
        browser.open(hostPage);
        browser.waitFor("typeof KT === 'object' && typeof kuayu === 'object'", HostPage.BOUND);
        if (c.nesting() == null) {
            return null;
        }
        String base = c.pageOrigin();
        if (c.nesting().equals("sandbox")) {
            browser.eval("(function () { var f = document.createElement('iframe'); f.id = 'evil';"
                    + " f.setAttribute('sandbox', 'allow-scripts'); f.src = " + js(hostPage)
                    + "; document.body.appendChild(f); })()");
        } else {
            String html = "<!DOCTYPE html><meta charset=utf-8><script src=\"" + base + "/config.js\"></script>"
                    + "<script src=\"" + base + "/kuayu/" + browser.bundle().file() + "\"></script>"
                    + "<script src=\"" + base + "/test/harness.js\"></script><p>a data: URL page</p>";
            browser.eval("(function () { var f = document.createElement('iframe'); f.id = 'evil'; f.src = "
                    + js("data:text/html;charset=utf-8," + URLEncoder.encode(html, StandardCharsets.UTF_8)
                            .replace("+", "%20")) + "; document.body.appendChild(f); })()");
        }
        browser.waitForInFrame("evil", "typeof KT === 'object' && typeof kuayu === 'object'", HostPage.BOUND);
        assertEquals("null", browser.evalInFrame("evil", "String(self.origin)"), c.name());
        return "evil";
    }

    private static String logOf(Browser browser, String frame) {
        Object dump = browser.evalInFrame(frame, "KT.dump()");
        return String.valueOf(dump);
    }
}
