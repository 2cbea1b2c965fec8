package org.kuayu.jsonp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Kuayu;
import org.kuayu.core.KuayuException;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.sim.ChannelRecorder;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWindow;

/** What JSONP cannot do fails with INVALID_ARGUMENT, thrown where the mistake is made, and never silently. */
class JsonpTransportMisuseTest {
    private static final String API = JsonpTransportTest.API;

    private final SimBrowser browser = new SimBrowser(12);
    private final SimWindow page = browser.open("http://www.page.test/index.html");
    private final ChannelRecorder events = new ChannelRecorder();

    @AfterEach
    void nothingIsLeftBehind() {
        browser.runUntilIdle();
        assertEquals(0, browser.liveScriptCount(), "script elements");
        assertEquals(0, browser.liveGlobalCallbackCount(), "global callbacks");
        assertEquals(0, browser.globalStubCount(), "stubs");
        assertEquals(List.of(), browser.uncaughtErrors());
    }

    private CrossDomainChannel connect() {
        CrossDomainChannel channel = Kuayu.connect(page, ConnectOptions.builder().remote(API + "login")
                .transport(JsonpTransport.FACTORY).listener(events).build());
        browser.runUntilIdle();
        return channel;
    }

    private static KuayuException invalid(Executable call, String... fragments) {
        KuayuException e = assertThrows(KuayuException.class, call);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), e.toString());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), e.getMessage());
        }
        return e;
    }

    @Test
    void sendThrowsJsonpCannotSendOneWayMessages() {
        CrossDomainChannel channel = connect();
        invalid(() -> channel.send("{\"a\":1}"), "jsonp", "one-way", "use request(");
        assertTrue(channel.isReady(), "the channel still works");
        channel.close();
    }

    @Test
    void requestsThatAreNotFlatObjectsAreRefusedWithTheFix() {
        browser.script(API, req -> req.callAndLoad(req.param("callback"), "\"ok\""));
        CrossDomainChannel channel = connect();
        ReplyRecorder never = new ReplyRecorder();
        invalid(() -> channel.request("{\"ids\":[1,2]}", never), "member 'ids' is an array", "Json.stringify");
        invalid(() -> channel.request("{\"user\":{\"name\":\"a\"}}", never), "member 'user' is an object");
        invalid(() -> channel.request("[1,2]", never), "the value is an array, not an object");
        invalid(() -> channel.request("\"text\"", never), "the value is a string, not an object");
        invalid(() -> channel.request("null", never), "the value is null, not an object");
        invalid(() -> channel.request("{\"callback\":\"x\"}", never), "'callback'", "callbackParam");
        invalid(() -> channel.request("{\"\":\"x\"}", never), "needs a name");
        invalid(() -> channel.request("{\"a\":", never));
        assertEquals(0, browser.liveScriptCount(), "nothing was loaded");
        assertEquals(0, browser.pendingTimerCount(), "nothing is pending");
        ReplyRecorder fine = new ReplyRecorder();
        channel.request("{\"a\":\"b\"}", fine);
        browser.runUntilIdle();
        assertEquals("\"ok\"", fine.reply(), "the channel still works");
        assertEquals(0, never.calls(), "a refused request has no outcome");
        channel.close();
    }

    @Test
    void acceptRefusesJsonpItsEndpointIsAServer() {
        invalid(() -> Kuayu.accept(page, AcceptOptions.builder().allowAnyOrigin().transport(JsonpTransport.FACTORY)
                .build()), "cannot accept", "JsonpHandler");
        browser.runUntilIdle();
        assertEquals(0, browser.liveListenerCount());
    }

    @Test
    void connectRefusesARequestHandlerJsonpCannotPush() {
        invalid(() -> Kuayu.connect(page, ConnectOptions.builder().remote(API + "login")
                .transport(JsonpTransport.FACTORY).listener(events)
                .requestHandler((json, origin, reply) -> reply.resolve("1")).build()),
                "cannot receive requests", "remove requestHandler");
        browser.runUntilIdle();
        assertEquals(List.of(), events.events(), "no channel was opened");
    }

    @Test
    void connectRefusesAFrameJsonpCallsAUrl() {
        FrameHandle frame = page.createFrame(API + "login", true);
        invalid(() -> Kuayu.connect(page, ConnectOptions.builder().frame(frame).transport(JsonpTransport.FACTORY)
                .build()), "give remote(");
        frame.remove();
    }

    @Test
    void factoryRefusesOptionsItWouldIgnore() {
        IllegalArgumentException params = assertThrows(IllegalArgumentException.class,
                () -> JsonpTransport.factory(JsonpOptions.builder().param("v", "2").build()));
        assertTrue(params.getMessage().contains("remote URL's query"), params.getMessage());
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
                () -> JsonpTransport.factory(JsonpOptions.builder().timeoutMillis(5000).build()));
        assertTrue(timeout.getMessage().contains("ConnectOptions.builder().timeoutMillis"), timeout.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonpTransport.factory(null));
        assertEquals("jsonp", JsonpTransport.FACTORY.name());
    }
}
