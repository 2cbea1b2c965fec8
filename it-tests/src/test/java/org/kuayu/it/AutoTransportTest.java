package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.it.HostPage.js;

import java.util.List;
import java.util.Map;

import org.kuayu.demo.Site;

/**
 * {@code transport: 'auto'} (the default): the host tries postMessage, then document.domain where the two origins
 * share a parent domain, then window.name, then location.hash, and tells {@code onError} of each fallback; a remote
 * with {@code auto} listens on postMessage alone, and on the others only when it names them (a list listens on all
 * it names at once). The remote pages here are mostly forced to one transport, so that the host must fall back to
 * it.
 */
class AutoTransportTest {

    private static HostPage connectedTo(Browser browser, DemoSites sites, String remoteTransport) {
        HostPage host = HostPage.open(browser, sites);
        String remote = (String) host.eval("KT.remoteUrl({mode: 'echo', extra: 'transport=" + remoteTransport + "'})");
        // 6 s for the three attempts between domain1 and domain2 (no shared parent domain): 2 s each.
        host.connect("{remote: " + js(remote) + ", timeout: 6000}");
        host.awaitCount("ready", 1);
        return host;
    }

    private static String fallbacks(HostPage host) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> e : host.events("error")) {
            sb.append(e.get("code")).append(": ").append(e.get("message")).append('\n');
        }
        return sb.toString();
    }

    @BrowserTest
    void aRemoteThatListensOnEverythingIsReachedOverPostMessageAtOnce(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connect("{remote: " + js(host.remoteUrl("echo")) + "}");
        host.awaitCount("ready", 1);
        assertEquals("postMessage", host.state().get("transport"), host.why());
        assertEquals(Map.of("echo", 1L), host.reply("1"), host.why());
        assertEquals("postMessage", ((Map<?, ?>) host.reply("{cmd: 'state'}")).get("transport"),
                "the remote's other transports stopped once postMessage won");
        assertEquals(List.of("connect", "ready"), host.eventTypes(), host.why());
    }

    @BrowserTest
    void aRemoteOnWindowNameOnlyIsReachedAfterOneFallback(Browser browser, DemoSites sites) {
        HostPage host = connectedTo(browser, sites, "name");
        assertEquals("name", host.state().get("transport"), host.why());
        assertEquals(List.of("connect", "error", "ready"), host.eventTypes(), host.why());
        Map<String, Object> fallback = host.events("error").get(0);
        assertEquals("TIMEOUT", fallback.get("code"), host.why());
        assertTrue(String.valueOf(fallback.get("message")).contains("transport postMessage failed"), fallbacks(host));
        assertTrue(String.valueOf(fallback.get("message")).contains("trying name"), fallbacks(host));
        assertEquals(Map.of("echo", "over name"), host.reply("'over name'"), host.why());
        host.waitFor("KT.iframes() === 1");
    }

    @BrowserTest
    void aRemoteOnLocationHashOnlyIsReachedAfterTwoFallbacks(Browser browser, DemoSites sites) {
        HostPage host = connectedTo(browser, sites, "hash");
        assertEquals("hash", host.state().get("transport"), host.why());
        assertEquals(List.of("connect", "error", "error", "ready"), host.eventTypes(), host.why());
        String said = fallbacks(host);
        assertTrue(said.contains("trying name") && said.contains("trying hash"), said);
        assertEquals(Map.of("echo", "over hash"), host.reply("'over hash'"), host.why());
        // The frames of the attempts that failed are gone: only the winner's remote frame is left.
        host.waitFor("KT.iframes() === 1");
    }

    @BrowserTest
    void aRemoteOnDocumentDomainIsReachedWhereTheOriginsShareAParentDomain(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites, Site.DOMAIN_WWW, "");
        host.connect("{remote: " + js(host.childRemoteUrl("echo", null)) + ", timeout: 8000}");
        host.awaitCount("ready", 1);
        assertEquals("domain", host.state().get("transport"), host.why());
        assertEquals(List.of("connect", "error", "ready"), host.eventTypes(), host.why());
        assertTrue(fallbacks(host).contains("trying domain"), fallbacks(host));
        assertEquals(Map.of("echo", 2L), host.reply("2"), host.why());
    }

    @BrowserTest
    void aRefusedOriginEndsTheChannelWithoutFallingBack(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connect("{remote: " + js(host.remoteUrl("echo", sites.domain3())) + "}");
        host.awaitCount("close", 1);
        assertEquals(List.of("connect", "error", "close"), host.eventTypes(), host.why());
        assertEquals("ORIGIN_REJECTED", host.events("error").get(0).get("code"), host.why());
    }

    /**
     * A remote page with Kuayu's default listens on postMessage alone: a host that tries only window.name and
     * location.hash is never answered, and its last TIMEOUT says the remote must name those transports.
     */
    @BrowserTest
    void aRemoteWithTheDefaultTakesNeitherNameNorHash(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        String remote = (String) host.eval("KT.remoteUrl({mode: 'echo', extra: 'transport=default'})");
        host.connect("{remote: " + js(remote) + ", transport: ['name', 'hash'], timeout: 4000}");
        host.awaitCount("close", 1);
        List<Map<String, Object>> errors = host.events("error");
        assertEquals("TIMEOUT", errors.get(errors.size() - 1).get("code"), host.why());
        assertTrue(String.valueOf(errors.get(errors.size() - 1).get("message"))
                .contains("a remote page listens on postMessage alone unless its accept names the others"),
                fallbacks(host));
        assertEquals(0L, host.count("ready"), host.why());
    }
}
