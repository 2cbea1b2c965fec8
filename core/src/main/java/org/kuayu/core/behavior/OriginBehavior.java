package org.kuayu.core.behavior;

import java.util.List;

import org.kuayu.core.DebugLog;
import org.kuayu.core.ErrorCode;
import org.kuayu.core.Json;
import org.kuayu.core.Origin;
import org.kuayu.core.stack.BaseBehavior;
import org.kuayu.core.stack.Link;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

/**
 * Origin verification for transports where the browser names the sender's origin (postMessage). Adds no frames
 * of its own but {@code REJ}.
 *
 * <ol>
 * <li>Requirement: a page only ever hears from the origin it meant to talk to. Protocol: on the host every frame
 * must come from the remote URL's origin; on the remote, a {@code SYN} must come from an allowed origin, and
 * from then on every frame must come from the origin that sent it (the channel binds to it).</li>
 * <li>Requirement: a host the remote refuses learns why instead of timing out. Protocol: a {@code SYN} from a
 * refused origin is answered with {@code REJ} {ORIGIN_REJECTED} posted to that origin only; it reveals nothing
 * but the refusal.</li>
 * <li>Requirement: frames never go to a window of another origin. Protocol: every outgoing frame is addressed to
 * the peer's exact origin; before the remote is bound its {@code HEL} goes to the parent's origin when the browser
 * hints it and it is allowed, else to each allowed origin in turn (the browser delivers only the one the parent
 * has; the hint may be stale, e.g. a referrer after the page reloaded itself), or to {@code "*"} only with
 * {@code allowAnyOrigin}.</li>
 * </ol>
 * Everything dropped is reported to the debug log, never thrown into the page.
 */
public final class OriginBehavior extends BaseBehavior {
    private final List<String> allowed;
    private final boolean allowAny;
    private final DebugLog log;
    private final String parentHint;
    private String peer;

    private OriginBehavior(String peer, List<String> allowed, boolean allowAny, String parentHint, DebugLog log) {
        this.peer = peer;
        this.parentHint = parentHint;
        this.allowed = allowed;
        this.allowAny = allowAny;
        this.log = log;
    }

    /** Host side: the peer is the remote page's origin, known from its URL. */
    public static OriginBehavior forHost(String remoteOrigin, DebugLog log) {
        return new OriginBehavior(remoteOrigin, null, false, null, log);
    }

    /**
     * Remote side: any of {@code allowed} (or any origin at all when {@code allowAny}) may open the channel.
     *
     * @param parentHint the parent's origin if the browser tells it, else null; used only to address {@code HEL}
     */
    public static OriginBehavior forRemote(List<String> allowed, boolean allowAny, String parentHint, DebugLog log) {
        return new OriginBehavior(null, allowed, allowAny, parentHint, log);
    }

    /** The origin the channel is bound to, or null before a remote accepted a host. */
    public String peer() {
        return peer;
    }

    @Override
    public void up(Message m, Link link) {
        if (m.origin() == null) {
            link.up(m);
            return;
        }
        if (peer != null) {
            if (peer.equals(m.origin())) {
                link.up(m);
            } else {
                log.log("ignored " + m.kind() + " from " + m.origin() + ": this channel talks to " + peer + " only");
            }
            return;
        }
        if (m.kind() != MessageKind.SYN) {
            log.log("ignored " + m.kind() + " from " + m.origin() + " before any handshake");
            return;
        }
        if (Origin.tryParse(m.origin()) == null) {
            // An opaque origin ("null": a sandboxed frame, a file: or data: page) can neither be allowed nor be
            // answered: postMessage refuses it as a target.
            log.log("ignored a SYN from the opaque origin " + m.origin());
            return;
        }
        if (allowAny || allowed.contains(m.origin())) {
            peer = m.origin();
            link.up(m);
            return;
        }
        log.log("refused a connection from " + m.origin() + ": not in allowedOrigins " + allowed);
        String text = "the remote page refused this page's origin " + m.origin()
                + ": add it to allowedOrigins in the remote page's kuayu.accept(...)";
        link.down(new Message(MessageKind.REJECT, m.channel(), 0, Json.error(ErrorCode.ORIGIN_REJECTED, text))
                .withOrigin(m.origin()));
    }

    @Override
    public void down(Message m, Link link) {
        if (!m.kind().isWire() || m.origin() != null) {
            link.down(m);
        } else if (peer != null) {
            link.down(m.withOrigin(peer));
        } else if (m.kind() == MessageKind.HELLO) {
            if (parentHint != null && (allowAny || allowed.contains(parentHint))) {
                link.down(m.withOrigin(parentHint));
            } else if (allowAny) {
                link.down(m.withOrigin("*"));
            } else {
                for (String origin : allowed) {
                    link.down(m.withOrigin(origin));
                }
            }
        } else {
            log.log("held back " + m.kind() + ": no peer origin yet");
        }
    }
}
