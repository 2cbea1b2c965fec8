package org.kuayu.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kuayu.core.AcceptOptions;
import org.kuayu.core.ConnectOptions;
import org.kuayu.core.CrossDomainChannel;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Kuayu;
import org.kuayu.core.KuayuException;
import org.kuayu.core.sim.ChannelRecorder;
import org.kuayu.core.sim.ReplyRecorder;
import org.kuayu.core.sim.SimBrowser;
import org.kuayu.core.sim.SimWebSocket;
import org.kuayu.core.sim.SimWebSocketServer;
import org.kuayu.core.sim.SimWindow;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.postmessage.PostMessageTransport;

class WebSocketTransportTest {
    private static final String URL = "ws://server.test/ws/chat";
    private SimBrowser browser;
    private ScriptedKuayuServer script;
    private SimWebSocketServer server;
    private SimWindow page;
    private ChannelRecorder recorder;

    @BeforeEach
    void setUp() {
        browser = new SimBrowser(7);
        script = new ScriptedKuayuServer();
        server = browser.webSocketServer(URL, script).allowOrigin("http://host.test");
        page = browser.open("http://host.test/index.html");
        recorder = new ChannelRecorder();
    }

    private CrossDomainChannel connect(ConnectOptions.Builder b) {
        return Kuayu.connect(page, b.listener(recorder).build());
    }

    private ConnectOptions.Builder options() {
        return ConnectOptions.builder().remote(URL).transport(WebSocketTransport.FACTORY);
    }

    private CrossDomainChannel ready() {
        CrossDomainChannel channel = connect(options());
        assertTrue(browser.runUntil(channel::isReady, 1000));
        return channel;
    }

    private String channelId() {
        return server.connections().get(0).received().get(0).split("\\|")[2];
    }

    @Test
    void opensAChannelToTheServerWithItsHttpOrigin() {
        CrossDomainChannel channel = ready();
        assertEquals("websocket", channel.transport());
        assertEquals("http://server.test", channel.remoteOrigin().toString());
        // SYN when the socket opens and again on the server's HEL; the second ACK is a harmless copy.
        assertEquals(List.of("SYN", "SYN", "RDY"), script.kinds);
        assertEquals(List.of("ready"), recorder.events());
    }

    @Test
    void messagesGoBothWays() {
        CrossDomainChannel channel = ready();
        channel.send("{\"text\":\"hi\"}");
        browser.runUntilIdle();
        assertEquals(List.of("{\"text\":\"hi\"}"), script.messages);
        ScriptedKuayuServer.push(server, MessageKind.MESSAGE, 0, "{\"text\":\"hello: hi\"}", channelId());
        browser.runUntilIdle();
        assertEquals(List.of("{\"text\":\"hello: hi\"}"), recorder.messages());
        assertEquals("http://server.test", recorder.messageOrigins().get(0).toString());
    }

    @Test
    void requestsAreAnsweredBothWays() {
        CrossDomainChannel channel = connect(options().requestHandler((json, origin, reply) ->
                reply.resolve("{\"page\":" + json + "}")));
        assertTrue(browser.runUntil(channel::isReady, 1000));
        ReplyRecorder reply = new ReplyRecorder();
        channel.request("{\"q\":1}", reply);
        assertTrue(browser.runUntil(reply::isDone, 1000));
        assertEquals("{\"echo\":{\"q\":1}}", reply.reply());
        ScriptedKuayuServer.push(server, MessageKind.REQUEST, 5, "{\"q\":2}", channelId());
        browser.runUntilIdle();
        assertEquals(List.of("RES {\"page\":{\"q\":2}}"), script.replies);
    }

    @Test
    void aRequestWithoutAnswerTimesOut() {
        CrossDomainChannel channel = ready();
        ReplyRecorder reply = new ReplyRecorder();
        channel.request("{\"silent\":true}", 500, reply);
        browser.advance(499);
        assertFalse(reply.isDone());
        browser.advance(2);
        assertEquals(ErrorCode.TIMEOUT, reply.errorCode());
        assertTrue(channel.isReady());
    }

