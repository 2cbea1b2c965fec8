package org.kuayu.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.kuayu.core.Origin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket endpoint speaking Kuayu's wire protocol, for pages that {@code kuayu.connect({transport: "websocket",
 * remote: "ws://..."})}: the page is the host of the channel, each connection a {@link KuayuSession} playing the
 * remote's part. Built on Jetty 12's core WebSocket container ({@code jetty-websocket-jetty-server}); requests for
 * other paths, and plain requests to its path, go to the wrapped handler.
 *
 * <pre>{@code
 * KuayuWebSocketHandler chat = KuayuWebSocketHandler.builder()
 *     .path("/ws/chat")
 *     .allowOrigin("http://www.domain1.com")             // exact: scheme://host[:port]
 *     .maxMessageBytes(65536)                           // a longer message closes that session only (1009)
 *     .idleTimeout(Duration.ofMinutes(5))
 *     .listener(new KuayuWebSocketListener() {
 *         public void onMessage(KuayuSession s, String json) { s.send(json); }
 *     })
 *     .build();
 * chat.setHandler(site);
 * chat.broadcast("{\"text\":\"to everyone\"}");
 * }</pre>
 *
 * <p>The {@code Origin} header is checked at the upgrade, before any WebSocket exists: an origin not allowed (exact
 * comparison; lookalikes such as {@code http://www.domain1.com.evil.test} are other origins), {@code "null"}, or a
 * missing header is answered {@code 403} and logged. Browsers always send {@code Origin}, which is what keeps other
 * sites' pages out (cross-site WebSocket hijacking); a client without one is not a browser and could send any
 * header, so {@link Builder#allowMissingOrigin()} admits such clients (HtmlUnit's WebSocket, Java clients) without
 * opening the endpoint to any page.
 *
 * <p>Every session is bounded, so that a client cannot make the server hold memory for it: incoming frames are
 * read one at a time, each only once the previous one was handled (Jetty's explicit demand, not auto-demand); what
 * the server sends and the client has not yet taken is counted per session, in bytes and in messages, and a
 * session whose queue would pass either bound is closed with {@value #CLOSE_NOT_READING} (as 1013, Try Again
 * Later); a page that has not finished the handshake within the handshake timeout is closed with
 * {@value #CLOSE_HANDSHAKE_TIMEOUT}, and until it has, only a few messages may wait for it. {@link #stats()} shows
 * the accounting.
 *
 * <p>Defaults: no origin until you name one ({@code build()} fails), {@code "*"} refused unless
 * {@link Builder#allowAnyOrigin()}; messages up to {@value #DEFAULT_MAX_MESSAGE_BYTES} bytes (UTF-8, as Jetty counts);
 * idle timeout 5 minutes (the page then reconnects, and is told); at most {@value #DEFAULT_MAX_QUEUED_BYTES} bytes
 * and {@value #DEFAULT_MAX_QUEUED_MESSAGES} messages queued per session; handshake within
 * {@value #DEFAULT_HANDSHAKE_TIMEOUT_SECONDS} s, at most {@value #DEFAULT_MAX_WAITING_MESSAGES} messages waiting for
 * it; no cap on sessions (as Jetty and nginx: name one with {@link Builder#maxSessions}). Configuration is fixed at
 * {@code build()}.
 */
public final class KuayuWebSocketHandler extends Handler.Wrapper {
    /** The default limit of one text message, in UTF-8 bytes. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 65536;
    /** The default bound of one session's outgoing queue, in UTF-8 bytes: {@value} (16 default messages). */
    public static final int DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;
    /** The default bound of one session's outgoing queue, in messages: {@value}. */
    public static final int DEFAULT_MAX_QUEUED_MESSAGES = 1024;
    /** The default bound of what waits for a session's handshake, in messages: {@value}. */
    public static final int DEFAULT_MAX_WAITING_MESSAGES = 16;
    /** The default time a page has to finish the handshake after the socket opened, in seconds: {@value}. */
    public static final int DEFAULT_HANDSHAKE_TIMEOUT_SECONDS = 10;
    /**
     * The close code of a session whose client does not read what it is sent: {@value}, an application code (the
     * private range 4000-4999) that reads as 1013 "Try Again Later": the server casts off a client for a condition
     * it expects to pass, and the page reconnects after its back-off. Not 1013 itself, nor 1008: Jetty treats every
     * 1xxx code but 1000 as abnormal and cuts the connection as soon as the close frame is written, so a client that
     * is still sending gets a TCP reset that throws away the close frame with the rest of its unread data (the
     * flooding client of the tests saw {@code Connection reset}, never the code); with an application code Jetty
     * sends the close frame after the bounded queue and waits for the client's answer, so a client that reads at
     * all gets the code.
     */
    public static final int CLOSE_NOT_READING = 4013;
    /** The close code of a session whose page did not finish the handshake in time: {@value} (Policy Violation). */
    public static final int CLOSE_HANDSHAKE_TIMEOUT = 1008;

    private static final Logger LOG = LoggerFactory.getLogger(KuayuWebSocketHandler.class);

    private final String path;
    private final Set<String> allowedOrigins;
    private final boolean allowAnyOrigin;
    private final boolean allowMissingOrigin;
    private final int maxMessageBytes;
    private final Duration idleTimeout;
    private final SessionBounds bounds;
    private final KuayuWebSocketListener listener;
    private final Set<KuayuSession> sessions = ConcurrentHashMap.newKeySet();
    private ServerWebSocketContainer container;

    private KuayuWebSocketHandler(Builder b) {
        this.path = b.path;
        this.allowedOrigins = Collections.unmodifiableSet(new LinkedHashSet<String>(b.origins));
        this.allowAnyOrigin = b.anyOrigin;
        this.allowMissingOrigin = b.missingOrigin;
        this.maxMessageBytes = b.maxMessageBytes;
        this.idleTimeout = b.idleTimeout;
        this.bounds = new SessionBounds(b.maxQueuedBytes, b.maxQueuedMessages, b.maxWaitingMessages,
                b.handshakeTimeout, b.maxSessions);
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void doStart() throws Exception {
        container = ServerWebSocketContainer.ensure(Objects.requireNonNull(getServer(),
                "add the KuayuWebSocketHandler to a Server before starting it"));
        super.doStart();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!path.equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (!admits(origin)) {
            LOG.info("refused a WebSocket upgrade to {} from origin {}: not allowed", path,
                    origin == null ? "(none)" : origin.length() > 100 ? origin.substring(0, 100) + "..." : origin);
            response.setStatus(HttpStatus.FORBIDDEN_403);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.write(true, ByteBuffer.wrap(("origin not allowed: " + path + " accepts WebSocket connections"
                    + " from its allowed origins only\n").getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
        if (!bounds.roomForOneMore()) {
            LOG.debug("refused a WebSocket upgrade to {}: {} sessions open", path, bounds.maxSessions);
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.write(true, ByteBuffer.wrap((path + " has as many connections as it takes; try again later\n")
                    .getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
        WebSocketCreator creator = (upgradeRequest, upgradeResponse, upgradeCallback) ->
                new KuayuSession(this, origin, bounds);
        if (container.upgrade(creator, request, response, callback)) {
            return true;
        }
        return super.handle(request, response, callback);
    }

    /**
     * Whether an upgrade with this {@code Origin} header (null: none) is admitted: the policy of this endpoint, for
     * another endpoint of the same site that should admit the same pages.
     */
    public boolean admits(String origin) {
        if (origin == null) {
            return allowMissingOrigin;
        }
        if ("null".equals(origin)) {
            return false;
        }
        return allowAnyOrigin || allowedOrigins.contains(origin);
    }

    /** Sends {@code json} to every ready session; returns how many. */
    public int broadcast(String json) {
        int n = 0;
        for (KuayuSession s : sessions) {
            if (s.isReady()) {
                s.send(json);
                n++;
            }
        }
        return n;
    }

    /** The sessions connected now (ready or still in the handshake). */
    public List<KuayuSession> sessions() {
        return new ArrayList<KuayuSession>(sessions);
    }

    /** The path it serves, e.g. {@code /ws/chat}. */
    public String path() {
        return path;
    }

    /** What the bounds saw and did so far: a snapshot, see {@link KuayuWebSocketStats}. */
    public KuayuWebSocketStats stats() {
        return bounds.stats(sessions.size());
    }

    /** The origins it admits, as given to the builder. */
    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    void configure(Session session) {
        session.setMaxTextMessageSize(maxMessageBytes);
        session.setMaxBinaryMessageSize(1024);
        session.setIdleTimeout(idleTimeout);
        // Jetty's own bound on queued frames, behind the session's accounting (which closes first).
        session.setMaxOutgoingFrames(bounds.maxQueuedMessages + 1);
    }

    /** Admits an opened session, or returns false when the cap is reached (the session then closes at once). */
    boolean opened(KuayuSession session) {
        if (!bounds.admit()) {
            return false;
        }
        sessions.add(session);
        scheduler().schedule(session::closeUnlessReady, bounds.handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        LOG.debug("WebSocket session {} open from {}", session.id(), session.origin());
        return true;
    }

    void closedHandshakeTimeout(KuayuSession session) {
        bounds.closedHandshakeTimeout();
        LOG.info("WebSocket session {} from {} closed ({}): no handshake within {} ms", session.id(),
                session.origin(), CLOSE_HANDSHAKE_TIMEOUT, bounds.handshakeTimeout.toMillis());
    }

    void closedNotReading(KuayuSession session, String why) {
        bounds.closedNotReading();
        LOG.info("WebSocket session {} from {} closed ({}): {}", session.id(), session.origin(), CLOSE_NOT_READING,
                why);
    }

    void closed(KuayuSession session, int statusCode, String reason) {
        if (!sessions.remove(session)) {
            return;
        }
        bounds.release();
        LOG.debug("WebSocket session {} closed: {} {}", session.id(), statusCode, reason);
        listener.onClose(session, statusCode, reason);
    }

    KuayuWebSocketListener listener() {
        return listener;
    }

    Scheduler scheduler() {
        return getServer().getScheduler();
    }

    /** Builds a {@link KuayuWebSocketHandler}; see its class comment for the defaults. */
    public static final class Builder {
        private String path = "/ws";
        private final List<String> origins = new ArrayList<String>();
        private boolean anyOrigin;
        private boolean missingOrigin;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private int maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
        private int maxQueuedMessages = DEFAULT_MAX_QUEUED_MESSAGES;
        private int maxWaitingMessages = DEFAULT_MAX_WAITING_MESSAGES;
        private Duration handshakeTimeout = Duration.ofSeconds(DEFAULT_HANDSHAKE_TIMEOUT_SECONDS);
        private int maxSessions;
        private KuayuWebSocketListener listener = new KuayuWebSocketListener() {
        };

        private Builder() {
        }

        /** The path of the endpoint within its context, exact (default {@code /ws}). */
        public Builder path(String endpointPath) {
            if (endpointPath == null || !endpointPath.startsWith("/")) {
                throw new IllegalArgumentException("the path must start with '/', e.g. /ws/chat; got " + endpointPath);
            }
            path = endpointPath;
            return this;
        }

        /** Admits pages of these exact origins ({@code scheme://host[:port]}, no path), http or https. */
        public Builder allowOrigin(String... allowed) {
            for (String o : allowed) {
                if ("*".equals(o)) {
                    throw new IllegalArgumentException("\"*\" is not an origin: call allowAnyOrigin() to admit every"
                            + " origin (only for public, non-sensitive endpoints)");
                }
                Origin parsed = Origin.tryParse(o);
                if (parsed == null || !parsed.toString().equals(o)
                        || !(parsed.scheme().equals("http") || parsed.scheme().equals("https"))) {
                    throw new IllegalArgumentException("'" + o + "' is not a page origin: give scheme://host[:port]"
                            + " as the browser sends it, e.g. http://www.domain1.com (no path, no default port)");
                }
                origins.add(o);
            }
            return this;
        }

        /** Admits pages of every origin: only for public, non-sensitive endpoints. */
        public Builder allowAnyOrigin() {
            anyOrigin = true;
            return this;
        }

        /**
         * Admits clients that send no {@code Origin} header: not browsers' pages (browsers always send it), but
         * non-browser clients, which could send any header anyway. Needed for HtmlUnit, whose WebSocket sends none.
         */
        public Builder allowMissingOrigin() {
            missingOrigin = true;
            return this;
        }

        /** The longest text message a page may send, in UTF-8 bytes (16 to 64 MiB); a longer one closes its session. */
        public Builder maxMessageBytes(int bytes) {
            if (bytes < 16 || bytes > 64 * 1024 * 1024) {
                throw new IllegalArgumentException("maxMessageBytes must be 16 to 67108864, got " + bytes);
            }
            maxMessageBytes = bytes;
            return this;
        }

        /** How long a connection may stay silent before the server closes it (the page then reconnects). */
        public Builder idleTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the idle timeout must be positive, got " + timeout);
            }
            idleTimeout = timeout;
            return this;
        }

        /**
         * The most a session may have queued for its client and not yet written, in UTF-8 bytes (1 KiB to 1 GiB;
         * default {@value KuayuWebSocketHandler#DEFAULT_MAX_QUEUED_BYTES}): a send that would pass it closes the
         * session with {@value KuayuWebSocketHandler#CLOSE_NOT_READING}. Keep it above your largest message.
         */
        public Builder maxQueuedBytes(int bytes) {
            if (bytes < 1024 || bytes > 1024 * 1024 * 1024) {
                throw new IllegalArgumentException("maxQueuedBytes must be 1024 to 1073741824, got " + bytes);
            }
            maxQueuedBytes = bytes;
            return this;
        }

        /**
         * The most messages a session may have queued for its client and not yet written (1 to 65,536; default
         * {@value KuayuWebSocketHandler#DEFAULT_MAX_QUEUED_MESSAGES}); one more closes it with
         * {@value KuayuWebSocketHandler#CLOSE_NOT_READING}.
         */
        public Builder maxQueuedMessages(int messages) {
            if (messages < 1 || messages > 65536) {
                throw new IllegalArgumentException("maxQueuedMessages must be 1 to 65536, got " + messages);
            }
            maxQueuedMessages = messages;
            return this;
        }

        /**
         * The most messages that may wait for a page's handshake (0 to 1,024; default
         * {@value KuayuWebSocketHandler#DEFAULT_MAX_WAITING_MESSAGES}); one more closes the session with
         * {@value KuayuWebSocketHandler#CLOSE_NOT_READING}. Their bytes count in {@link #maxQueuedBytes}.
         */
        public Builder maxWaitingMessages(int messages) {
            if (messages < 0 || messages > 1024) {
                throw new IllegalArgumentException("maxWaitingMessages must be 0 to 1024, got " + messages);
            }
            maxWaitingMessages = messages;
            return this;
        }

        /**
         * How long a page has, from the socket's opening, to finish the handshake ({@code RDY}); a session still
         * not ready then is closed with {@value KuayuWebSocketHandler#CLOSE_HANDSHAKE_TIMEOUT}. Default
         * {@value KuayuWebSocketHandler#DEFAULT_HANDSHAKE_TIMEOUT_SECONDS} s, at most 5 minutes.
         */
        public Builder handshakeTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.toMinutes() > 5) {
                throw new IllegalArgumentException("the handshake timeout must be positive and at most 5 minutes,"
                        + " like Duration.ofSeconds(10); got " + timeout);
            }
            handshakeTimeout = timeout;
            return this;
        }

        /**
         * The most sessions this endpoint holds at once (1 to 1,000,000; default: no cap, as Jetty and nginx): an
         * upgrade past it is answered {@code 503}, as nginx's {@code limit_conn} does.
         */
        public Builder maxSessions(int sessions) {
            if (sessions < 1 || sessions > 1_000_000) {
                throw new IllegalArgumentException("maxSessions must be 1 to 1000000, got " + sessions);
            }
            maxSessions = sessions;
            return this;
        }

        /** What the endpoint does with its pages' messages and requests. */
        public Builder listener(KuayuWebSocketListener l) {
            listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        /** Builds the handler; without any allowed origin it fails with an {@link IllegalStateException}. */
        public KuayuWebSocketHandler build() {
            if (origins.isEmpty() && !anyOrigin) {
                throw new IllegalStateException("a WebSocket endpoint needs the page origins it admits: call"
                        + " allowOrigin(\"https://www.example.com\") (or allowAnyOrigin() for a public endpoint)");
            }
            return new KuayuWebSocketHandler(this);
        }
    }
}
