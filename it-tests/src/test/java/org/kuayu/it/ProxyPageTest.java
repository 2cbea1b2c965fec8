package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kuayu.it.HostPage.js;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /kuayu/proxy.html} alone, framed by the host page: it hands a Kuayu frame from its fragment (or its
 * window.name) to the mailbox of an ancestor of its own origin, and ignores everything else without a sound in the
 * console (the extension fails any test whose page logs an error).
 */
class ProxyPageTest {
    private static final String MAILBOX = "__kuayu_test_0123456789abcdef0123456789abcdef";

    @BrowserTest(bundles = Bundle.TEAVM)
    void itDeliversKuayuFramesOnlyAndStaysSilentOtherwise(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.eval("(window[" + js(MAILBOX) + "] = function (t) { KT.record('delivered', {data: t}); }) && true");
        List<String> fragments = List.of("", "#", "#__kuayu_", "#__kuayu_test_xyz:kuayu1", "#" + MAILBOX,
                "#" + MAILBOX + ":%E4%BD", "#" + MAILBOX + ":not a frame", "#" + MAILBOX.replace('0', 'f') + ":kuayu1",
                "#" + MAILBOX + ":kuayu1%7CMSG%7Cc%7C0%7C%22%E4%BD%A0%22", "#" + MAILBOX + ":%6Buayu1%7Cescaped");
        for (int i = 0; i < fragments.size(); i++) {
            host.eval("KT.addFrame(" + js("p" + i) + ", " + js("/kuayu/proxy.html" + fragments.get(i)) + ")");
        }
        host.awaitCount("frameload", fragments.size());
        host.awaitCount("delivered", 2);
        // Ten frames load independently: WebKit loaded p9 before p8, so the two deliveries come in either order.
        assertEquals(Set.of("kuayu1|MSG|c|0|\"你\"", "kuayu1|escaped"), new HashSet<>(data(host)), host.why());

        // A fragment change in a loaded proxy page is read at hashchange; the same fragment again is no change.
        String base = sites.domain1() + "/kuayu/proxy.html#" + MAILBOX + ":";
        host.eval("document.getElementById('p0').contentWindow.location.replace(" + js(base + "kuayu1%7Cagain") + ")");
        host.awaitCount("delivered", 3);
        host.eval("document.getElementById('p0').contentWindow.location.replace(" + js(base + "%6Buayu1%7Cagain")
                + ")");
        host.awaitCount("delivered", 4);
        assertEquals("kuayu1|again", data(host).get(3), host.why());

        // window.name: read at load, then emptied.
        host.eval("(function () { var f = document.createElement('iframe'); f.name = " + js(MAILBOX + ":kuayu1|name")
                + "; f.id = 'named'; f.src = '/kuayu/proxy.html'; document.body.appendChild(f); return true; })()");
        host.awaitCount("delivered", 5);
        assertEquals("kuayu1|name", data(host).get(4), host.why());
        assertEquals("", host.eval("document.getElementById('named').contentWindow.name"), host.why());
        assertEquals(List.of(), host.events("pageerror"), host.why());
    }

    private static List<Object> data(HostPage host) {
        List<Object> data = new ArrayList<>();
        for (Map<String, Object> event : host.events("delivered")) {
            data.add(event.get("data"));
        }
        return data;
    }
}
