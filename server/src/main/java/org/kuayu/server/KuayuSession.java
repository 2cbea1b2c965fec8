package org.kuayu.server;

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
 * <p>What is sent before the handshake is done waits, in order, and goes once the channel is ready. Thread-safe.
 */
public final class KuayuSession implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(KuayuSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KuayuWebSocketHandler handler;
    private final String origin;
    private final String id;
    private final List<Message> waiting = new ArrayList<Message>();
    private final Map<Long, ReplyCallback> pending = new HashMap<Long, ReplyCallback>();
    private Session socket;
    private volatile String channel;
    private boolean ready;
    private boolean ended;
    private long nextRequest = 1;

    KuayuSession(KuayuWebSocketHandler handler, String origin) {
        this.handler = handler;
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
        return ready && !ended;
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
        final long number;
        synchronized (this) {
            if (ended) {
                callback.onError(new KuayuException(ErrorCode.CLOSED, "the session has ended"));
                return;
            }
            number = nextRequest++;
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

    private void deliver(Message m) {
        synchronized (this) {
            if (ended) {
                LOG.debug("dropped a {} for ended session {}", m.kind(), id);
                return;
            }
            if (!ready) {
                waiting.add(m);
                return;
            }
            sendNow(m.withChannel(channel));
        }
    }

    /** Sends one frame; the caller holds the lock, so frames keep their order. */
    private void sendNow(Message m) {
        Session s = socket;
        if (s != null && s.isOpen()) {
            s.sendText(WireCodec.encode(m), Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketOpen(Session session) {
        handler.configure(session);
        synchronized (this) {
            socket = session;
            sendNow(new Message(MessageKind.HELLO, "", 0, id));
        }
        handler.opened(this);
    }

    @Override
    public void onWebSocketText(String text) {
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
            case RESPONSE -> settle(m.number(), m.body(), null);
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
            for (Message w : waiting) {
                sendNow(w.withChannel(channel));
            }
            waiting.clear();
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
        try {
            String json = handler.listener().onRequest(this, m.body());
            reply = json != null && Json.isValid(json) ? new Message(MessageKind.RESPONSE, channel, m.number(), json)
                    : error(m.number(), "the server's onRequest did not answer JSON");
        } catch (RuntimeException e) {
            reply = error(m.number(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        synchronized (this) {
            sendNow(reply);
        }
    }

    private Message error(long number, String text) {
        return new Message(MessageKind.ERROR, channel, number, Json.error(ErrorCode.REMOTE_ERROR, text));
    }

    private void settle(long number, String json, KuayuException error) {
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
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            failed = new ArrayList<ReplyCallback>(pending.values());
            pending.clear();
            waiting.clear();
        }
        for (ReplyCallback c : failed) {
            c.onError(new KuayuException(ErrorCode.CLOSED, "the session ended (" + statusCode + ") before the page replied"));
        }
        handler.closed(this, statusCode, reason == null ? "" : reason);
    }

    @Override
    public String toString() {
        return "KuayuSession[" + id.substring(0, 8) + " " + origin + (isReady() ? ", ready" : "") + "]";
    }
}
