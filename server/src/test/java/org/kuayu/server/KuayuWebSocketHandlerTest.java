package org.kuayu.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.ReplyCallback;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

class KuayuWebSocketHandlerTest {
    private static final String PAGE = "http://www.domain1.localhost:8081";
    private final List<String> messages = new CopyOnWriteArrayList<String>();
    private final List<String> closes = new CopyOnWriteArrayList<String>();
    private final List<KuayuSession> opened = new CopyOnWriteArrayList<KuayuSession>();
    private final List<WireClient> clients = new ArrayList<WireClient>();
    private TestServer server;
    private KuayuWebSocketHandler handler;

    private final KuayuWebSocketListener chat = new KuayuWebSocketListener() {
        @Override
        public void onOpen(KuayuSession session) {
            opened.add(session);
        }

        @Override
        public void onMessage(KuayuSession session, String json) {
            messages.add(json);
            session.send("{\"hello\":" + json + "}");
        }

        @Override
        public String onRequest(KuayuSession session, String json) {
            if (json.contains("fail")) {
                throw new IllegalArgumentException("no such question");
            }
            return "{\"echo\":" + json + "}";
        }

        @Override
        public void onClose(KuayuSession session, int statusCode, String reason) {
            closes.add(statusCode + " " + reason);
        }
    };

    private KuayuWebSocketHandler.Builder endpoint() {
        return KuayuWebSocketHandler.builder().path("/ws/chat").allowOrigin(PAGE).listener(chat);
    }

    private URI start(KuayuWebSocketHandler h) throws Exception {
        handler = h;
        server = TestServer.start(h);
        return URI.create(server.uri("/ws/chat").toString().replace("http:", "ws:"));
    }

    private WireClient client(URI uri, String origin) throws Exception {
        WireClient c = WireClient.connect(uri, origin);
        clients.add(c);
        return c;
    }

