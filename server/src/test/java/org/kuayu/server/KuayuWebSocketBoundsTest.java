package org.kuayu.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.ReplyCallback;
import org.kuayu.core.wire.MessageKind;

/**
 * The bounds of {@link KuayuWebSocketHandler}'s sessions, attacked: a client that floods and never reads, one that
 * never finishes the handshake, more clients than the cap, bodies that are not JSON. Each attack is refused (the
 * handler's own accounting says so, never a clock), and well-behaved clients keep working in the same test.
 */
class KuayuWebSocketBoundsTest {
    private static final String PAGE = "http://www.domain1.localhost:8081";
    private static final int BOUND = 256 * 1024;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<KuayuSession> opened = new java.util.concurrent.CopyOnWriteArrayList<KuayuSession>();
    private final List<AutoCloseable> clients = new ArrayList<AutoCloseable>();
    private TestServer server;
    private KuayuWebSocketHandler handler;

    private final KuayuWebSocketListener echo = new KuayuWebSocketListener() {
        @Override
        public void onOpen(KuayuSession session) {
            opened.add(session);
        }

        @Override
        public void onMessage(KuayuSession session, String json) {
            session.send("{\"hello\":" + json + "}");
        }

        @Override
        public String onRequest(KuayuSession session, String json) {
            requests.incrementAndGet();
            return "{\"echo\":" + json + "}";
        }
    };

    private URI start(KuayuWebSocketHandler.Builder builder) throws Exception {
        handler = builder.path("/ws/chat").allowOrigin(PAGE).listener(echo).build();
        server = TestServer.start(handler);
        return URI.create(server.uri("/ws/chat").toString().replace("http:", "ws:"));
    }

