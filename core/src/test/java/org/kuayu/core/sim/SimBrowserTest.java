package org.kuayu.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.WindowHandle;
import org.kuayu.core.platform.WindowMessageListener;

class SimBrowserTest {
    private static final String HOST = "http://host.test";
    private static final String REMOTE = "http://remote.test";

    private final SimBrowser browser = new SimBrowser(7);
    private final List<String> log = new ArrayList<String>();

    private WindowMessageListener recorder(final String name) {
        return (text, origin, source, port) -> log.add(name + " got " + text + " from " + origin
                + (port != null ? " +port" : ""));
    }

    @Test
    void postMessageArrivesInALaterTaskWithTheSendersOriginAndWindow() {
        browser.page(REMOTE + "/r.html", w -> w.listen((text, origin, source, port) -> {
            log.add("remote got " + text + " from " + origin);
            source.post("pong", origin, null);
        }));
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = (SimFrame) host.createFrame(REMOTE + "/r.html", true);
        host.listen((text, origin, source, port) -> {
            log.add("host got " + text + " from " + origin + (source.isSame(frame.window()) ? " (the frame)" : ""));
        });
        browser.runUntilIdle();

        frame.window().post("ping", REMOTE, null);
        assertTrue(log.isEmpty(), "delivered synchronously");
        browser.runUntilIdle();

        assertEquals(List.of("remote got ping from " + HOST, "host got pong from " + REMOTE + " (the frame)"), log);
        assertEquals(2, browser.windowDeliveries());
    }

    @Test
    void postMessageIsDeliveredOnlyToTheTargetOrigin() {
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = (SimFrame) host.createFrame(REMOTE + "/r.html", true);
        browser.runUntilIdle();
        frame.contentWindow().listen(recorder("remote"));

        frame.window().post("wrong", "http://other.test", null);
        frame.window().post("wrong port", "http://remote.test:8080", null);
        frame.window().post("https", "https://remote.test", null);
        frame.window().post("own", "/", null);
        frame.window().post("path ignored", REMOTE + "/any/path?q", null);
        frame.window().post("any", "*", null);
        browser.runUntilIdle();

        assertEquals(List.of("remote got path ignored from " + HOST, "remote got any from " + HOST), log);
        assertEquals(4, browser.originMismatches());
        assertTrue(browser.console().get(0).contains("does not match the recipient window's origin"));
        assertThrows(IllegalArgumentException.class, () -> frame.window().post("x", "not an origin", null));
    }

    @Test
    void theTargetOriginIsCheckedAgainstTheDocumentShownAtDelivery() {
        int[] loads = new int[1];
        browser.page(REMOTE + "/r.html", w -> w.listen(recorder("document " + ++loads[0])));
        browser.loadDelay(10);
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = (SimFrame) host.createFrame(REMOTE + "/r.html", true);
        WindowHandle target = frame.window();
        target.post("to the blank document", REMOTE, null);
        browser.runUntilIdle();
        assertEquals(1, browser.originMismatches(), "the initial about:blank has the host's origin");

        frame.reload();
        target.post("posted before the reload commits", REMOTE, null);
        browser.advance(10);
        target.post("posted after", REMOTE, null);
        browser.runUntilIdle();

        assertEquals(List.of("document 1 got posted before the reload commits from " + HOST,
                "document 2 got posted after from " + HOST), log);
    }

    @Test
    void aFrameRunsItsScriptBeforeItsLoadListenersAndHidesAnotherOriginsDocument() {
        browser.page(REMOTE + "/r.html", w -> log.add("script in " + w.url() + " child of " + w.parentOriginHint()));
        browser.page(HOST + "/same.html", w -> log.add("script in " + w.url()));
        SimWindow host = browser.open(HOST + "/index.html");
        SimFrame frame = (SimFrame) host.createFrame(REMOTE + "/r.html", true);
        SimFrame same = (SimFrame) host.createFrame("same.html", false);
        frame.onLoad(() -> log.add("load " + frame.documentOrigin()));
        same.onLoad(() -> log.add("load same " + same.documentOrigin()));
        assertEquals("", frame.documentOrigin());
        assertTrue(log.isEmpty());
        browser.runUntilIdle();
        assertEquals(List.of("script in " + REMOTE + "/r.html child of " + HOST, "script in " + HOST + "/same.html",
                "load null", "load same " + HOST), log);
        assertEquals(REMOTE, frame.contentWindow().origin());
        assertFalse(frame.contentWindow().isTopLevel());
        assertSame(frame, frame.contentWindow().frameElement());
    }

