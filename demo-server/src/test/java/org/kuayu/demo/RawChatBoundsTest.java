package org.kuayu.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's raw chat socket ({@code /ws/raw} on domain2) under attack: a client that floods it and never reads what
 * it answers is closed with 4013 once its answers pile up, while another client is answered all along.
 */
class RawChatBoundsTest {
    private static final int FLOOD_TEXTS = 5_000;

    private static DemoServer demo;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoServer.builder().freePorts().build().start();
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    @Test
    void aClientThatFloodsAndNeverReadsIsClosedWith4013WhileAnotherIsAnswered() throws Exception {
        // To 127.0.0.1, naming the site in the Host header, as DemoApiTest does.
        URI site = demo.baseUrl(Site.DOMAIN2);
        URI uri = URI.create("ws://127.0.0.1:" + site.getPort() + DemoChat.RAW_PATH);
        HttpClient http = HttpClient.newHttpClient();
        Reader good = new Reader(true);
        WebSocket talker = http.newWebSocketBuilder().header("Host", site.getAuthority()).buildAsync(uri, good).get(10, TimeUnit.SECONDS);
        Reader flooded = new Reader(false);
        WebSocket flooder = http.newWebSocketBuilder().header("Host", site.getAuthority()).buildAsync(uri, flooded).get(10, TimeUnit.SECONDS);

        // 20 MB of texts, far more than the kernel's socket buffers and the server's 64 answers can hold; the other
        // client keeps talking meanwhile. (The server keeps reading a closing client's texts and drops them.)
        String text = "x".repeat(RawChatSocket.MAX_TEXT_BYTES - 16);
        int sent = 0;
        int round = 0;
        try {
            while (sent < FLOOD_TEXTS) {
                flooder.sendText(text, true).get(10, TimeUnit.SECONDS);
                sent++;
                if (sent % 500 == 0) {
                    talker.sendText("round " + ++round, true).get(10, TimeUnit.SECONDS);
                    assertEquals("hello: round " + round, good.texts.poll(10, TimeUnit.SECONDS));
                }
            }
        } catch (Exception cutByTheServer) {
            // The connection is gone: the flood is over.
        }
        assertTrue(sent > RawChatSocket.MAX_QUEUED_ANSWERS, "texts sent: " + sent);
        // Now it reads: the answers that waited, then the close frame.
        flooder.request(Long.MAX_VALUE);
        assertEquals(RawChatSocket.CLOSE_NOT_READING, flooded.closeCode.get(20, TimeUnit.SECONDS));
        assertTrue(flooded.texts.size() < sent, "answers read: " + flooded.texts.size() + " of " + sent);

        talker.sendText("still here", true).get(10, TimeUnit.SECONDS);
        assertEquals("hello: still here", good.texts.poll(10, TimeUnit.SECONDS));
        talker.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    /** Collects texts; reads as they come, or only when the test asks ({@code reads} false). */
    private static final class Reader implements WebSocket.Listener {
        final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        private final boolean reads;
        private final StringBuilder part = new StringBuilder();

        Reader(boolean reads) {
            this.reads = reads;
        }

        @Override
        public void onOpen(WebSocket socket) {
            if (reads) {
                socket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                texts.add(part.toString());
                part.setLength(0);
            }
            if (reads) {
                socket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
