package org.kuayu.core.behavior;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.BaseBehavior;
import org.kuayu.core.stack.Link;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

/**
 * What both ends of the handshake share: the channel id, the state, the queue of data sent before the channel is
 * ready, and the rule that data frames pass only while ready and only on this channel's id. The two protocols are
 * in {@link HostHandshakeBehavior} and {@link RemoteHandshakeBehavior}.
 *
 * <p>Data ({@code MSG REQ RES ERR}) sent before the channel is ready, or while it is re-opening after the remote
 * page reloaded, is queued and sent in order once it is ready. {@code CLS} closes both ends.
 */
public abstract class HandshakeBehavior extends BaseBehavior {
    /** Where the handshake stands. */
    protected enum State { CONNECTING, OPENING, READY, CLOSED }

    protected final Platform platform;
    protected final String transportName;
    protected final DebugLog log;
    protected String channelId;
    protected State state = State.CONNECTING;
    private final List<Message> queue = new ArrayList<Message>();

    protected HandshakeBehavior(Platform platform, String transportName, DebugLog log, String channelId) {
        this.platform = platform;
        this.transportName = transportName;
        this.log = log;
        this.channelId = channelId;
    }

    /** Handles a handshake frame ({@code HEL SYN ACK RDY REJ}) or the {@code LOADED} event. */
    protected abstract void handshake(Message m, Link link);

    @Override
    public final void down(Message m, Link link) {
        switch (m.kind()) {
            case MESSAGE:
            case REQUEST:
            case RESPONSE:
            case ERROR:
                if (state == State.READY) {
                    link.down(m.withChannel(channelId));
                } else if (state == State.CLOSED) {
                    log.log("dropped " + m.kind() + ": the channel is closed");
                } else {
                    queue.add(m);
                }
                return;
            case CLOSE:
                if (state != State.CLOSED && channelId != null) {
                    link.down(new Message(MessageKind.CLOSE, channelId, 0, ""));
                }
                state = State.CLOSED;
                stop();
                return;
            default:
                link.down(m);
        }
    }

    @Override
    public final void up(Message m, Link link) {
        switch (m.kind()) {
            case MESSAGE:
            case REQUEST:
            case RESPONSE:
            case ERROR:
                if (state == State.READY && m.channel().equals(channelId)) {
                    link.up(m);
                } else {
                    log.log("ignored " + m.kind() + " on channel '" + m.channel() + "' in state " + state);
                }
                return;
            case CLOSE:
                if (state != State.CLOSED && m.channel().equals(channelId) && closesThisSession(m.body())) {
                    state = State.CLOSED;
                    stop();
                    link.up(Message.local(MessageKind.CLOSED, "remote"));
                }
                return;
            case OPENED:
            case RESET:
            case FAILED:
            case CLOSED:
                link.up(m);
                return;
            default:
                if (state != State.CLOSED) {
                    handshake(m, link);
                }
        }
    }

    /** The channel is ready (the peer is {@code peerOrigin}): send what was queued, in order, then tell the layers above. */
    protected final void opened(Link link, String peerOrigin) {
        state = State.READY;
        log.log("ready over " + transportName + " with " + peerOrigin);
        // Queued data goes out before anything the layers above send when they hear of readiness, so order holds.
        List<Message> pending = new ArrayList<Message>(queue);
        queue.clear();
        for (Message m : pending) {
            link.down(m.withChannel(channelId));
        }
        link.up(Message.local(MessageKind.OPENED, transportName).withOrigin(peerOrigin));
    }

    /** Asks the transport to prepare this side's half of its private path (it rides on the next frame). */
    protected static void offerPath(Link link) {
        link.down(Message.local(MessageKind.OFFER_PATH, ""));
    }

    /** Asks the transport to take up the peer's half of the private path that came with {@code m}, if any. */
    protected static void acceptPath(Link link, Message m) {
        link.down(Message.local(MessageKind.ACCEPT_PATH, "").withOrigin(m.origin()).withAttachment(m.attachment()));
    }

    /** Asks the transport to drop its private path. */
    protected static void dropPath(Link link) {
        link.down(Message.local(MessageKind.DROP_PATH, ""));
    }

    /** The handshake failed for good. */
    protected final void fail(Link link, ErrorCode code, String message) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        stop();
        log.log("handshake failed: " + code + " " + message);
        link.up(Message.local(MessageKind.FAILED, Json.error(code, message)));
    }

    /** The frame belongs to this channel. */
    protected final boolean mine(Message m) {
        return channelId != null && channelId.equals(m.channel());
    }

    /** Session ids are opaque tokens of at most 64 characters; anything else is refused. */
    protected static boolean validSession(String s) {
        return s != null && !s.isEmpty() && s.length() <= 64;
    }

    /**
     * Whether a {@code CLS} with this body closes this side: one that names a session ({@code {"session": id}},
     * sent by a host to the page its remote was before a reload) closes only that session.
     */
    protected boolean closesThisSession(String body) {
        return true;
    }
}