    @Test
    void aReloadReplacesTheDocumentAndItsListenersAndTimers() {
        List<SimWindow> loaded = new ArrayList<SimWindow>();
        browser.page(REMOTE + "/r.html", w -> {
            loaded.add(w);
            w.listen(recorder("doc" + loaded.size()));
            w.schedule(1000, () -> log.add("timer of doc" + loaded.size()));
        });
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = (SimFrame) host.createFrame(REMOTE + "/r.html", true);
        frame.onLoad(() -> log.add("load"));
        browser.advance(10);
        frame.reload();
        browser.runUntilIdle();

        assertEquals(2, loaded.size());
        assertFalse(loaded.get(0).isAlive());
        assertEquals(0, loaded.get(0).listenerCount());
        assertTrue(loaded.get(1).isAlive());
        assertEquals(List.of("load", "load", "timer of doc2"), log);
        log.clear();
        frame.window().post("hi", REMOTE, null);
        browser.runUntilIdle();
        assertEquals(List.of("doc2 got hi from " + HOST), log);

        Cancellable never = loaded.get(0).schedule(0, () -> log.add("dead code ran"));
        never.cancel();
        loaded.get(0).listen(recorder("dead"));
        assertEquals(0, loaded.get(0).listenerCount());
    }

    @Test
    void navigatingAFrameShowsAnotherOrigin() {
        browser.page("http://other.test/o.html", w -> log.add("other page"));
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = (SimFrame) host.createFrame(REMOTE + "/r.html", true);
        browser.runUntilIdle();
        SimWindow first = frame.contentWindow();
        frame.navigate("http://other.test/o.html");
        browser.runUntilIdle();
        assertFalse(first.isAlive());
        assertEquals("http://other.test", frame.contentWindow().origin());
        assertEquals(REMOTE + "/r.html", frame.src(), "a navigation inside the frame leaves src alone");
        assertEquals(List.of("other page"), log);
        frame.navigate(HOST + "/back.html");
        browser.runUntilIdle();
        assertEquals(HOST, frame.documentOrigin());
    }

    @Test
    void aRemovedFrameIsUnreachable() {
        browser.page(REMOTE + "/r.html", w -> w.listen(recorder("remote")));
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = (SimFrame) host.createFrame(REMOTE + "/r.html", true);
        frame.onLoad(() -> { });
        browser.runUntilIdle();
        WindowHandle kept = frame.window();
        SimWindow remote = frame.contentWindow();
        assertEquals(1, browser.liveFrameCount());
        assertEquals(2, browser.liveListenerCount());

        frame.remove();
        kept.post("late", REMOTE, null);
        browser.runUntilIdle();

        assertFalse(frame.isAttached());
        assertNull(frame.window());
        assertNull(frame.contentWindow());
        assertNull(frame.documentOrigin());
        assertFalse(remote.isAlive());
        assertTrue(log.isEmpty());
        assertEquals(0, browser.liveFrameCount());
        assertEquals(0, browser.liveListenerCount());
        assertTrue(host.frames().isEmpty());
        assertThrows(IllegalStateException.class, frame::reload);
    }

    @Test
    void removingAFrameRemovesTheFramesInsideIt() {
        browser.page(REMOTE + "/r.html", w -> w.createFrame("http://inner.test/", true));
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = (SimFrame) host.createFrame(REMOTE + "/r.html", true);
        browser.runUntilIdle();
        assertEquals(2, browser.liveFrameCount());
        SimFrame inner = frame.contentWindow().frames().get(0);
        assertEquals("http://inner.test", inner.contentWindow().origin());
        assertEquals(REMOTE, inner.contentWindow().parentOriginHint());
        frame.remove();
        assertFalse(inner.isAttached());
        assertEquals(0, browser.liveFrameCount());
    }

