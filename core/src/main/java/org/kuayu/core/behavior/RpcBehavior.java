package org.kuayu.core.behavior;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;
import org.kuayu.core.Reply;
import org.kuayu.core.ReplyCallback;
import org.kuayu.core.RequestHandler;
import org.kuayu.core.UserCode;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.BaseBehavior;
import org.kuayu.core.stack.Link;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.core.wire.WireCodec;

/**
 * Request/reply. Frames: {@code REQ n body}, answered by {@code RES n body} or {@code ERR n {code,message}}.
 *
 * <ol>
 * <li>Requirement: each reply reaches its own caller, with any number in flight. Protocol: ids count up from 1 per
 * channel, and after 999999999 (ids are 9 digits at most, like every wire number) wrap to 1, skipping any still
 * pending; a reply names its request's id; a reply to an unknown or expired id is dropped (debug log).</li>
 * <li>Requirement: no caller waits forever. Protocol: each request has its own deadline, one timer serving them all
 * (TIMEOUT, after the local {@code ABANDON} tells the transport to release what it holds for the request); when the channel closes every
 * pending request fails with CLOSED (or with the handshake's failure); when the remote page reloads they fail with
 * TRANSMISSION_FAILED, since the new page never saw them.</li>
 * <li>Requirement: a reply reaches only the page that asked. Protocol: a reply finished after the remote page
 * reloaded is dropped (the new page numbers its requests from 1 again, so it could be mistaken for its own).</li>
 * <li>Requirement: the remote's failures are the caller's errors. Protocol: a handler that throws or rejects is
 * answered with {@code ERR} REMOTE_ERROR carrying its message; a page without a handler answers REMOTE_ERROR too.
 * Only the first answer of a handler is sent.</li>
 * </ol>
 */
public final class RpcBehavior extends BaseBehavior {
    private final Platform platform;
    private final RequestHandler handler;
    private final boolean trustReplies;
    private final DebugLog log;
    private final Map<Integer, Pending> pending = new HashMap<Integer, Pending>();
    private int nextId = 1;
    private boolean closed;
    private Origin lastSender;
    /** Counts remote pages: a reply owed to an earlier page must never reach a later one (ids restart at 1). */
    private int generation;
    /** The one request timer, armed for {@link #timerAt}, or null when nothing is pending. */
    private Cancellable timer;
    private double timerAt;

    /**
     * @param trustReplies true when replies come from {@code JSON.stringify} and need no validation
     */
    public RpcBehavior(Platform platform, RequestHandler handler, boolean trustReplies, DebugLog log) {
        this.platform = platform;
        this.trustReplies = trustReplies;
        this.handler = handler;
        this.log = log;
    }

    /** Requests awaiting their reply (for tests and leak checks). */
    public int pendingCount() {
        return pending.size();
    }

    @Override
    public void down(Message m, final Link link) {
        if (m.kind() != MessageKind.REQUEST || !(m.attachment() instanceof RequestTicket)) {
            link.down(m);
            return;
        }
        RequestTicket ticket = (RequestTicket) m.attachment();
        if (closed) {
            settle(ticket.callback, null, new KuayuException(ErrorCode.CLOSED, "the channel is closed"));
            return;
        }
        final int id = takeId();
        // Sent before it is registered: a layer below may refuse it by throwing to the caller (a JSONP request
        // that is not a flat object), and then nothing may be left pending. Answers always come in a later task.
        link.down(new Message(MessageKind.REQUEST, "", id, m.body()));
        Pending p = new Pending(ticket.callback, id, ticket.timeoutMillis, platform.now() + ticket.timeoutMillis);
        pending.put(Integer.valueOf(id), p);
        if (timer == null || p.deadline < timerAt) {
            arm(p.deadline, link);
        }
    }

    /** The next request id: 1 to {@link WireCodec#MAX_NUMBER}, then 1 again, never one still pending. */
    private int takeId() {
        int id = nextId;
        while (pending.containsKey(Integer.valueOf(id))) {
            id = id >= WireCodec.MAX_NUMBER ? 1 : id + 1;
        }
        nextId = id >= WireCodec.MAX_NUMBER ? 1 : id + 1;
        return id;
    }

    /**
     * One timer for all requests, armed for the earliest deadline: a timer per request would cost the page two timer
     * calls per round trip. When it fires, the requests due fail with TIMEOUT and it is armed for the next one.
     */
    private void arm(double deadline, final Link link) {
        if (timer != null) {
            timer.cancel();
        }
        timerAt = deadline;
        timer = platform.schedule((int) Math.max(1, Math.ceil(deadline - platform.now())), new Runnable() {
            @Override
            public void run() {
                timer = null;
                expire(link);
            }
        });
    }

