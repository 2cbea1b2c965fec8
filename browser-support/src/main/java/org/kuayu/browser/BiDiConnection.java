package org.kuayu.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.openqa.selenium.json.Json;

/**
 * A WebDriver BiDi connection (W3C WebDriver BiDi: JSON commands and events over one WebSocket), just enough to
 * drive Firefox without geckodriver: {@link #call} sends a command and waits for its result, events go to one
 * listener. Built on the JDK's {@link WebSocket}; JSON is Selenium's parser, so values come back as {@code Map},
 * {@code List}, {@code String}, {@code Long}, {@code Double}, {@code Boolean} or null.
 *
 * <pre>{@code
 * BiDiConnection bidi = BiDiConnection.open(URI.create("ws://127.0.0.1:9222/session"), event -> { });
 * bidi.call("session.new", Map.of("capabilities", Map.of()));
 * Map<String, Object> tree = bidi.call("browsingContext.getTree", Map.of());
 * }</pre>
 *
 * A command waits at most {@link #TIMEOUT} by default; an error answer throws {@link BiDiException}.
 */
public final class BiDiConnection implements AutoCloseable {

    /** How long {@link #call(String, Map)} waits for an answer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static final Json JSON = new Json();

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final Consumer<Map<String, Object>> events;
    private volatile WebSocket socket;
    private volatile Throwable closedBy;

    private BiDiConnection(Consumer<Map<String, Object>> events) {
        this.events = events;
    }

    /**
     * Connects to a BiDi endpoint.
     *
     * @param events receives each event message ({@code {"type": "event", "method": ..., "params": ...}}) on the
     *               socket's thread; it must not call back into this connection
     */
    public static BiDiConnection open(URI endpoint, Consumer<Map<String, Object>> events) {
        BiDiConnection connection = new BiDiConnection(events);
        try {
            connection.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(endpoint, connection.new Listener())
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + endpoint, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to WebDriver BiDi at " + endpoint + ": " + e, e);
        }
        return connection;
    }

    /** Sends a command and returns its result, waiting at most {@link #TIMEOUT}. */
    public Map<String, Object> call(String method, Map<String, ?> params) {
        return call(method, params, TIMEOUT);
    }

    /** Sends a command and returns its result, waiting at most {@code timeout}. */
    public Map<String, Object> call(String method, Map<String, ?> params, Duration timeout) {
        long id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            if (closedBy != null) {
                throw new IllegalStateException("the BiDi connection is closed: " + closedBy, closedBy);
            }
            String text = JSON.toJson(Map.of("id", id, "method", method, "params", params));
            socket.sendText(text, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Object> message = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if ("error".equals(message.get("type"))) {
                throw new BiDiException(method, message);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) message.get("result");
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + " got no answer within " + timeout.toMillis() + " ms", e);
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public void close() {
        closedBy = new IllegalStateException("closed by the client");
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The browser is going away anyway.
        }
        socket.abort();
    }

    private void receive(String text) {
        @SuppressWarnings("unchecked")
        Map<String, Object> message = JSON.toType(text, Map.class);
        Object id = message.get("id");
        if (id instanceof Number) {
            CompletableFuture<Map<String, Object>> answer = pending.get(((Number) id).longValue());
            if (answer != null) {
                answer.complete(message);
            }
        } else if ("event".equals(message.get("type"))) {
            events.accept(message);
        }
    }

    private void fail(Throwable cause) {
        closedBy = cause;
        pending.values().forEach(answer -> answer.completeExceptionally(cause));
    }

    /** Reassembles text frames into messages; answers and events are handled in order on the socket's thread. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    receive(text);
                } catch (RuntimeException e) {
                    fail(e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            fail(new IllegalStateException("the browser closed the BiDi connection: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            fail(error);
        }
    }

    /** A BiDi error answer: its {@code error} code and {@code message}, as the browser sent them. */
    public static final class BiDiException extends RuntimeException {
        private final String error;

        BiDiException(String method, Map<String, Object> message) {
            super(method + ": " + message.get("error") + ": " + message.get("message"));
            this.error = String.valueOf(message.get("error"));
        }

        /** The BiDi error code, such as {@code no such frame} or {@code unknown error}. */
        public String error() {
            return error;
        }
    }
}