    @Test
    void withoutAncestorOriginsAFrameDoesNotKnowItsParent() {
        browser.ancestorOrigins(false);
        SimWindow host = browser.open(HOST + "/");
        SimFrame frame = (SimFrame) host.createFrame(REMOTE + "/r.html", true);
        browser.runUntilIdle();
        assertNull(frame.contentWindow().parentOriginHint());
        assertNotNull(frame.contentWindow().parent());
        assertNull(host.parent());
        assertNull(host.parentOriginHint());
    }

    @Test
    void tasksRunByDueTimeThenInsertionOrderOnTheVirtualClock() {
        SimWindow w = browser.open(HOST + "/");
        w.schedule(20, () -> log.add("b@" + browser.now()));
        w.schedule(10, () -> log.add("a@" + browser.now()));
        w.schedule(20, () -> log.add("c@" + browser.now()));
        w.schedule(0, () -> w.schedule(0, () -> log.add("nested@" + browser.now())));
        Cancellable cancelled = w.schedule(5, () -> log.add("cancelled"));
        cancelled.cancel();
        assertEquals(4, browser.pendingTimerCount());

        browser.advance(15);
        assertEquals(List.of("nested@0", "a@10"), log);
        assertEquals(15, browser.now());
        assertEquals(2, browser.pendingTimerCount());
        browser.runUntilIdle();
        assertEquals(List.of("nested@0", "a@10", "b@20", "c@20"), log);
        assertEquals(0, browser.pendingTaskCount());
        assertEquals(20.0, w.now());
    }

    @Test
    void runUntilStopsAtTheConditionOrAtTheBound() {
        SimWindow w = browser.open(HOST + "/");
        w.schedule(100, () -> log.add("x"));
        w.schedule(5000, () -> log.add("y"));
        assertTrue(browser.runUntil(() -> !log.isEmpty(), 1000));
        assertEquals(100, browser.now());
        assertFalse(browser.runUntil(() -> log.size() == 2, 1000));
        assertEquals(1100, browser.now());
        assertTrue(browser.runUntil(() -> log.size() == 2, 10000));
        assertEquals(5000, browser.now());
    }

    @Test
    void aTimerThatReschedulesItselfForeverIsCaught() {
        SimWindow w = browser.open(HOST + "/");
        Runnable[] loop = new Runnable[1];
        loop[0] = () -> w.schedule(1, loop[0]);
        w.schedule(0, loop[0]);
        assertThrows(IllegalStateException.class, browser::runUntilIdle);
    }

    @Test
    void anExceptionInATaskIsReportedAndTheLoopGoesOn() {
        SimWindow w = browser.open(HOST + "/");
        w.schedule(0, () -> {
            throw new IllegalStateException("boom");
        });
        w.schedule(0, () -> log.add("next"));
        browser.runUntilIdle();
        assertEquals(List.of("next"), log);
        assertEquals("boom", browser.uncaughtErrors().get(0).getMessage());
        assertTrue(browser.console().get(0).contains("boom"));
    }

    @Test
    void resolvesUrlsAgainstTheDocument() {
        SimWindow w = browser.open("http://host.test/a/b.html?x#y");
        assertEquals("http://host.test/a/c.html", w.resolveUrl("c.html"));
        assertEquals("http://host.test/c.html", w.resolveUrl("/c.html"));
        assertEquals("http://other.test/c", w.resolveUrl("//other.test/c"));
        assertEquals("https://x.test/", w.resolveUrl("https://x.test/"));
        assertEquals("http://host.test/r.html", browser.open("http://host.test").resolveUrl("r.html"));
        assertEquals(HOST, w.selfOrigin());
        assertEquals("http://host.test:8080", browser.open("HTTP://Host.TEST:8080/").selfOrigin());
        assertEquals("https://host.test", browser.open("https://host.test:443/").selfOrigin());
    }

    @Test
    void debugLinesAreKeptPerWindowAndForTheBrowser() {
        SimWindow w = browser.open(HOST + "/");
        w.debug("hello");
        assertEquals(List.of("hello"), w.debugLines());
        assertEquals(List.of("[" + HOST + "] hello"), browser.debugLines());
    }
}
