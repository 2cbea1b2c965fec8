package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kuayu.it.HostPage.js;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A thousand connect, request and close cycles in Chromium leave nothing behind in the host page: no iframe, no script
 * element, no global, no listener on the window, and a heap that grows no more than with frames alone (the same
 * number of frames of the same page, loaded and removed without Kuayu). Listeners and heap come from the DevTools
 * protocol (heap after a full garbage collection), which no page script can see.
 */
class LeakTest {
    private static final int CYCLES = 1000;

    /** Runs {@code n} cycles in the page, each a new channel to the echo page, one request, then close. */
    private static void cycles(Browser browser, String remote, int n) {
        browser.eval("(function () { var left = " + n + "; window.LEAK = {done: false, error: null};"
                + " function fail(e) { LEAK.error = String(e && e.code ? e.code + ' ' + e.message : e); LEAK.done = true; }"
                + " function cycle() { var ch = kuayu.connect({remote: " + js(remote) + ","
                + "   onReady: function () { ch.request('ping').then(function () { ch.close(); }, fail); },"
                + "   onError: fail,"
                + "   onClose: function () { if (LEAK.error) return; left--;"
                + "     if (left > 0) { setTimeout(cycle, 0); } else { LEAK.done = true; } } }); }"
                + " cycle(); return true; })()");
        browser.waitFor("window.LEAK.done", Duration.ofMinutes(5));
        assertEquals(null, browser.eval("window.LEAK.error"), browser.pageLog());
        browser.waitFor("document.getElementsByTagName('iframe').length === 0", HostPage.BOUND);
    }

    /** The same cycles without Kuayu: a frame of the echo page, its load, its removal. */
    private static void rawCycles(Browser browser, String remote, int n) {
        browser.eval("(function () { var left = " + n + "; window.RAW = {done: false};"
                + " function cycle() { var f = document.createElement('iframe'); f.style.display = 'none';"
                + "   f.onload = function () { f.parentNode.removeChild(f); left--;"
                + "     if (left > 0) { setTimeout(cycle, 0); } else { RAW.done = true; } };"
                + "   f.src = " + js(remote) + "; document.body.appendChild(f); }"
                + " cycle(); return true; })()");
        browser.waitFor("window.RAW.done", Duration.ofMinutes(5));
    }

    private static long heapAfterCollection(ChromiumBrowser chromium) {
        chromium.cdp("HeapProfiler.collectGarbage", Map.of());
        return ((Number) chromium.cdp("Runtime.getHeapUsage", Map.of()).get("usedSize")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static int windowListeners(ChromiumBrowser chromium) {
        Map<String, Object> window = (Map<String, Object>) chromium.cdp("Runtime.evaluate",
                Map.of("expression", "window")).get("result");
        List<?> listeners = (List<?>) chromium.cdp("DOMDebugger.getEventListeners",
                Map.of("objectId", window.get("objectId"))).get("listeners");
        return listeners.size();
    }

    @BrowserTest(only = BrowserKind.CHROMIUM, bundles = Bundle.TEAVM)
    void aThousandConnectCloseCyclesLeaveNothingBehind(Browser browser, DemoSites sites) {
        ChromiumBrowser chromium = (ChromiumBrowser) browser;
        HostPage host = HostPage.open(browser, sites);
        // A quiet echo page: test/remote.html would tell the harness of every close, which keeps a log of it.
        String remote = sites.domain2() + "/test/echo.html";
        String globals = "Object.getOwnPropertyNames(window).filter(function (k) { return k.indexOf('__kuayu') === 0;"
                + " }).length";
        String scripts = "document.getElementsByTagName('script').length";
        Object scriptsBefore = browser.eval(scripts);
        int listenersBefore = windowListeners(chromium);

        // The baseline: what frames alone leave in Chromium's heap (caches it keeps per origin and per load).
        rawCycles(browser, remote, 50);
        long rawWarm = heapAfterCollection(chromium);
        rawCycles(browser, remote, CYCLES / 2);
        long rawGrowth = heapAfterCollection(chromium) - rawWarm;
        // Warm-up: the first cycles fill caches (compiled code, the HTTP cache) that stay, whatever the count.
        cycles(browser, remote, 50);
        long warm = heapAfterCollection(chromium);
        cycles(browser, remote, CYCLES / 2);
        long half = heapAfterCollection(chromium);
        cycles(browser, remote, CYCLES / 2);
        long after = heapAfterCollection(chromium);

        assertEquals(0L, browser.eval(globals), "no __kuayu globals are left");
        assertEquals(scriptsBefore, browser.eval(scripts), "no script element is left");
        assertEquals(listenersBefore, windowListeners(chromium), "no listener is left on the window");
        String measured = "heap growth over " + CYCLES / 2 + " cycles: frames alone " + rawGrowth / 1024 + " KB; Kuayu "
                + (half - warm) / 1024 + " KB, then " + (after - half) / 1024 + " KB";
        System.out.println("leaks: " + measured);
        // Memory flat: the second half of the cycles grows the heap no more than frames alone do (with 64 KB for the
        // collector's noise); a leak of even 150 bytes a channel would show as 75 KB more.
        assertTrue(after - half <= rawGrowth + 64 * 1024, measured);
    }
}