    private void expire(Link link) {
        // Timers may fire a little before their time as performance.now() counts it.
        double now = platform.now() + 1;
        double next = Double.MAX_VALUE;
        List<Pending> due = new ArrayList<Pending>();
        for (Pending p : pending.values()) {
            if (p.deadline <= now) {
                due.add(p);
            } else if (p.deadline < next) {
                next = p.deadline;
            }
        }
        for (Pending p : due) {
            pending.remove(Integer.valueOf(p.id));
        }
        if (next != Double.MAX_VALUE) {
            arm(next, link);
        }
        for (Pending p : due) {
            link.down(new Message(MessageKind.ABANDON, "", p.id, ""));
            settle(p.callback, null, new KuayuException(ErrorCode.TIMEOUT,
                    "no reply to request #" + p.id + " within " + p.timeoutMillis + " ms"));
        }
    }

    @Override
    public void up(Message m, Link link) {
        switch (m.kind()) {
            case REQUEST:
                answer(m, link);
                return;
            case RESPONSE:
            case ERROR:
                Pending p = pending.remove(Integer.valueOf(m.number()));
                if (p == null) {
                    log.log("dropped a reply to unknown or expired request #" + m.number());
                    return;
                }
                if (pending.isEmpty() && timer != null) {
                    timer.cancel();
                    timer = null;
                }
                if (m.kind() == MessageKind.RESPONSE) {
                    settle(p.callback, m.body(), null);
                } else {
                    settle(p.callback, null, Json.readError(m.body(), ErrorCode.REMOTE_ERROR));
                }
                return;
            case RESET:
                generation++;
                failAll(ErrorCode.TRANSMISSION_FAILED, m.body().isEmpty() ? "the remote page reloaded before it replied"
                        : Json.readError(m.body(), ErrorCode.TRANSMISSION_FAILED).getMessage() + "; before it replied");
                link.up(m);
                return;
            case FAILED:
                closed = true;
                KuayuException e = Json.readError(m.body(), ErrorCode.CLOSED);
                failAll(e.code(), e.getMessage());
                link.up(m);
                return;
            case CLOSED:
                closed = true;
                failAll(ErrorCode.CLOSED, "the channel was closed before the reply arrived");
                link.up(m);
                return;
            default:
                link.up(m);
        }
    }

    private void answer(final Message m, final Link link) {
        final int id = m.number();
        final int askedBy = generation;
        Reply reply = new Reply() {
            private boolean done;

            @Override
            public void resolve(String json) {
                if (settle()) {
                    String body = json;
                    if (body == null || !trustReplies && !Json.isValid(body)) {
                        send(new Message(MessageKind.ERROR, "", id, Json.error(ErrorCode.REMOTE_ERROR,
                                "the remote page replied with something that is not JSON")));
                        return;
                    }
                    send(new Message(MessageKind.RESPONSE, "", id, body));
                }
            }

            @Override
            public void reject(String message) {
                if (settle()) {
                    send(new Message(MessageKind.ERROR, "", id, Json.error(ErrorCode.REMOTE_ERROR, message)));
                }
            }

            private boolean settle() {
                if (done) {
                    log.log("ignored a second answer to request #" + id);
                    return false;
                }
                done = true;
                return true;
            }

            private void send(Message reply) {
                if (askedBy != generation) {
                    log.log("dropped the answer to request #" + id + ": the page that asked it is gone");
                } else if (!closed) {
                    link.down(reply);
                }
            }
        };
        if (handler == null) {
            reply.reject("the remote page has no onRequest handler");
            return;
        }
        try {
            lastSender = Origin.reuseOrParse(m.origin(), lastSender);
            handler.onRequest(m.body(), lastSender, reply);
        } catch (RuntimeException e) {
            reply.reject(e.getMessage() == null ? e.getClass().getName() : e.getMessage());
        }
    }

    private void failAll(ErrorCode code, String message) {
        List<Pending> all = new ArrayList<Pending>(pending.values());
        pending.clear();
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        for (Pending p : all) {
            settle(p.callback, null, new KuayuException(code, message));
        }
    }

    /** Tells one caller; its callback is user code, so it cannot rob the others of their answer (see UserCode). */
    private void settle(ReplyCallback callback, String reply, KuayuException error) {
        UserCode.settle(platform, log, callback, reply, error);
    }

    @Override
    public void stop() {
        closed = true;
        failAll(ErrorCode.CLOSED, "the channel was closed before the reply arrived");
    }

    private static final class Pending {
        final ReplyCallback callback;
        final int id;
        final int timeoutMillis;
        final double deadline;

        Pending(ReplyCallback callback, int id, int timeoutMillis, double deadline) {
            this.callback = callback;
            this.id = id;
            this.timeoutMillis = timeoutMillis;
            this.deadline = deadline;
        }
    }
}
