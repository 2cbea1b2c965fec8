package org.kuayu.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.core.wire.WireCodec;

/**
 * A Java WebSocket client (the JDK's, which can send any {@code Origin}) that plays a page's side of Kuayu's
 * handshake against a {@link KuayuWebSocketHandler}, for tests.
 *
 * <pre>{@code
 * try (WireClient page = WireClient.connect(uri, "http://www.domain1.localhost:8081")) {
 *     page.handshake();
 *     page.send(MessageKind.REQUEST, 1, "{\"q\":1}");
 *     Message reply = page.next();
 * }
 * }</pre>
 */
public final class WireClient implements WebSocket.Listener, AutoCloseable {
    public static final String CHANNEL = "0123456789abcdef0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> texts = new LinkedBlockingQueue<String>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<Integer>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private WireClient() {
    }

    /** Opens a socket with this {@code Origin} (none when null); fails with the refusal's status as {@link #statusOf}. */
    public static WireClient connect(URI uri, String origin) throws Exception {
        WireClient client = new WireClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        client.socket = builder.buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    /** The HTTP status a refused upgrade got, or -1 when it failed otherwise. */
    public static int statusOf(ExecutionException e) {
        return e.getCause() instanceof WebSocketHandshakeException h ? h.getResponse().statusCode() : -1;
    }

    /** Waits for {@code HEL}, sends {@code SYN}, waits for {@code ACK}, sends {@code RDY}, waits for {@code RDY}. */
    public String handshake() throws Exception {
        Message hello = expect(MessageKind.HELLO);
        send(MessageKind.SYN, 0, "{\"v\":1,\"transport\":\"websocket\"}");
        expect(MessageKind.ACK);
        send(MessageKind.READY, 0, "");
        expect(MessageKind.READY);
        return hello.body();
    }

    /** Sends a frame of this kind on {@link #CHANNEL}. */
    public void send(MessageKind kind, int number, String body) throws Exception {
        sendText(WireCodec.encode(new Message(kind, CHANNEL, number, body)));
    }

    /** Sends any text as one message. */
    public void sendText(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** Sends a ping with this payload (Jetty answers it with a pong). */
    public void sendPing(String payload) throws Exception {
        socket.sendPing(java.nio.ByteBuffer.wrap(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .get(10, TimeUnit.SECONDS);
    }

    /** Sends these bytes as one binary message (which a Kuayu endpoint ignores). */
    public void sendBinary(byte[] bytes) throws Exception {
        socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
    }

    /** The next frame from the server, within 10 s. */
    public Message next() throws InterruptedException {
        String text = texts.poll(10, TimeUnit.SECONDS);
        if (text == null) {
            throw new AssertionError("no frame from the server within 10 s");
        }
        return WireCodec.decode(text);
    }

    /** The next frame, which must be of {@code kind}. */
    public Message expect(MessageKind kind) throws InterruptedException {
        Message m = next();
        if (m.kind() != kind) {
            throw new AssertionError("expected " + kind + ", got " + m);
        }
        return m;
    }

    /** The close code the server sent, waiting up to {@code seconds}. */
    public int closeCode(int seconds) throws Exception {
        return closed.get(seconds, TimeUnit.SECONDS);
    }

    /** True once the server closed the connection. */
    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            texts.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(1006);
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.abort();
        }
    }
}
