package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.it.HostPage.js;

import java.util.List;
import java.util.Map;

/**
 * Only the two pages of a channel talk on it: a third origin is ignored, and a remote refuses a host it does not
 * list. The attacker runs in the real engines only, which enforce the same-origin policy between frames (HtmlUnit does
 * not, see STYLE.md); the refusal is decided by Kuayu itself and runs in both.
 */
class SecurityTest {

    @BrowserTest(Browsers.REAL)
    void thirdOriginPostingToTheHostIsIgnored(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.eval("KT.addFrame('attacker', " + js(sites.domain3() + "/test/attacker.html") + ")");
        host.awaitCount("frameload", 1);

        String fire = "document.getElementById('attacker').contentWindow.postMessage('fire', " + js(sites.domain3())
                + ")";
        // The first barrage during the handshake, the second once the channel is ready.
        host.eval("(function () { KT.connect({remote: " + js(host.remoteUrl("echo")) + "}); " + fire + "; })()");
        host.awaitCount("ready", 1);
        host.awaitCount("attacker", 1);
        host.eval(fire);
        host.awaitCount("attacker", 2);

        assertEquals(Map.of("echo", "after the attack"), host.reply("'after the attack'"), host.why());
        assertNull(host.send("'still mine'"), host.why());
        host.awaitCount("message", 1);

        List<Map<String, Object>> notes = host.events("attacker");
        assertTrue(notes.stream().allMatch(n -> String.valueOf(n.get("data")).startsWith("done|")),
                "a port the attacker offered was written to\n" + host.log());
        assertTrue(String.valueOf(notes.get(0).get("data")).matches("done\\|1\\|[0-9]{3,}"),
                "the attacker posted hundreds of forgeries\n" + host.log());
        List<String> types = host.eventTypes();
        assertEquals(List.of("attacker", "attacker", "connect", "frameload", "message", "ready"),
                types.stream().sorted().toList(), "only the channel's own events, once each\n" + host.log());
        Map<String, Object> echo = host.events("message").get(0);
        assertEquals(sites.domain2(), echo.get("origin"), host.why());
        assertEquals(Map.of("echo", "still mine", "origin", sites.domain1()), echo.get("data"), host.why());

        List<Map<String, Object>> remote = host.remoteEvents();
        assertFalse(remote.toString().contains("forged"), "the remote page took a forged frame: " + remote);
        assertEquals(1, HandshakeTest.count(remote, "ready"), "the remote's log: " + remote);
    }

    @BrowserTest
    void remoteRefusesHostItDoesNotList(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connect("{remote: " + js(host.remoteUrl("echo", sites.domain3())) + "}");
        host.awaitCount("close", 1);

        List<Map<String, Object>> errors = host.events("error");
        assertEquals(1, errors.size(), host.why());
        assertEquals("ORIGIN_REJECTED", errors.get(0).get("code"), host.why());
        assertEquals(List.of("connect", "error", "close"), host.eventTypes(), host.why());
        assertEquals("closed", host.state().get("state"), host.why());
    }

    @BrowserTest(Browsers.REAL)
    void consoleStaysCleanThroughAWholeSession(Browser browser, DemoSites sites) {
        HostPage host = HostPage.open(browser, sites);
        host.connect("{remote: " + js(host.remoteUrl("echo")) + ", debug: false}");
        host.awaitCount("ready", 1);
        host.send("{hello: 1}");
        host.awaitCount("message", 1);
        host.reply("'a request'");
        Map<String, Object> failed = host.awaitResult(host.request("{cmd: 'no such command'}"));
        assertEquals("REMOTE_ERROR", failed.get("code"), host.why());
        host.eval("KT.close()");
        host.awaitCount("close", 1);

        assertEquals(List.of(), browser.consoleErrors(), host.why());
    }
}
