package org.kuayu.server;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.KuayuException;
import org.kuayu.core.ReplyCallback;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.core.wire.WireCodec;
import org.kuayu.core.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One page's connection to a {@link KuayuWebSocketHandler}, speaking the remote's side of Kuayu's handshake
 * ({@code docs/protocol.md}, "WebSocket"): {@code HEL} with a fresh session id when the socket opens, {@code ACK} to
 * the page's {@code SYN} (the first binds the channel id), {@code RDY} to its {@code RDY}; then {@code MSG},
 * {@code REQ}/{@code RES}/{@code ERR} both ways, and {@code CLS} from the page ends the session.
 *
 * <pre>{@code
 * session.send("{\"text\":\"hello\"}");                      // the page's onMessage
 * session.request("{\"q\":1}", 5000, new ReplyCallback() {   // the page's onRequest answers
 *     public void onReply(String json) { }
 *     public void onError(KuayuException e) { }              // TIMEOUT, REMOTE_ERROR, CLOSED
 * });
 * session.close();                                           // CLS, then close 1000
 * }</pre>
 *
 * <p>What is sent before the handshake is done waits, in order, and goes once the channel is ready. Bounded: frames
 * are read one at a time, the next demanded once the previous one was handled (Jetty's explicit demand); what is
 * sent and not yet written is counted in bytes and messages, and a send past the handler's bounds (or past the few
 * messages allowed to wait for the handshake) closes the session with
 * {@value KuayuWebSocketHandler#CLOSE_NOT_READING} instead of queueing; a page not ready within the handshake
 * timeout is closed with {@value KuayuWebSocketHandler#CLOSE_HANDSHAKE_TIMEOUT}. A session so closed whose client
 * does not take the close frame either is disconnected after the handshake timeout. Thread-safe.
 */
public final class KuayuSession implements Session.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(KuayuSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KuayuWebSocketHandler handler;
    private final SessionBounds bounds;
    private final String origin;
    private final String id;
    private final List<Message> waiting = new ArrayList<Message>();
    private final Map<Integer, ReplyCallback> pending = new HashMap<Integer, ReplyCallback>();
    private volatile Session socket;
    private volatile String channel;
    private boolean ready;
    private boolean ended;
    /** The close code this server sent to end the session because of a bound, or 0. */
    private int closedFor;
    private long queuedBytes;
    private int queuedMessages;
    private long waitingBytes;
    /** 1 to {@link WireCodec#MAX_NUMBER} (wire numbers are 9 digits), then 1 again, skipping those pending. */
    private int nextRequest = 1;

    KuayuSession(KuayuWebSocketHandler handler, String origin, SessionBounds bounds) {
        this.handler = handler;
        this.bounds = bounds;
        this.origin = origin;
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        this.id = HexFormat.of().formatHex(bytes);
    }

    /** This session's id: 32 hex digits, the {@code HEL}/{@code ACK} session the page sees. */
    public String id() {
        return id;
    }

    /** The page's origin from the upgrade's {@code Origin} header, or null when the client sent none. */
    public String origin() {
        return origin;
    }

    /** The endpoint this session belongs to (for its other sessions, {@code broadcast}). */
    public KuayuWebSocketHandler handler() {
        return handler;
    }

    /** True from the handshake's end until the session ends. */
    public synchronized boolean isReady() {
        return ready && !ended && closedFor == 0;
    }

    /** Sends a one-way message (JSON text) to the page's {@code onMessage}. */
    public void send(String json) {
        Json.requireValid(json, "the message");
        deliver(new Message(MessageKind.MESSAGE, "", 0, json));
    }

    /**
     * Sends a request (JSON text) to the page's {@code onRequest}; {@code callback} gets the reply, or REMOTE_ERROR,
     * TIMEOUT after {@code timeoutMillis}, CLOSED when the session ends first. Called on Jetty's threads.
     */
    public void request(String json, long timeoutMillis, ReplyCallback callback) {
        Json.requireValid(json, "the request");
        final int number;
        synchronized (this) {
            if (ended) {
                callback.onError(new KuayuException(ErrorCode.CLOSED, "the session has ended"));
                return;
            }
            while (pending.containsKey(nextRequest)) {
                nextRequest = nextRequest >= WireCodec.MAX_NUMBER ? 1 : nextRequest + 1;
            }
            number = nextRequest;
            nextRequest = number >= WireCodec.MAX_NUMBER ? 1 : number + 1;
            pending.put(number, callback);
        }
        handler.scheduler().schedule(() -> settle(number, null,
                new KuayuException(ErrorCode.TIMEOUT, "no reply within " + timeoutMillis + " ms")),
                timeoutMillis, TimeUnit.MILLISECONDS);
        deliver(new Message(MessageKind.REQUEST, "", number, json));
    }

    /** Ends the session: {@code CLS} to the page (its channel closes, it does not reconnect), then close 1000. */
    public void close() {
        Session s;
        synchronized (this) {
            s = socket;
            if (channel != null && ready && !ended) {
                sendNow(new Message(MessageKind.CLOSE, channel, 0, ""));
            }
        }
        if (s != null) {
            s.close(1000, "closed by the server", Callback.NOOP);
        }
    }

    /** UTF-8 bytes queued for the client and not yet written (and bodies waiting for the handshake). */
    public synchronized long queuedBytes() {
        return queuedBytes;
    }

    /** Messages handed to Jetty for the client and not yet written. */
    public synchronized int queuedMessages() {
        return queuedMessages;
    }

    private void deliver(Message m) {
        synchronized (this) {
            if (ended || closedFor != 0) {
                LOG.debug("dropped a {} for ended session {}", m.kind(), id);
                return;
            }
            if (!ready) {
                int bytes = SessionBounds.utf8Length(m.body());
                if (waiting.size() >= bounds.maxWaitingMessages || queuedBytes + bytes > bounds.maxQueuedBytes) {
                    closeNotReading("more than " + waiting.size() + " messages (" + queuedBytes
                            + " bytes) waiting for a handshake that has not finished");
                    return;
                }
                waiting.add(m);
                waitingBytes += bytes;
                queuedBytes += bytes;
                bounds.queued(queuedBytes, queuedMessages);
                return;
            }
            sendNow(m.withChannel(channel));
        }
    }

    /**
     * Sends one frame, or closes the session if it would pass a bound; the caller holds the lock, so frames keep
     * their order and the count is exact.
     */
    private void sendNow(Message m) {
        Session s = socket;
        if (s == null || !s.isOpen() || closedFor != 0) {
            return;
        }
        String text = WireCodec.encode(m);
        int bytes = SessionBounds.utf8Length(text);
        if (queuedBytes + bytes > bounds.maxQueuedBytes || queuedMessages >= bounds.maxQueuedMessages) {
            closeNotReading(queuedMessages + " messages (" + queuedBytes + " bytes) sent and not read; "
                    + bytes + " more bytes would pass the bound");
            return;
        }
        queuedBytes += bytes;
        queuedMessages++;
        bounds.queued(queuedBytes, queuedMessages);
        s.sendText(text, Callback.from(() -> written(bytes), failure -> written(bytes)));
    }

    private synchronized void written(int bytes) {
        queuedBytes -= bytes;
        queuedMessages--;
    }

    /** Closes the session for a client that does not read; the caller holds the lock. */
    private void closeNotReading(String why) {
        handler.closedNotReading(this, why);
        closeForBound(KuayuWebSocketHandler.CLOSE_NOT_READING, "the client does not read what it is sent");
    }

    /** The handshake deadline: closes the session unless it is ready (or already ending). */
    synchronized void closeUnlessReady() {
        if (ready || ended || closedFor != 0 || socket == null) {
            return;
        }
        handler.closedHandshakeTimeout(this);
        closeForBound(KuayuWebSocketHandler.CLOSE_HANDSHAKE_TIMEOUT, "no handshake in time");
    }

    /**
     * Sends the close frame and cuts the connection if the client has not answered it within the handshake timeout
     * (a client that reads nothing never will); the caller holds the lock.
     */
    private void closeForBound(int code, String reason) {
        closedFor = code;
        waiting.clear();
        queuedBytes -= waitingBytes;
        waitingBytes = 0;
        Session s = socket;
        s.close(code, reason, Callback.NOOP);
        handler.scheduler().schedule(() -> {
            synchronized (this) {
                if (ended) {
                    return;
                }
            }
            s.disconnect();
        }, bounds.handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onWebSocketOpen(Session session) {
        handler.configure(session);
        synchronized (this) {
            socket = session;
        }
        if (!handler.opened(this)) {
            // An upgrade that raced past the cap: 1013 Try Again Later, the server's own overload.
            session.close(1013, "the server has as many connections as it takes", Callback.NOOP);
            return;
        }
        synchronized (this) {
            sendNow(new Message(MessageKind.HELLO, "", 0, id));
        }
        session.demand();
    }

    @Override
    public void onWebSocketText(String text) {
        try {
            receive(text);
        } finally {
            // Explicit demand: the next frame is read only now that this one was handled.
            Session s = socket;
            if (s != null) {
                s.demand();
            }
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        LOG.debug("session {}: ignored a binary message", id);
        callback.succeed();
        socket.demand();
    }

    private void receive(String text) {
        Message m;
        try {
            m = WireCodec.decode(text);
        } catch (WireFormatException e) {
            LOG.debug("session {}: dropped a frame: {}", id, e.getMessage());
            return;
        }
        if (m.kind() != MessageKind.SYN && (channel == null || !channel.equals(m.channel()))) {
            LOG.debug("session {}: ignored {} for channel '{}'", id, m.kind(), m.channel());
            return;
        }
        switch (m.kind()) {
            case SYN -> synchronize(m);
            case READY -> becomeReady();
            case MESSAGE -> {
                if (Json.isValid(m.body())) {
                    guarded("onMessage", () -> handler.listener().onMessage(this, m.body()));
                }
            }
            case REQUEST -> answer(m);
            case RESPONSE -> {
                if (Json.isValid(m.body())) {
                    settle(m.number(), m.body(), null);
                } else {
                    settle(m.number(), null, new KuayuException(ErrorCode.TRANSMISSION_FAILED,
                            "the page replied with something that is not JSON"));
                }
            }
            case ERROR -> settle(m.number(), null, Json.readError(m.body(), ErrorCode.REMOTE_ERROR));
            case CLOSE -> {
                Session s = socket;
                if (s != null) {
                    s.close(1000, "closed by the page", Callback.NOOP);
                }
            }
            default -> LOG.debug("session {}: ignored {}", id, m.kind());
        }
    }

    private synchronized void synchronize(Message m) {
        if (m.channel().isEmpty() || (channel != null && !channel.equals(m.channel()))) {
            LOG.debug("session {}: ignored a SYN for channel '{}'", id, m.channel());
            return;
        }
        channel = m.channel();
        sendNow(new Message(MessageKind.ACK, channel, 0, "{\"session\":\"" + id + "\"}"));
    }

    private void becomeReady() {
        synchronized (this) {
            // The page sends one RDY per session; a copy is answered again (harmless), nothing else repeats.
            sendNow(new Message(MessageKind.READY, channel, 0, ""));
            if (ready) {
                return;
            }
            ready = true;
            queuedBytes -= waitingBytes;
            waitingBytes = 0;
            List<Message> early = new ArrayList<Message>(waiting);
            waiting.clear();
            for (Message w : early) {
                sendNow(w.withChannel(channel));
            }
        }
        guarded("onOpen", () -> handler.listener().onOpen(this));
    }

    /** Runs the application's listener; what it throws is logged, and the session goes on. */
    private void guarded(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("session {}: the listener's {} threw", id, what, e);
        }
    }

    private void answer(Message m) {
        Message reply;
        if (!Json.isValid(m.body())) {
            LOG.debug("session {}: refused request #{}: its body is not JSON", id, m.number());
            reply = new Message(MessageKind.ERROR, channel, m.number(), Json.error(ErrorCode.INVALID_ARGUMENT,
                    "the request is not JSON"));
        } else {
            reply = listenerAnswer(m);
        }
        synchronized (this) {
            sendNow(reply);
        }
    }

    private Message listenerAnswer(Message m) {
        Message reply;
        try {
            String json = handler.listener().onRequest(this, m.body());
            reply = json != null && Json.isValid(json) ? new Message(MessageKind.RESPONSE, channel, m.number(), json)
                    : error(m.number(), "the server's onRequest did not answer JSON");
        } catch (RuntimeException e) {
            reply = error(m.number(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return reply;
    }

    private Message error(int number, String text) {
        return new Message(MessageKind.ERROR, channel, number, Json.error(ErrorCode.REMOTE_ERROR, text));
    }

    private void settle(int number, String json, KuayuException error) {
        ReplyCallback callback;
        synchronized (this) {
            callback = pending.remove(number);
        }
        if (callback == null) {
            return;
        }
        if (error == null) {
            callback.onReply(json);
        } else {
            callback.onError(error);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("session {}: {}", id, cause.toString());
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        List<ReplyCallback> failed;
        int code;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            failed = new ArrayList<ReplyCallback>(pending.values());
            pending.clear();
            waiting.clear();
            queuedBytes -= waitingBytes;
            waitingBytes = 0;
            // A session this server closed for a bound reports that code, also when the client never answered it.
            code = closedFor != 0 ? closedFor : statusCode;
        }
        for (ReplyCallback c : failed) {
            c.onError(new KuayuException(ErrorCode.CLOSED, "the session ended (" + code + ") before the page replied"));
        }
        handler.closed(this, code, reason == null ? "" : reason);
    }

    @Override
    public String toString() {
        return "KuayuSession[" + id.substring(0, 8) + " " + origin + (isReady() ? ", ready" : "") + "]";
    }
}
