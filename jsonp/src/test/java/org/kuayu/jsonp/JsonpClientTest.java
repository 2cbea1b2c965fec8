package org.kuayu.jsonp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.KuayuException;
import org.kuayu.core.ReplyCallback;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.sim.ScriptRequest;
import org.kuayu.core.sim.ScriptResponder;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWindow;

class JsonpClientTest {
    private static final String API = "http://api.test/";

    private SimBrowser browser;
    private SimWindow page;
    private final List<ScriptRequest> requests = new ArrayList<ScriptRequest>();
    private int expectedUncaught;

    @BeforeEach
    void openPage() {
        browser = new SimBrowser(7);
        page = browser.open("http://www.page.test/index.html");
    }

    /** Every path leaves nothing: no script element, no callback, no stub, no timer, no error in the page. */
    @AfterEach
    void nothingIsLeftBehind() {
        browser.runUntilIdle();
        assertEquals(0, browser.liveScriptCount(), "script elements");
        assertEquals(0, browser.liveGlobalCallbackCount(), "global callbacks");
        assertEquals(0, browser.pendingTimerCount(), "timers");
        assertEquals(expectedUncaught, browser.uncaughtErrors().size(), browser.uncaughtErrors().toString());
    }

    private void serve(String path, ScriptResponder responder) {
        browser.script(API + path, req -> {
            requests.add(req);
            responder.respond(req);
        });
    }

    private ReplyRecorder call(String path, JsonpOptions options) {
        ReplyRecorder r = new ReplyRecorder();
        JsonpClient.request(page, API + path, options, r);
        return r;
    }

    @Test
    void successPassesTheJsonToOnReplyAndCleansUp() {
        serve("login", req -> req.callAndLoad(req.param("callback"), "{\"status\":true,\"user\":\"admin\"}"));
        ReplyRecorder r = call("login", JsonpOptions.builder().param("user", "admin").nonce("abc").build());
        assertFalse(r.isDone(), "the outcome comes in a later task");
        assertTrue(browser.runUntil(r::isDone, 100));
        assertEquals("{\"status\":true,\"user\":\"admin\"}", r.reply());
        assertEquals(1, r.calls());
        ScriptRequest req = requests.get(0);
        assertEquals("abc", req.nonce());
        String name = req.param("callback");
        assertTrue(name.matches("__kuayu_jsonp_[0-9a-f]{32}"), name);
        assertEquals(API + "login?user=admin&callback=" + name, req.url());
        browser.runUntilIdle();
        assertFalse(page.hasGlobal(name), "the global is deleted once the script ran");
        assertEquals(0, browser.globalStubCount());
    }

    @Test
    void encodesParamsIntoTheScriptUrl() {
        serve("q", req -> req.callAndLoad(req.param("cb"), "[]"));
        ReplyRecorder r = new ReplyRecorder();
        JsonpOptions options = JsonpOptions.builder().param("text", "café & crème = 1 # 2 + 😀").param("é", "")
                .callbackParam("cb").build();
        JsonpClient.request(page, API + "q?v=2#frag", options, r);
        browser.runUntilIdle();
        assertEquals("[]", r.reply());
        String name = requests.get(0).param("cb");
        assertEquals(API + "q?v=2&text=caf%C3%A9%20%26%20cr%C3%A8me%20%3D%201%20%23%202%20%2B%20%F0%9F%98%80&%C3%A9="
                + "&cb=" + name + "#frag", requests.get(0).url());
    }

    @Test
    void undefinedReplyIsNull() {
        serve("u", req -> req.callAndLoad(req.param("callback"), null));
        ReplyRecorder r = call("u", JsonpOptions.defaults());
        browser.runUntilIdle();
        assertEquals("null", r.reply());
    }

    @Test
    void notFoundFailsAtOnceWithTransmissionFailed() {
        serve("missing", ScriptRequest::fail);
        ReplyRecorder r = call("missing", JsonpOptions.defaults());
        assertTrue(browser.runUntil(r::isDone, 100), "before the timeout");
        assertEquals(ErrorCode.TRANSMISSION_FAILED, r.errorCode());
        assertTrue(r.error().getMessage().contains(API + "missing?callback="), r.error().getMessage());
        assertTrue(browser.now() < 100);
        assertFalse(page.hasGlobal(requests.get(0).param("callback")), "deleted at once, no stub: it can never run");
        browser.runUntilIdle();
        assertEquals(1, r.calls());
        assertStubs(0);
    }

