package org.kuayu.jsonp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kuayu.core.ChannelState;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Kuayu;
import org.kuayu.core.Origin;
import org.kuayu.core.sim.ChannelRecorder;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.sim.ScriptRequest;
import org.kuayu.core.sim.ScriptResponder;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWindow;

/** A channel over the JSONP transport, on the simulated browser: what a user of {@code CrossDomainChannel} sees. */
class JsonpTransportTest {
    static final String API = "http://api.test/";

    private final SimBrowser browser = new SimBrowser(11);
    private final SimWindow page = browser.open("http://www.page.test/index.html");
    private final ChannelRecorder events = new ChannelRecorder();
    private final List<ScriptRequest> requests = new ArrayList<ScriptRequest>();

    /** Every test ends with nothing left: no script element, callback, stub, timer or error in the page. */
    @AfterEach
    void nothingIsLeftBehind() {
        browser.runUntilIdle();
        assertTrue(browser.now() < 1000000, "a call's own timer was left running: " + browser.now() + " ms");
        assertEquals(0, browser.liveScriptCount(), "script elements");
        assertEquals(0, browser.liveGlobalCallbackCount(), "global callbacks");
        assertEquals(0, browser.globalStubCount(), "stubs");
        assertEquals(0, browser.liveFrameCount(), "frames");
        assertEquals(List.of(), browser.uncaughtErrors());
    }

    private void serve(String path, ScriptResponder responder) {
        browser.script(API + path, req -> {
            requests.add(req);
            responder.respond(req);
        });
    }

    private CrossDomainChannel connect(String path, int timeoutMillis) {
        return Kuayu.connect(page, ConnectOptions.builder().remote(API + path).transport(JsonpTransport.FACTORY)
                .timeoutMillis(timeoutMillis).listener(events).build());
    }

    private CrossDomainChannel connectReady(String path) {
        CrossDomainChannel channel = connect(path, 10000);
        assertTrue(browser.runUntil(channel::isReady, 10));
        return channel;
    }

    private ReplyRecorder request(CrossDomainChannel channel, String json) {
        ReplyRecorder r = new ReplyRecorder();
        channel.request(json, r);
        return r;
    }

    @Test
    void becomesReadyInTheNextTaskWithoutHandshakeOrFrame() {
        CrossDomainChannel channel = connect("login", 10000);
        assertFalse(channel.isReady(), "never ready inside connect");
        assertEquals(0, events.readyCount());
        assertEquals(0, browser.liveFrameCount(), "no frame");
        browser.runUntilIdle();
        assertEquals(0, browser.now(), "ready at once: nothing to wait for");
        assertTrue(channel.isReady());
        assertEquals(List.of("ready"), events.events());
        assertEquals("jsonp", channel.transport());
        assertEquals(Origin.parse("http://api.test"), channel.remoteOrigin());
        assertEquals(0, browser.liveScriptCount(), "nothing is loaded until a request");
        channel.close();
    }

    @Test
    void requestIsOneCallAndTheReplyIsWhatTheServerPassedToTheCallback() {
        serve("login", req -> req.callAndLoad(req.param("callback"), "{\"status\":true,\"user\":\"admin\"}"));
        CrossDomainChannel channel = connectReady("login?v=2");
        ReplyRecorder r = request(channel, "{\"user\":\"ad min\",\"remember\":true,\"n\":1.50,\"note\":null}");
        assertTrue(browser.runUntil(r::isDone, 100));
        assertEquals("{\"status\":true,\"user\":\"admin\"}", r.reply());
        assertEquals(1, requests.size());
        String name = requests.get(0).param("callback");
        assertTrue(name.matches("__kuayu_jsonp_[0-9a-f]{32}"), name);
        assertEquals(API + "login?v=2&user=ad%20min&remember=true&n=1.50&callback=" + name, requests.get(0).url(),
                "members in order, numbers as written, null left out");
        browser.runUntilIdle();
        assertFalse(page.hasGlobal(name), "deleted once the script ran");
        assertEquals(1, r.calls());
        channel.close();
    }