    @Test
    void aDroppedConnectionFailsRequestsReconnectsWithBackoffAndIsReadyAgain() {
        CrossDomainChannel channel = ready();
        ReplyRecorder inFlight = new ReplyRecorder();
        channel.request("{\"silent\":true}", 60000, inFlight);
        browser.advance(10);
        server.stop();
        browser.advance(1);
        assertEquals(ErrorCode.TRANSMISSION_FAILED, inFlight.errorCode());
        assertFalse(channel.isReady());
        assertEquals(1, recorder.errors().size());
        KuayuException notice = recorder.errors().get(0);
        assertEquals(ErrorCode.TRANSMISSION_FAILED, notice.code());
        assertTrue(notice.getMessage().contains("dropped (code 1006)"), notice.getMessage());
        assertTrue(notice.getMessage().contains("reconnecting in"), notice.getMessage());

        // Sent while away: queued, delivered once the server is back.
        channel.send("{\"while\":\"away\"}");
        browser.advance(3000);
        int refusedWhileDown = server.refusedOrigins().size();
        // 125-250, 250-500, 500-1000, 1000-2000 ms: at most 4 attempts in 3 s, at least 3.
        assertTrue(refusedWhileDown >= 3 && refusedWhileDown <= 4, "attempts while down: " + refusedWhileDown);
        server.start();
        assertTrue(browser.runUntil(channel::isReady, 10000));
        assertEquals(2, recorder.readyCount());
        assertEquals(1, recorder.errors().size());
        browser.runUntilIdle();
        assertEquals(List.of("{\"while\":\"away\"}"), script.messages);
        assertFalse(recorder.isClosed());
    }

    @Test
    void theWaitsGrowToTenSecondsAndStartAgainAfterAReconnect() {
        ReconnectBackoff backoff = new ReconnectBackoff(page);
        int[] bounds = {250, 500, 1000, 2000, 4000, 8000, 10000, 10000};
        for (int bound : bounds) {
            int wait = backoff.next();
            assertTrue(wait >= bound / 2 && wait <= bound, wait + " outside " + bound / 2 + ".." + bound);
        }
        backoff.reset();
        assertTrue(backoff.next() <= 250);
    }

    @Test
    void closeSendsClsClosesTheSocketAndNeverReconnects() {
        CrossDomainChannel channel = ready();
        SimWebSocket socket = server.connections().get(0);
        channel.close();
        browser.runUntilIdle();
        assertTrue(socket.received().get(socket.received().size() - 1).startsWith("kuayu1|CLS|"));
        assertEquals(1000, socket.closeCode());
        assertTrue(recorder.isClosed());
        server.stop();
        server.start();
        browser.advance(60000);
        assertEquals(1, server.acceptedCount());
        assertTrue(recorder.errors().isEmpty());
    }

    @Test
    void aRefusedOriginFailsAtOnceWithTransportUnavailable() {
        SimWindow stranger = browser.open("http://evil.test/index.html");
        CrossDomainChannel channel = Kuayu.connect(stranger, options().listener(recorder).build());
        browser.advance(10);
        assertTrue(recorder.isClosed());
        KuayuException e = recorder.errors().get(0);
        assertEquals(ErrorCode.TRANSPORT_UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("refused this page's origin http://evil.test"), e.getMessage());
        assertEquals(List.of("http://evil.test"), server.refusedOrigins());
        browser.advance(60000);
        assertEquals(1, server.refusedOrigins().size());
        assertFalse(channel.isReady());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        SimWebSocketServer mute = browser.webSocketServer("ws://mute.test/ws", new SimWebSocketServer.Handler() {
            @Override
            public void onOpen(SimWebSocket socket) {
            }

            @Override
            public void onText(SimWebSocket socket, String text) {
            }
        }).allowAnyOrigin();
        Kuayu.connect(page, ConnectOptions.builder().remote(mute.url()).transport(WebSocketTransport.FACTORY)
                .timeoutMillis(2000).listener(recorder).build());
        browser.advance(1999);
        assertFalse(recorder.isClosed());
        browser.advance(2);
        assertEquals(ErrorCode.TIMEOUT, recorder.errors().get(0).code());
    }

    @Test
    void aPageNeverAcceptsOverWebSocket() {
        KuayuException e = assertThrows(KuayuException.class, () -> Kuayu.accept(page, AcceptOptions.builder()
                .allowOrigin("http://server.test").transport(WebSocketTransport.FACTORY).build()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void urlsAndTransportsMustAgree() {
        KuayuException page = assertThrows(KuayuException.class, () -> connect(ConnectOptions.builder()
                .remote("http://server.test/remote.html").transport(WebSocketTransport.FACTORY)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, page.code());
        assertTrue(page.getMessage().contains("ws:// or wss://"), page.getMessage());
        KuayuException socket = assertThrows(KuayuException.class, () -> connect(ConnectOptions.builder()
                .remote(URL).transport(PostMessageTransport.FACTORY)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, socket.code());
        assertTrue(socket.getMessage().contains("websocket transport"), socket.getMessage());
    }
}