    @Test
    void refusedConnectionFailsAtOnce() {
        ReplyRecorder r = new ReplyRecorder();
        JsonpClient.request(page, "http://down.test/api", JsonpOptions.defaults(), r);
        assertTrue(browser.runUntil(r::isDone, 100));
        assertEquals(ErrorCode.TRANSMISSION_FAILED, r.errorCode());
        assertStubs(0);
    }

    @Test
    void slowFailureStillBeatsTheTimeout() {
        serve("slow404", req -> req.delay(3000).fail());
        ReplyRecorder r = call("slow404", JsonpOptions.defaults());
        assertTrue(browser.runUntil(r::isDone, 10000));
        assertEquals(ErrorCode.TRANSMISSION_FAILED, r.errorCode());
        assertEquals(3000, browser.now());
        assertStubs(0);
    }

    @Test
    void scriptThatNeverCallsTimesOutAtTheTimeout() {
        serve("silent", ScriptRequest::loadWithoutCall);
        ReplyRecorder r = call("silent", JsonpOptions.builder().timeoutMillis(2500).build());
        browser.advance(2499);
        assertFalse(r.isDone());
        assertEquals(0, browser.liveScriptCount(), "the element goes once the script ran");
        browser.advance(1);
        assertEquals(ErrorCode.TIMEOUT, r.errorCode());
        assertTrue(r.error().getMessage().contains("2500 ms"), r.error().getMessage());
        assertStubs(1);
    }

    @Test
    void stalledServerTimesOut() {
        serve("stalled", req -> { });
        ReplyRecorder r = call("stalled", JsonpOptions.defaults());
        browser.advance(9999);
        assertFalse(r.isDone());
        assertEquals(1, browser.liveScriptCount());
        browser.advance(1);
        assertEquals(ErrorCode.TIMEOUT, r.errorCode());
        assertEquals(0, browser.liveScriptCount());
        assertStubs(1);
    }

    @Test
    void lateReplyAfterTheTimeoutIsAbsorbed() {
        serve("late", req -> req.delay(15000).callAndLoad(req.param("callback"), "{\"late\":true}"));
        ReplyRecorder r = call("late", JsonpOptions.defaults());
        browser.advance(10000);
        assertEquals(ErrorCode.TIMEOUT, r.errorCode());
        String name = requests.get(0).param("callback");
        assertTrue(page.hasGlobal(name), "a stub waits for the late reply");
        assertEquals(0, browser.liveGlobalCallbackCount());
        browser.runUntilIdle();
        assertEquals(1, r.calls(), "the late reply reaches no one");
        assertNull(r.reply());
        assertFalse(page.hasGlobal(name), "the stub deleted itself");
        assertEquals(0, browser.globalStubCount());
        assertTrue(browser.console().stream().noneMatch(l -> l.contains("ReferenceError")), browser.console()
                .toString());
    }

    @Test
    void scriptCallingTwiceGivesOneOutcomeAndNoError() {
        serve("twice", req -> req.runAndLoad(w -> {
            w.callGlobal(req.param("callback"), "1");
            w.callGlobal(req.param("callback"), "2");
        }));
        ReplyRecorder r = call("twice", JsonpOptions.defaults());
        browser.runUntilIdle();
        assertEquals("1", r.reply());
        assertEquals(1, r.calls());
        assertFalse(page.hasGlobal(requests.get(0).param("callback")));
        assertEquals(0, browser.globalStubCount());
    }

    @Test
    void asynchronousCallAfterLoadStillWinsBeforeTheTimeout() {
        serve("async", req -> req.runAndLoad(w -> w.schedule(500, () -> w.callGlobal(req.param("callback"), "3"))));
        ReplyRecorder r = call("async", JsonpOptions.defaults());
        browser.advance(100);
        assertFalse(r.isDone());
        assertEquals(0, browser.liveScriptCount(), "the element goes once the script ran");
        assertEquals(1, browser.liveGlobalCallbackCount(), "the callback stays until the timeout");
        browser.advance(400);
        assertEquals("3", r.reply());
        assertEquals(0, browser.liveGlobalCallbackCount());
        assertEquals(0, browser.pendingTimerCount(), "released at the reply, not at the timeout");
        assertEquals(0, browser.globalStubCount());
    }

