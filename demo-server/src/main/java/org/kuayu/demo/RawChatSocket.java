package org.kuayu.demo;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One connection of {@link DemoChat}'s raw endpoint, the classic example's server: each text {@code t} is answered
 * with {@code "hello: " + t}. Public because Jetty calls its methods through public method handles.
 *
 * <p>Bounded as {@code KuayuWebSocketHandler}'s sessions are, so that the demo's own socket cannot be turned against
 * the server: a text over {@value #MAX_TEXT_BYTES} bytes closes the socket (1009); a client that sends and never
 * reads has at most {@value #MAX_QUEUED_ANSWERS} answers waiting for it, and the next one closes it with
 * {@value #CLOSE_NOT_READING} (as {@code KuayuWebSocketHandler.CLOSE_NOT_READING}), cut {@link #CLOSE_GRACE} later
 * if it still has not read up to the close frame; a socket silent for
 * {@link #IDLE_TIMEOUT} closes (1001).
 *
 * <pre>{@code
 * container.upgrade((request, response, callback) -> new RawChatSocket(), request, response, callback);
 * }</pre>
 */
public final class RawChatSocket implements Session.Listener.AutoDemanding {
    /** The longest text it takes, in UTF-8 bytes; a longer one closes the socket (1009). */
    static final int MAX_TEXT_BYTES = 4096;
    /** Answers that may wait for a client that does not read. */
    static final int MAX_QUEUED_ANSWERS = 64;
    /** The close code for a client that does not read what it is sent. */
    static final int CLOSE_NOT_READING = 4013;
    /** How long a client closed for not reading has to read up to the close frame before the connection is cut. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);
    /** How long a socket may stay silent. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    private Session session;

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        session.setMaxTextMessageSize(MAX_TEXT_BYTES);
        session.setMaxOutgoingFrames(MAX_QUEUED_ANSWERS);
        session.setIdleTimeout(IDLE_TIMEOUT);
    }

    /** A connection that fails (cut, reset) is simply over: nothing to report. */
    @Override
    public void onWebSocketError(Throwable cause) {
        // Jetty closes the session; the client reconnects if it wants to.
    }

    @Override
    public void onWebSocketText(String text) {
        Session s = session;
        s.sendText("hello: " + text, Callback.from(() -> { }, failure -> {
            if (s.isOpen()) {
                // The close frame waits behind the answers the client does not read: cut the connection if it has
                // not read up to it in a while.
                s.close(CLOSE_NOT_READING, "the client does not read what it is sent", Callback.NOOP);
                CompletableFuture.delayedExecutor(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS).execute(s::disconnect);
            }
        }));
    }
}
