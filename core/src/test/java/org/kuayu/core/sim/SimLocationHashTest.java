package org.kuayu.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.WindowHandle;

/** Fragments, fragment navigations and {@code parent.parent} in the simulated browser, as browsers have them. */
class SimLocationHashTest {
    private static final String HOST = "http://host.test";
    private static final String REMOTE_URL = "http://remote.test/r.html?q=1";

    private final SimBrowser browser = new SimBrowser(5);
    private final List<String> log = new ArrayList<String>();
    private int loads;

    private SimFrame remoteFrame(SimWindow host) {
        browser.page(REMOTE_URL, w -> {
            loads++;
            w.listenHashChange(() -> log.add("hashchange " + w.locationHash()));
        });
        SimFrame frame = (SimFrame) host.createFrame(REMOTE_URL, true);
        frame.onLoad(() -> log.add("load"));
        browser.runUntilIdle();
        log.clear();
        return frame;
    }

    @Test
    void aFragmentNavigationKeepsTheDocumentAndFiresHashchangeLater() {
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = remoteFrame(host);
        SimWindow remote = frame.contentWindow();

        assertTrue(frame.replaceLocation(REMOTE_URL + "#hello"));
        assertEquals("hello", remote.locationHash(), "the URL changes at once");
        assertTrue(log.isEmpty(), "the event comes in a later task");
        browser.runUntilIdle();

        assertSame(remote, frame.contentWindow(), "the same document");
        assertEquals(1, loads, "no page load, no load event");
        assertEquals(List.of("hashchange hello"), log);
        assertEquals(REMOTE_URL, frame.src(), "src stays as it was");
        assertNull(frame.documentOrigin(), "the host cannot read the cross-origin document");
    }

    @Test
    void twoNavigationsInOneTaskGiveTwoEventsAndOnlyTheLastValue() {
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = remoteFrame(host);
        frame.replaceLocation(REMOTE_URL + "#one");
        frame.replaceLocation(REMOTE_URL + "#two");
        browser.runUntilIdle();
        assertEquals(List.of("hashchange two", "hashchange two"), log);
    }

    @Test
    void clearingTheFragmentFiresNothingAndTheSameFragmentIsAChangeAgain() {
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = remoteFrame(host);
        SimWindow remote = frame.contentWindow();
        frame.replaceLocation(REMOTE_URL + "#x");
        frame.replaceLocation(REMOTE_URL + "#x");
        browser.runUntilIdle();
        assertEquals(List.of("hashchange x"), log, "the same fragment again is no change");

        remote.clearLocationHash();
        browser.runUntilIdle();
        assertEquals("", remote.locationHash());
        assertEquals(REMOTE_URL, remote.url());
        frame.replaceLocation(REMOTE_URL + "#x");
        browser.runUntilIdle();
        assertEquals(List.of("hashchange x", "hashchange x"), log);
    }

    @Test
    void anyOtherUrlLoadsANewDocument() {
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = remoteFrame(host);
        SimWindow first = frame.contentWindow();
        frame.replaceLocation("http://remote.test/r.html?q=2#x");
        browser.runUntilIdle();
        assertNotSame(first, frame.contentWindow());
        assertEquals(List.of("load"), log);
        assertEquals("x", frame.contentWindow().locationHash());
    }

    @Test
    void theFragmentIsKeptAsBrowsersKeepItAndEveryUrlIsRecorded() {
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = remoteFrame(host);
        frame.replaceLocation(REMOTE_URL + "#a|b \"c\" \u4f60 %7C ok:/?!$&'()*+,;=@-._~");
        assertEquals("a%7Cb%20%22c%22%20%E4%BD%A0%20%7C%20ok:/?!$&'()*+,;=@-._~",
                frame.contentWindow().locationHash());
        assertEquals(List.of(REMOTE_URL, REMOTE_URL + "#" + frame.contentWindow().locationHash()),
                browser.navigations());
    }

    @Test
    void withoutHashchangeEventsNothingListensAndCallersPoll() {
        browser.hashChangeEvents(false);
        SimWindow w = browser.open(HOST + "/");
        assertNull(w.listenHashChange(() -> log.add("never")));
        assertEquals(0, browser.liveListenerCount());
    }

    @Test
    void hashchangeListenersAreCountedAndCancelled() {
        SimWindow w = browser.open(HOST + "/");
        Cancellable listening = w.listenHashChange(() -> { });
        assertEquals(1, browser.liveListenerCount());
        listening.cancel();
        assertEquals(0, browser.liveListenerCount());
    }

    @Test
    void aFramesNavigationsAndHistoryChangesAreRateLimitedAsInChromium() {
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = remoteFrame(host);
        SimWindow remote = frame.contentWindow();
        for (int i = 0; i < 199; i++) {
            frame.replaceLocation(REMOTE_URL + "#" + i);
        }
        remote.clearLocationHash();
        assertEquals("", remote.locationHash(), "the 200th call counts and passes");
        frame.replaceLocation(REMOTE_URL + "#over");
        assertEquals("", remote.locationHash(), "the 201st is ignored");
        assertEquals(1, browser.throttledNavigations());
        assertTrue(browser.console().get(0).startsWith("Throttling navigation"), browser.console().toString());

        browser.advance(SimBrowser.NAVIGATION_WINDOW_MILLIS + 1);
        frame.replaceLocation(REMOTE_URL + "#later");
        assertEquals("later", remote.locationHash(), "a new window after 10 s");
        browser.limitNavigationRate(false);
        for (int i = 0; i < 300; i++) {
            frame.replaceLocation(REMOTE_URL + "#" + i);
        }
        assertEquals(1, browser.throttledNavigations());
    }

    @Test
    void aFrameNoLongerThereCannotBeNavigated() {
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = remoteFrame(host);
        frame.remove();
        assertFalse(frame.replaceLocation(REMOTE_URL + "#x"));
    }

    @Test
    void aPageTwoLevelsDownCallsTheMailboxOfAnAncestorOfItsOwnOriginOnly() {
        SimWindow host = browser.open(HOST + "/");
        host.exposeMailbox("box", text -> log.add("host got " + text));
        browser.page("http://remote.test/r.html", w -> w.createFrame(HOST + "/proxy.html", true));
        browser.page(HOST + "/proxy.html", w -> {
            WindowHandle top = w.ancestor(2);
            log.add("same origin: " + top.callMailbox("box", "hi"));
            log.add("remote: " + w.ancestor(1).callMailbox("box", "hi"));
            log.add("above the top: " + w.ancestor(3));
        });
        browser.page("http://other.test/r.html", w -> w.createFrame("http://other.test/proxy.html", true));
        browser.page("http://other.test/proxy.html", w -> log.add("other: " + w.ancestor(2).callMailbox("box", "x")));
        host.createFrame("http://remote.test/r.html", true);
        host.createFrame("http://other.test/r.html", true);
        browser.runUntilIdle();
        assertEquals(List.of("same origin: true", "remote: false", "above the top: null", "other: false",
                "host got hi"), log);
    }
}