    @Test
    void hundredParallelCallsEachGetTheirOwnReply() {
        serve("n", req -> req.delay((Integer.parseInt(req.param("n")) * 37) % 101)
                .callAndLoad(req.param("callback"), "{\"n\":" + req.param("n") + "}"));
        List<ReplyRecorder> replies = new ArrayList<ReplyRecorder>();
        for (int i = 0; i < 100; i++) {
            replies.add(call("n", JsonpOptions.builder().param("n", Integer.toString(i)).build()));
        }
        assertEquals(100, browser.liveScriptCount());
        assertEquals(100, browser.liveGlobalCallbackCount());
        browser.runUntilIdle();
        for (int i = 0; i < 100; i++) {
            assertEquals("{\"n\":" + i + "}", replies.get(i).reply(), "call " + i);
            assertEquals(1, replies.get(i).calls());
        }
        assertEquals(100, requests.stream().map(q -> q.param("callback")).distinct().count());
        assertEquals(0, browser.globalStubCount());
    }

    @Test
    void cancelGivesUpTheCallWithoutAnOutcomeAndAbsorbsTheLateScript() {
        serve("slow", req -> req.delay(500).callAndLoad(req.param("callback"), "1"));
        ReplyRecorder r = new ReplyRecorder();
        Cancellable call = JsonpClient.request(page, API + "slow", JsonpOptions.defaults(), r);
        browser.advance(100);
        call.cancel();
        call.cancel();
        assertEquals(0, browser.liveScriptCount());
        assertEquals(0, browser.liveGlobalCallbackCount());
        assertEquals(0, browser.pendingTimerCount());
        assertEquals(1, browser.globalStubCount(), "the script is still on its way");
        assertStubs(0);
        assertEquals(0, r.calls(), "no outcome after cancel");
        assertTrue(browser.console().stream().noneMatch(l -> l.contains("ReferenceError")));
    }

    @Test
    void cancelAfterTheOutcomeIsHarmless() {
        serve("ok", req -> req.callAndLoad(req.param("callback"), "2"));
        ReplyRecorder r = new ReplyRecorder();
        Cancellable call = JsonpClient.request(page, API + "ok", JsonpOptions.defaults(), r);
        browser.runUntilIdle();
        call.cancel();
        assertEquals("2", r.reply());
        assertStubs(0);
    }

    @Test
    void throwingCallbackDoesNotBreakCleanUp() {
        serve("ok", req -> req.callAndLoad(req.param("callback"), "2"));
        List<String> seen = new ArrayList<String>();
        JsonpClient.request(page, API + "ok", JsonpOptions.defaults(), new ReplyCallback() {
            @Override
            public void onReply(String json) {
                seen.add(json);
                throw new IllegalStateException("user bug");
            }

            @Override
            public void onError(KuayuException error) {
                seen.add("error " + error);
            }
        });
        browser.runUntilIdle();
        assertEquals(List.of("2"), seen);
        assertEquals(1, browser.uncaughtErrors().size(), "the user's exception is reported, as browsers do");
        assertEquals("user bug", browser.uncaughtErrors().get(0).getMessage());
        assertEquals(0, browser.liveScriptCount());
        assertEquals(0, browser.liveGlobalCallbackCount());
        assertEquals(0, browser.pendingTimerCount());
        expectedUncaught = 1;
    }

    @Test
    void misuseFailsFast() {
        ReplyRecorder r = new ReplyRecorder();
        assertThrows(IllegalArgumentException.class, () -> JsonpClient.request(page, "", JsonpOptions.defaults(), r));
        assertThrows(IllegalArgumentException.class, () -> JsonpClient.request(page, null, JsonpOptions.defaults(), r));
        assertThrows(IllegalArgumentException.class, () -> JsonpClient.request(null, API, JsonpOptions.defaults(), r));
        assertThrows(IllegalArgumentException.class, () -> JsonpClient.request(page, API, null, r));
        assertThrows(IllegalArgumentException.class, () -> JsonpClient.request(page, API, JsonpOptions.defaults(),
                null));
        assertEquals(0, browser.liveScriptCount());
    }

    /**
     * A global never called after a timeout or cancel leaves a stub, which holds no receiver and deletes itself if
     * a late reply ever calls it; one whose script failed to load leaves nothing.
     */
    private void assertStubs(int n) {
        browser.runUntilIdle();
        assertEquals(n, browser.globalStubCount(), "stubs");
    }
}
