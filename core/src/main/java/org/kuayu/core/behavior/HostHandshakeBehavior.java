package org.kuayu.core.behavior;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.Link;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

/**
 * The host's half of the handshake.
 *
 * <ol>
 * <li>Requirement: it works whichever page loads first. Protocol: the host sends {@code SYN} at once, again each
 * time the remote frame finishes loading, and again when the remote announces itself with {@code HEL}; the remote
 * answers every {@code SYN} of its channel with {@code ACK} carrying its session id.</li>
 * <li>Requirement: the fast private path is used only when both pages have it, and only once both directions of
 * it are known to exist. Protocol: on {@code ACK} the host offers its half of the private path (a port it posts
 * into rides along) with {@code RDY}; the remote takes it, offers its own half with its answering {@code RDY},
 * and from then on sends over the private path if both halves exist; the host does the same when that
 * {@code RDY} arrives, and is ready. Each side posts into a channel it created itself, which also avoids
 * HtmlUnit's one-way {@code MessageChannel}.</li>
 * <li>Requirement: a remote page that reloads gets a working channel again. Protocol: a {@code HEL} or {@code ACK}
 * with a new session id means a new remote page: requests in flight fail with TRANSMISSION_FAILED (the new page
 * never saw them), the channel reports it is not ready, and steps 1-2 run again; data sent meanwhile is queued.
 * A frame load without a new session (a navigation to a page without Kuayu) is probed with {@code SYN}; no answer
 * within the timeout closes the channel with TRANSMISSION_FAILED. A connection that dropped ({@code DROPPED}, a
 * WebSocket) is handled alike, but without a timeout: the transport reconnects, the server says {@code HEL}.</li>
 * <li>Requirement: failure is prompt and explained. Protocol: {@code REJ} fails the channel with the remote's
 * ORIGIN_REJECTED; no ready channel within the timeout fails it with TIMEOUT.</li>
 * </ol>
 */
public final class HostHandshakeBehavior extends HandshakeBehavior {
    private final int timeoutMillis;
    private final String remoteOrigin;
    private String remoteSession;
    private Cancellable timer;
    private Cancellable probe;

    public HostHandshakeBehavior(Platform platform, String transportName, DebugLog log, String channelId,
            String remoteOrigin, int timeoutMillis) {
        super(platform, transportName, log, channelId);
        this.remoteOrigin = remoteOrigin;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void start(Link link) {
        String self = platform.selfOrigin();
        armTimer(link, "no answer from the remote page at " + remoteOrigin + " within " + timeoutMillis + " ms: "
                + ("null".equals(self) ? "this page's origin is opaque (\"null\": a sandboxed iframe, a data: URL),"
                        + " which no remote page can admit: load it from a real origin"
                        : "check that the page loads, calls kuayu.accept(...) and lists " + self
                                + " in allowedOrigins"));
        sendSyn(link);
    }

    @Override
    protected void handshake(Message m, Link link) {
        switch (m.kind()) {
            case HELLO:
                if (!validSession(m.body())) {
                    return;
                }
                if (state == State.READY && m.body().equals(remoteSession)) {
                    return;
                }
                if (state == State.READY) {
                    reset(link);
                }
                sendSyn(link);
                return;
            case LOADED:
                if (state == State.READY) {
                    startProbe(link);
                }
                sendSyn(link);
                return;
            case ACK:
                acknowledged(Json.field(m.body(), "session"), m, link);
                return;
            case READY:
                if (mine(m) && state == State.OPENING) {
                    cancelTimer();
                    acceptPath(link, m);
                    opened(link, m.origin());
                } else if (mine(m) && state == State.READY) {
                    // A copy of the remote's RDY: if the remote's half rides on it, take it up (the remote already
                    // posts into it).
                    acceptPath(link, m);
                }
                return;
            case DROPPED:
                dropped(m, link);
                return;
            case REJECT:
                if (mine(m)) {
                    fail(link, ErrorCode.ORIGIN_REJECTED, Json.readError(m.body(), ErrorCode.ORIGIN_REJECTED).getMessage());
                }
                return;
            default:
                log.log("ignored " + m.kind() + " on the host");
        }
    }

    private void acknowledged(String session, Message m, Link link) {
        if (!mine(m) || !validSession(session)) {
            log.log("ignored an ACK for another channel or without a session");
            return;
        }
        if (state == State.READY) {
            cancelProbe();
            if (session.equals(remoteSession)) {
                return;
            }
            reset(link);
        } else if (state == State.OPENING && session.equals(remoteSession)) {
            return;
        }
        remoteSession = session;
        dropPath(link);
        state = State.OPENING;
        offerPath(link);
        link.down(new Message(MessageKind.READY, channelId, 0, ""));
    }

    private void reset(Link link) {
        log.log("the remote page was reloaded or replaced; opening the channel again");
        // A probe armed by the frame's load is answered: a new page spoke. The handshake timer takes over.
        cancelProbe();
        state = State.CONNECTING;
        // Tell the old session it is over, over the path it listens on: if it is still alive (a second
        // kuayu.accept in the same document took over), it closes instead of staying "ready" and deaf. The body
        // names that session: where there is no private path (document.domain), the new page hears it too, and
        // must not close.
        link.down(new Message(MessageKind.CLOSE, channelId, 0,
                remoteSession == null ? "" : "{\"session\":\"" + remoteSession + "\"}"));
        dropPath(link);
        link.up(Message.local(MessageKind.RESET, ""));
        armTimer(link, "the remote page at " + remoteOrigin + " reloaded and did not open the channel again within "
                + timeoutMillis + " ms");
    }

    /**
     * The transport lost its connection and reconnects by itself: as after a reload, requests in flight fail and data
     * waits, but no timer is armed (the transport keeps trying for as long as the channel is open; queued requests
     * keep their own timers). The server's {@code HEL} on the new connection restarts the handshake.
     */
    private void dropped(Message m, Link link) {
        cancelProbe();
        log.log("the connection to " + remoteOrigin + " dropped; waiting for the transport to reconnect");
        state = State.CONNECTING;
        remoteSession = null;
        dropPath(link);
        link.up(Message.local(MessageKind.RESET, m.body()));
    }

    private void startProbe(final Link link) {
        cancelProbe();
        probe = platform.schedule(timeoutMillis, new Runnable() {
            @Override
            public void run() {
                probe = null;
                fail(link, ErrorCode.TRANSMISSION_FAILED, "the remote frame navigated to a page that does not answer"
                        + " (no Kuayu handshake within " + timeoutMillis + " ms)");
            }
        });
    }

    private void sendSyn(Link link) {
        link.down(new Message(MessageKind.SYN, channelId, 0,
                "{\"v\":1,\"transport\":" + Json.quote(transportName) + "}"));
    }

    private void armTimer(final Link link, final String message) {
        cancelTimer();
        timer = platform.schedule(timeoutMillis, new Runnable() {
            @Override
            public void run() {
                timer = null;
                if (state != State.READY) {
                    fail(link, ErrorCode.TIMEOUT, message);
                }
            }
        });
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void cancelProbe() {
        if (probe != null) {
            probe.cancel();
            probe = null;
        }
    }

    @Override
    public void stop() {
        cancelTimer();
        cancelProbe();
    }
}
