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
 * <p>Defaults: no origin until you name one ({@code build()} fails), {@code "*"} refused unless
 * {@link Builder#allowAnyOrigin()}; messages up to {@value #DEFAULT_MAX_MESSAGE_BYTES} bytes (UTF-8, as Jetty counts);
 * idle timeout 5 minutes (the page then reconnects, and is told). Configuration is fixed at {@code build()}.
 */
public final class KuayuWebSocketHandler extends Handler.Wrapper {
    /** The default limit of one text message, in UTF-8 bytes. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 65536;

    private static final Logger LOG = LoggerFactory.getLogger(KuayuWebSocketHandler.class);

    private final String path;
    private final Set<String> allowedOrigins;
    private final boolean allowAnyOrigin;
    private final boolean allowMissingOrigin;
    private final int maxMessageBytes;
    private final Duration idleTimeout;
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
        WebSocketCreator creator = (upgradeRequest, upgradeResponse, upgradeCallback) ->
                new KuayuSession(this, origin);
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

    /** The origins it admits, as given to the builder. */
    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    void configure(Session session) {
        session.setMaxTextMessageSize(maxMessageBytes);
        session.setMaxBinaryMessageSize(1024);
        session.setIdleTimeout(idleTimeout);
    }

    void opened(KuayuSession session) {
        sessions.add(session);
        LOG.debug("WebSocket session {} open from {}", session.id(), session.origin());
    }

    void closed(KuayuSession session, int statusCode, String reason) {
        sessions.remove(session);
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