    @Test
    void factoryOptionsNameTheCallbackParameterAndGiveTheNonce() {
        serve("q", req -> req.callAndLoad(req.param("cb"), "[1]"));
        CrossDomainChannel channel = Kuayu.connect(page, ConnectOptions.builder().remote(API + "q")
                .transport(JsonpTransport.factory(JsonpOptions.builder().callbackParam("cb").nonce("n0nce").build()))
                .build());
        ReplyRecorder r = request(channel, "{}");
        browser.runUntilIdle();
        assertEquals("[1]", r.reply());
        assertEquals("n0nce", requests.get(0).nonce());
        assertNull(requests.get(0).param("callback"));
        channel.close();
    }

    @Test
    void aRequestMadeBeforeReadyIsAnsweredAfterOnReady() {
        serve("login", req -> req.callAndLoad(req.param("callback"), "1"));
        CrossDomainChannel channel = connect("login", 10000);
        ReplyRecorder r = request(channel, "{\"a\":1}");
        assertTrue(browser.runUntil(r::isDone, 100));
        assertEquals("1", r.reply());
        assertEquals(List.of("ready"), events.events(), "onReady came first");
        channel.close();
    }

    @Test
    void hundredParallelRequestsEachGetTheirOwnReply() {
        serve("n", req -> req.delay((Integer.parseInt(req.param("n")) * 37) % 101)
                .callAndLoad(req.param("callback"), "{\"n\":" + req.param("n") + "}"));
        CrossDomainChannel channel = connectReady("n");
        List<ReplyRecorder> replies = new ArrayList<ReplyRecorder>();
        for (int i = 0; i < 100; i++) {
            replies.add(request(channel, "{\"n\":" + i + "}"));
        }
        browser.runUntil(() -> requests.size() == 100, 10);
        assertEquals(100, browser.liveGlobalCallbackCount());
        browser.runUntilIdle();
        for (int i = 0; i < 100; i++) {
            assertEquals("{\"n\":" + i + "}", replies.get(i).reply(), "request " + i);
            assertEquals(1, replies.get(i).calls());
        }
        assertEquals(100, requests.stream().map(q -> q.param("callback")).distinct().count(), "unique names");
        channel.close();
    }

    @Test
    void notFoundFailsAtOnceWithTransmissionFailedAndDeletesTheGlobal() {
        serve("missing", ScriptRequest::fail);
        CrossDomainChannel channel = connectReady("missing");
        ReplyRecorder r = request(channel, "{}");
        assertTrue(browser.runUntil(r::isDone, 100));
        assertEquals(ErrorCode.TRANSMISSION_FAILED, r.errorCode());
        assertTrue(browser.now() < 100, "not at the timeout: " + browser.now());
        assertTrue(r.error().getMessage().contains(API + "missing?callback="), r.error().getMessage());
        assertEquals(0, browser.liveGlobalCallbackCount());
        assertEquals(0, browser.globalStubCount(), "a script that failed to load can never call: no stub");
        assertEquals(0, browser.liveScriptCount());
        assertTrue(channel.isReady(), "one failed call does not close the channel");
        channel.close();
    }

    @Test
    void serverDownFailsAtOnceWithTransmissionFailed() {
        CrossDomainChannel channel = Kuayu.connect(page, ConnectOptions.builder().remote("http://down.test/api")
                .transport(JsonpTransport.FACTORY).build());
        ReplyRecorder r = request(channel, "{}");
        assertTrue(browser.runUntil(r::isDone, 100));
        assertEquals(ErrorCode.TRANSMISSION_FAILED, r.errorCode());
        assertEquals(0, browser.globalStubCount());
        channel.close();
    }

    @Test
    void aScriptThatNeverCallsBackTimesOutAtTheChannelsTimeout() {
        serve("silent", ScriptRequest::loadWithoutCall);
        CrossDomainChannel channel = connect("silent", 3000);
        ReplyRecorder r = request(channel, "{}");
        browser.advance(2999);
        assertFalse(r.isDone());
        browser.advance(1);
        assertEquals(ErrorCode.TIMEOUT, r.errorCode());
        assertTrue(r.error().getMessage().contains("3000 ms"), r.error().getMessage());
        assertEquals(0, browser.liveScriptCount());
        assertEquals(0, browser.liveGlobalCallbackCount());
        assertEquals(0, browser.pendingTimerCount(), "the call's own timer is released with it");
        assertEquals(1, browser.globalStubCount(), "an asynchronous call may still come: a stub waits for it");
        page.callGlobal(requests.get(0).param("callback"), "\"very late\"");
        assertEquals(1, r.calls(), "absorbed");
        assertEquals(0, browser.globalStubCount());
        channel.close();
    }