    private WireClient page(URI uri) throws Exception {
        WireClient c = WireClient.connect(uri, PAGE);
        clients.add(c);
        c.handshake();
        return c;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClientThatFloodsAndNeverReadsIsClosedWith4013WhileOthersGoOn() throws Exception {
        URI uri = start(KuayuWebSocketHandler.builder().maxQueuedBytes(BOUND));
        List<WireClient> good = List.of(page(uri), page(uri), page(uri));
        FloodClient flood = FloodClient.connect(uri, PAGE);
        clients.add(flood);
        flood.handshake();

        String big = "{\"text\":\"" + "x".repeat(60 * 1024) + "\"}";
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        Thread flooding = new Thread(() -> {
            try {
                while (!stop.get() && sent.get() < 5000) {
                    flood.send(MessageKind.MESSAGE, 0, big);
                    sent.incrementAndGet();
                }
            } catch (Exception closedByTheServer) {
                // The server closed the connection: the flood is over.
            }
        }, "flood");
        flooding.start();

        // The good clients talk all along, until the handler says it closed the flooder.
        int round = 0;
        while (handler.stats().closedNotReading() == 0 && round < 3_000) {
            for (int i = 0; i < good.size(); i++) {
                good.get(i).send(MessageKind.REQUEST, ++round, "{\"n\":" + round + "}");
                assertEquals("{\"echo\":{\"n\":" + round + "}}", good.get(i).expect(MessageKind.RESPONSE).body());
            }
        }
        stop.set(true);
        KuayuWebSocketStats stats = handler.stats();
        assertEquals(1, stats.closedNotReading(), stats.toString());
        assertTrue(stats.maxQueuedBytes() <= BOUND, stats.toString());
        assertTrue(stats.maxQueuedBytes() > BOUND - 2 * big.length(), "the flood filled the queue: " + stats);
        assertTrue(sent.get() > BOUND / big.length(), "messages sent: " + sent.get());
        assertEquals(KuayuWebSocketHandler.CLOSE_NOT_READING, flood.readUntilClose(256L << 20));
        flood.close();
        flooding.join(TimeUnit.SECONDS.toMillis(20));

        assertTrue(waitFor(() -> handler.sessions().size() == 3), handler.sessions().toString());
        for (WireClient page : good) {
            page.send(MessageKind.MESSAGE, 0, "{\"still\":\"here\"}");
            assertEquals("{\"hello\":{\"still\":\"here\"}}", page.expect(MessageKind.MESSAGE).body());
        }
        assertEquals(3, handler.broadcast("{\"to\":\"all\"}"));
        assertEquals(1, handler.stats().closedNotReading());
    }

    @Test
    void aClientThatNeverFinishesTheHandshakeIsBoundedThenClosed() throws Exception {
        URI uri = start(KuayuWebSocketHandler.builder().maxWaitingMessages(4)
                .handshakeTimeout(Duration.ofMillis(500)));
        WireClient good = page(uri);

        // Stops after SYN: what the server sends it waits, four messages at most.
        WireClient stalled = WireClient.connect(uri, PAGE);
        clients.add(stalled);
        stalled.expect(MessageKind.HELLO);
        stalled.send(MessageKind.SYN, 0, "{\"v\":1}");
        stalled.expect(MessageKind.ACK);
        KuayuSession waiting = handler.sessions().stream().filter(s -> !s.isReady()).findFirst().orElseThrow();
        for (int i = 0; i < 5; i++) {
            waiting.send("{\"early\":" + i + "}");
        }
        assertEquals(KuayuWebSocketHandler.CLOSE_NOT_READING, stalled.closeCode(10));
        assertEquals(1, handler.stats().closedNotReading());

        // Says nothing after the upgrade: closed at the handshake deadline.
        WireClient silent = WireClient.connect(uri, PAGE);
        clients.add(silent);
        silent.expect(MessageKind.HELLO);
        assertEquals(KuayuWebSocketHandler.CLOSE_HANDSHAKE_TIMEOUT, silent.closeCode(10));
        assertEquals(1, handler.stats().closedHandshakeTimeout());

        good.send(MessageKind.REQUEST, 1, "{\"q\":1}");
        assertEquals("{\"echo\":{\"q\":1}}", good.expect(MessageKind.RESPONSE).body());
        assertTrue(waitFor(() -> handler.sessions().size() == 1), handler.sessions().toString());
        assertFalse(good.isClosed());
    }

    @Test
    void aCapOnSessionsAnswersTheUpgradeWith503() throws Exception {
        URI uri = start(KuayuWebSocketHandler.builder().maxSessions(2));
        WireClient first = page(uri);
        page(uri);
        ExecutionException refused = assertThrows(ExecutionException.class, () -> WireClient.connect(uri, PAGE));
        assertEquals(503, WireClient.statusOf(refused));
        assertEquals(1, handler.stats().refusedOverCap());

        first.send(MessageKind.CLOSE, 0, "");
        assertEquals(1000, first.closeCode(10));
        assertTrue(waitFor(() -> handler.sessions().size() == 1));
        page(uri).send(MessageKind.REQUEST, 1, "{\"q\":2}");
        assertEquals(2, handler.sessions().size());
    }

    @Test
    void requestAndReplyBodiesMustBeJson() throws Exception {
        WireClient page = page(start(KuayuWebSocketHandler.builder()));
        page.send(MessageKind.REQUEST, 1, "alert(1)");
        String error = page.expect(MessageKind.ERROR).body();
        assertTrue(error.contains("INVALID_ARGUMENT") && error.contains("not JSON"), error);
        assertEquals(0, requests.get(), "the listener never saw it");

        assertTrue(waitFor(() -> !opened.isEmpty()));
        CompletableFuture<String> answered = new CompletableFuture<String>();
        opened.get(0).request("{\"ask\":1}", 10_000, callback(answered));
        page.send(MessageKind.RESPONSE, page.expect(MessageKind.REQUEST).number(), "{\"half\":");
        ExecutionException bad = assertThrows(ExecutionException.class, () -> answered.get(10, TimeUnit.SECONDS));
        assertEquals(ErrorCode.TRANSMISSION_FAILED, ((KuayuException) bad.getCause()).code());

        page.send(MessageKind.REQUEST, 2, "{\"fine\":true}");
        assertEquals("{\"echo\":{\"fine\":true}}", page.expect(MessageKind.RESPONSE).body());
    }

    @Test
    void framesAreDemandedOneAtATimeAfterEveryKind() throws Exception {
        assertFalse(Session.Listener.AutoDemanding.class.isAssignableFrom(KuayuSession.class),
                "KuayuSession must demand each frame itself");
        WireClient page = page(start(KuayuWebSocketHandler.builder()));
        page.sendPing("are you there");
        page.sendBinary(new byte[] {1, 2, 3});
        page.send(MessageKind.MESSAGE, 0, "{\"after\":\"ping and binary\"}");
        assertEquals("{\"hello\":{\"after\":\"ping and binary\"}}", page.expect(MessageKind.MESSAGE).body());
    }

    @Test
    void theBoundsAreCheckedOnTheBuilder() {
        assertThrows(IllegalArgumentException.class, () -> KuayuWebSocketHandler.builder().maxQueuedBytes(10));
        assertThrows(IllegalArgumentException.class, () -> KuayuWebSocketHandler.builder().maxQueuedMessages(0));
        assertThrows(IllegalArgumentException.class, () -> KuayuWebSocketHandler.builder().maxWaitingMessages(-1));
        assertThrows(IllegalArgumentException.class, () -> KuayuWebSocketHandler.builder().maxSessions(0));
        assertThrows(IllegalArgumentException.class,
                () -> KuayuWebSocketHandler.builder().handshakeTimeout(Duration.ZERO));
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