    @AfterEach
    void stop() throws Exception {
        for (WireClient c : clients) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void speaksTheRemoteSideOfTheHandshakeThenMessagesGoBothWays() throws Exception {
        WireClient page = client(start(endpoint().build()), PAGE);
        String session = page.handshake();
        assertTrue(session.matches("[0-9a-f]{32}"), session);
        page.send(MessageKind.MESSAGE, 0, "{\"text\":\"hi\"}");
        Message answer = page.expect(MessageKind.MESSAGE);
        assertEquals("{\"hello\":{\"text\":\"hi\"}}", answer.body());
        assertEquals(WireClient.CHANNEL, answer.channel());
        assertEquals(List.of("{\"text\":\"hi\"}"), messages);
        assertEquals(PAGE, opened.get(0).origin());
    }

    @Test
    void answersRequestsAndAsksThePage() throws Exception {
        WireClient page = client(start(endpoint().build()), PAGE);
        page.handshake();
        page.send(MessageKind.REQUEST, 7, "{\"q\":1}");
        Message reply = page.expect(MessageKind.RESPONSE);
        assertEquals(7, reply.number());
        assertEquals("{\"echo\":{\"q\":1}}", reply.body());

        page.send(MessageKind.REQUEST, 8, "{\"fail\":true}");
        Message error = page.expect(MessageKind.ERROR);
        assertTrue(error.body().contains("REMOTE_ERROR") && error.body().contains("no such question"), error.body());

        CompletableFuture<String> answered = new CompletableFuture<String>();
        opened.get(0).request("{\"ask\":\"page\"}", 5000, callback(answered));
        Message asked = page.expect(MessageKind.REQUEST);
        page.send(MessageKind.RESPONSE, asked.number(), "{\"page\":\"answer\"}");
        assertEquals("{\"page\":\"answer\"}", answered.get(10, TimeUnit.SECONDS));

        CompletableFuture<String> unanswered = new CompletableFuture<String>();
        opened.get(0).request("{\"ask\":\"again\"}", 200, callback(unanswered));
        page.expect(MessageKind.REQUEST);
        ExecutionException timeout = assertThrows(ExecutionException.class, () -> unanswered.get(10, TimeUnit.SECONDS));
        assertEquals(ErrorCode.TIMEOUT, ((KuayuException) timeout.getCause()).code());
    }

    @Test
    void whatTheServerSendsBeforeTheHandshakeWaitsForIt() throws Exception {
        URI uri = start(endpoint().build());
        WireClient page = client(uri, PAGE);
        page.expect(MessageKind.HELLO);
        handler.sessions().get(0).send("{\"early\":true}");
        page.send(MessageKind.SYN, 0, "{\"v\":1}");
        page.expect(MessageKind.ACK);
        page.send(MessageKind.READY, 0, "");
        page.expect(MessageKind.READY);
        assertEquals("{\"early\":true}", page.expect(MessageKind.MESSAGE).body());
    }

    @Test
    void refusesOriginsNotAllowedAndLookalikesWith403() throws Exception {
        URI uri = start(endpoint().build());
        for (String origin : new String[] {"http://www.domain1.localhost:8081.evil.test", "http://www.domain1.localhost",
                "https://www.domain1.localhost:8081", "http://evil.test", "null", "HTTP://www.domain1.localhost:8081"}) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> WireClient.connect(uri, origin));
            assertEquals(403, WireClient.statusOf(e), origin);
        }
        ExecutionException none = assertThrows(ExecutionException.class, () -> WireClient.connect(uri, null));
        assertEquals(403, WireClient.statusOf(none));
        assertTrue(handler.sessions().isEmpty());
        client(uri, PAGE).handshake();
    }

    @Test
    void admitsClientsWithoutOriginOnlyWhenAsked() throws Exception {
        WireClient tool = client(start(endpoint().allowMissingOrigin().build()), null);
        tool.handshake();
        assertTrue(waitFor(() -> !opened.isEmpty()));
        assertEquals(null, opened.get(0).origin());
    }

    @Test
    void theBuilderRefusesWildcardsAndNonOrigins() {
        assertThrows(IllegalArgumentException.class, () -> KuayuWebSocketHandler.builder().allowOrigin("*"));
        assertThrows(IllegalArgumentException.class, () -> KuayuWebSocketHandler.builder().allowOrigin(PAGE + "/"));
        assertThrows(IllegalArgumentException.class, () -> KuayuWebSocketHandler.builder().allowOrigin("ws://a.test"));
        assertThrows(IllegalArgumentException.class, () -> KuayuWebSocketHandler.builder().allowOrigin("http://a.test:80"));
        assertThrows(IllegalStateException.class, () -> KuayuWebSocketHandler.builder().build());
        assertEquals(true, KuayuWebSocketHandler.builder().allowAnyOrigin().build().allowedOrigins().isEmpty());
    }

    @Test
    void anOversizeMessageClosesOnlyItsOwnSession() throws Exception {
        URI uri = start(endpoint().maxMessageBytes(1024).build());
        WireClient big = client(uri, PAGE);
        WireClient other = client(uri, PAGE);
        big.handshake();
        other.handshake();
        big.send(MessageKind.MESSAGE, 0, "{\"text\":\"" + "x".repeat(2000) + "\"}");
        assertEquals(1009, big.closeCode(10));
        other.send(MessageKind.REQUEST, 1, "{\"still\":\"here\"}");
        assertEquals("{\"echo\":{\"still\":\"here\"}}", other.expect(MessageKind.RESPONSE).body());
        assertTrue(messages.isEmpty());
        assertTrue(waitFor(() -> handler.sessions().size() == 1 && closes.size() == 1), closes.toString());
        assertTrue(closes.get(0).startsWith("1009"), closes.toString());
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        WireClient idle = client(start(endpoint().idleTimeout(Duration.ofMillis(300)).build()), PAGE);
        idle.handshake();
        int code = idle.closeCode(10);
        assertTrue(code == 1001 || code == 1011, "close code " + code);
        assertTrue(waitFor(() -> handler.sessions().isEmpty()));
    }

    @Test
    void aPageClosingItsChannelEndsTheSession() throws Exception {
        WireClient page = client(start(endpoint().build()), PAGE);
        page.handshake();
        page.send(MessageKind.CLOSE, 0, "");
        assertEquals(1000, page.closeCode(10));
        assertTrue(waitFor(() -> closes.size() == 1));
    }

    @Test
    void serves100ClientsAtOnce() throws Exception {
        URI uri = start(endpoint().build());
        List<WireClient> pages = new ArrayList<WireClient>();
        for (int i = 0; i < 100; i++) {
            pages.add(client(uri, PAGE));
        }
        for (WireClient p : pages) {
            p.handshake();
        }
        for (int i = 0; i < 100; i++) {
            pages.get(i).send(MessageKind.REQUEST, 1, "{\"n\":" + i + "}");
        }
        for (int i = 0; i < 100; i++) {
            assertEquals("{\"echo\":{\"n\":" + i + "}}", pages.get(i).expect(MessageKind.RESPONSE).body());
        }
        assertEquals(100, handler.broadcast("{\"to\":\"all\"}"));
        for (WireClient p : pages) {
            assertEquals("{\"to\":\"all\"}", p.expect(MessageKind.MESSAGE).body());
        }
    }

    private static ReplyCallback callback(CompletableFuture<String> future) {
        return new ReplyCallback() {
            @Override
            public void onReply(String json) {
                future.complete(json);
            }

            @Override
            public void onError(KuayuException e) {
                future.completeExceptionally(e);
            }
        };
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        return Poll.until(condition);
    }
}