    @Test
    void aRequestsOwnTimeoutGovernsItsCallBothWays() {
        serve("slow", req -> req.delay(20000).callAndLoad(req.param("callback"), "\"slow\""));
        CrossDomainChannel channel = connectReady("slow");
        ReplyRecorder shortWait = new ReplyRecorder();
        ReplyRecorder longWait = new ReplyRecorder();
        channel.request("{\"a\":1}", 500, shortWait);
        channel.request("{\"a\":2}", 30000, longWait);
        browser.advance(500);
        assertEquals(ErrorCode.TIMEOUT, shortWait.errorCode());
        assertEquals(1, browser.liveScriptCount(), "the short request's script is gone at its timeout");
        assertTrue(browser.runUntil(longWait::isDone, 25000));
        assertEquals("\"slow\"", longWait.reply(), "not cut short by the channel's 10000 ms");
        browser.runUntilIdle();
        assertEquals(1, shortWait.calls());
        channel.close();
    }

    @Test
    void aReplyAfterItsTimeoutIsAbsorbed() {
        serve("late", req -> req.delay(15000).callAndLoad(req.param("callback"), "{\"late\":true}"));
        CrossDomainChannel channel = connectReady("late");
        ReplyRecorder r = request(channel, "{}");
        browser.advance(10000);
        assertEquals(ErrorCode.TIMEOUT, r.errorCode());
        String name = requests.get(0).param("callback");
        assertTrue(page.hasGlobal(name), "a stub waits for the late reply");
        assertEquals(0, browser.liveGlobalCallbackCount());
        browser.runUntilIdle();
        assertEquals(1, r.calls(), "the late reply reaches no one");
        assertFalse(page.hasGlobal(name), "the stub deleted itself");
        assertEquals(0, browser.globalStubCount());
        assertTrue(browser.console().stream().noneMatch(l -> l.contains("ReferenceError")), browser.console()
                .toString());
        assertTrue(channel.isReady());
        channel.close();
    }

    @Test
    void closeFailsCallsInFlightWithClosedAndReleasesEverything() {
        serve("wait", req -> req.delay(1000).callAndLoad(req.param("callback"), "\"too late\""));
        CrossDomainChannel channel = connectReady("wait");
        List<ReplyRecorder> inFlight = new ArrayList<ReplyRecorder>();
        for (int i = 0; i < 3; i++) {
            inFlight.add(request(channel, "{\"i\":" + i + "}"));
        }
        browser.advance(10);
        assertEquals(3, browser.liveScriptCount());
        channel.close();
        for (ReplyRecorder r : inFlight) {
            assertEquals(ErrorCode.CLOSED, r.errorCode());
        }
        assertEquals(ChannelState.CLOSED, channel.state());
        assertEquals(0, browser.liveScriptCount());
        assertEquals(0, browser.liveGlobalCallbackCount());
        assertEquals(0, browser.pendingTimerCount());
        assertEquals(3, browser.globalStubCount(), "the scripts are still on their way");
        browser.runUntilIdle();
        assertEquals(0, browser.globalStubCount(), "each late script deleted its stub");
        for (ReplyRecorder r : inFlight) {
            assertEquals(1, r.calls());
        }
        assertEquals(List.of("ready", "close"), events.events());
        ReplyRecorder after = request(channel, "{}");
        browser.runUntilIdle();
        assertEquals(ErrorCode.CLOSED, after.errorCode());
    }

    @Test
    void closeBeforeReadyNeverReportsReady() {
        CrossDomainChannel channel = connect("login", 10000);
        channel.close();
        assertEquals(0, browser.pendingTimerCount());
        browser.runUntilIdle();
        assertEquals(List.of("close"), events.events());
        assertFalse(channel.isReady());
    }
}
