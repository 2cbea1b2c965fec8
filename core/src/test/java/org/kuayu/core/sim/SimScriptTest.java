package org.kuayu.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.GlobalCallback;

/** The simulated {@code loadScript} and {@code defineGlobalCallback}: what JSONP clients are tested against. */
class SimScriptTest {
    private final SimBrowser browser = new SimBrowser(3);
    private final SimWindow page = browser.open("http://page.test/");
    private final List<String> events = new ArrayList<String>();

    private Cancellable load(String url) {
        return page.loadScript(url, "n", () -> events.add("load"), () -> events.add("error"));
    }

    @Test
    void responderCallsTheGlobalThenLoadFires() {
        browser.script("http://api.test/", req -> req.callAndLoad("g", "{\"a\":1}"));
        page.defineGlobalCallback("g", events::add);
        load("http://api.test/x?callback=g");
        assertEquals(1, browser.liveScriptCount());
        assertTrue(events.isEmpty(), "nothing runs synchronously");
        browser.runUntilIdle();
        assertEquals(List.of("{\"a\":1}", "load"), events);
        assertEquals(1, browser.liveScriptCount(), "the page removes the element, not the browser");
        assertEquals(1, browser.liveGlobalCallbackCount());
    }

    @Test
    void noResponderIsARefusedConnection() {
        load("http://nowhere.test/x");
        browser.runUntilIdle();
        assertEquals(List.of("error"), events);
        assertTrue(browser.console().get(0).contains("nowhere.test"));
    }

    @Test
    void longestPrefixWinsAndParamsAreReadRaw() {
        browser.script("http://api.test/", ScriptRequest::fail);
        browser.script("http://api.test/ok", req -> {
            events.add(req.param("cb") + "|" + req.param("none") + "|" + req.nonce());
            req.loadWithoutCall();
        });
        load("http://api.test/ok?a=1&cb=x%20y#f");
        browser.runUntilIdle();
        assertEquals(List.of("x%20y|null|n", "load"), events);
    }

    @Test
    void removedElementIsSilencedButItsScriptStillRuns() {
        browser.script("http://api.test/", req -> req.delay(100).callAndLoad("g", "1"));
        page.defineGlobalCallback("g", events::add);
        Cancellable script = load("http://api.test/");
        script.cancel();
        script.cancel();
        assertEquals(0, browser.liveScriptCount());
        browser.runUntilIdle();
        assertEquals(List.of("1"), events, "the global is called, no load event heard");
    }

    @Test
    void cancelledGlobalNeverCalledBecomesASelfDeletingStub() {
        browser.script("http://api.test/", req -> req.delay(100).callAndLoad("g", "1"));
        Cancellable global = page.defineGlobalCallback("g", events::add);
        load("http://api.test/");
        global.cancel();
        assertTrue(page.hasGlobal("g"));
        assertEquals(0, browser.liveGlobalCallbackCount());
        assertEquals(1, browser.globalStubCount());
        browser.runUntilIdle();
        assertEquals(List.of("load"), events, "the late call reaches no one");
        assertFalse(page.hasGlobal("g"));
        assertEquals(0, browser.globalStubCount());
        assertTrue(browser.uncaughtErrors().isEmpty());
    }

    @Test
    void cancelledGlobalAlreadyCalledIsDeletedOutright() {
        Cancellable global = page.defineGlobalCallback("g", events::add);
        page.callGlobal("g", null);
        global.cancel();
        assertEquals(List.of("null"), events, "undefined arrives as null");
        assertFalse(page.hasGlobal("g"));
        assertEquals(0, browser.globalStubCount());
    }

    @Test
    void deletedGlobalLeavesNoStub() {
        GlobalCallback global = page.defineGlobalCallback("g", events::add);
        global.delete();
        assertFalse(page.hasGlobal("g"));
        assertEquals(0, browser.globalStubCount());
        assertEquals(0, browser.liveGlobalCallbackCount());
    }

    @Test
    void deleteAfterCancelRemovesTheStubAndSparesAnotherGlobalOfTheSameName() {
        GlobalCallback first = page.defineGlobalCallback("g", events::add);
        first.cancel();
        assertEquals(1, browser.globalStubCount());
        first.delete();
        assertFalse(page.hasGlobal("g"));
        assertEquals(0, browser.globalStubCount());
        GlobalCallback second = page.defineGlobalCallback("g", events::add);
        first.delete();
        first.cancel();
        page.callGlobal("g", "2");
        assertEquals(List.of("2"), events, "the newer global is untouched and still delivers");
        second.delete();
        second.delete();
        assertFalse(page.hasGlobal("g"));
    }

    @Test
    void callingAnUndefinedGlobalIsAnUncaughtReferenceError() {
        browser.script("http://api.test/", req -> req.callAndLoad("missing", "1"));
        load("http://api.test/");
        browser.runUntilIdle();
        assertEquals(List.of("load"), events);
        assertEquals(1, browser.uncaughtErrors().size());
        assertTrue(browser.uncaughtErrors().get(0).getMessage().contains("ReferenceError: missing"));
    }

    @Test
    void unloadDropsScriptsAndGlobals() {
        SimFrame frame = (SimFrame) page.createFrame("http://page.test/inner", true);
        browser.runUntilIdle();
        SimWindow inner = frame.contentWindow();
        browser.script("http://api.test/", req -> req.delay(50).callAndLoad("g", "1"));
        inner.defineGlobalCallback("g", events::add);
        inner.loadScript("http://api.test/", null, () -> events.add("load"), () -> events.add("error"));
        assertEquals(1, browser.liveScriptCount());
        frame.remove();
        assertEquals(0, browser.liveScriptCount());
        assertEquals(0, browser.liveGlobalCallbackCount());
        browser.runUntilIdle();
        assertTrue(events.isEmpty());
    }
}
