package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

/**
 * A page built with one bundle talks to a page built with the other: the host loads the bundle of the run, the
 * remote page the other one ({@code kuayu.js} with {@code kuayu-gwt.js} and back). The wire format is the same.
 */
class CrossBundleTest {

    private static Bundle other(Bundle bundle) {
        return bundle == Bundle.TEAVM ? Bundle.GWT : Bundle.TEAVM;
    }

    @BrowserTest
    void aHostOfOneBundleTalksToARemoteOfTheOther(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        Bundle remoteBundle = other(browser.bundle());
        String url = (String) host.eval("KT.remoteUrl({mode: 'echo', bundle: " + HostPage.js(remoteBundle.param())
                + "})");
        host.eval("KT.addFrame('remote', " + HostPage.js(url) + ")");
        host.connect("{frame: 'remote'}");
        host.awaitCount("ready", 1);

        assertEquals(Map.of("host", String.valueOf(browser.bundle()), "remote", String.valueOf(remoteBundle)),
                Map.of("host", host.eval("document.querySelector('script[src^=\"/kuayu/\"]').getAttribute('src')"
                        + ".substring(7)"),
                        "remote", browser.evalInFrame("remote", "document.querySelector('script[src^=\"/kuayu/\"]')"
                                + ".getAttribute('src').substring(7)")),
                "each page loaded its own bundle");

        assertEquals(Map.of("echo", Map.of("text", "你好 😀", "n", 1L)), host.reply("{text: '你好 😀', n: 1}"),
                host.why());
        assertNull(host.send("{one: 'way'}"), host.why());
        host.awaitCount("message", 1);
        assertEquals(Map.of("echo", Map.of("one", "way"), "origin", sites.domain1()),
                host.events("message").get(0).get("data"), host.why());
        assertEquals(Map.of("sent", true), host.reply("{cmd: 'send', data: {from: 'remote'}}"), host.why());
        host.awaitCount("message", 2);
        assertEquals(Map.of("from", "remote"), host.events("message").get(1).get("data"), host.why());

        Map<String, Object> failed = host.awaitResult(host.request("{cmd: 'fail'}"));
        assertEquals(Map.of("state", "error", "code", "REMOTE_ERROR"),
                Map.of("state", failed.get("state"), "code", failed.get("code")), host.why());
    }
}
