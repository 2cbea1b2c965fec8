package org.kuayu.core.behavior;

import org.kuayu.core.DebugLog;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.BaseBehavior;
import org.kuayu.core.stack.Link;
import org.kuayu.core.stack.Role;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

/**
 * Origin verification with a per-channel secret, for transports that cannot see who sent a frame (a fragment
 * anyone may write into a frame's URL, a mailbox any same-origin page may call). The browser still decides where a
 * frame can be delivered; the secrets make sure a side only takes frames from the peer it shook hands with.
 *
 * <pre>
 * SEC  kuayu1|SEC|&lt;channel&gt;|&lt;n&gt;|&lt;from&gt;.&lt;to&gt;|&lt;KIND&gt;|&lt;body&gt;
 * </pre>
 * Example: {@code kuayu1|SEC|3f2a…|0|9c41…e2.77d0…1b|MSG|0|{"a":1}} is a {@code MSG} from the side whose secret is
 * {@code 9c41…e2} to the side whose secret is {@code 77d0…1b}.
 *
 * <ol>
 * <li>Requirement: only the peer's frames pass. Protocol: each side draws a 128-bit secret when its stack starts
 *     and puts it as {@code from} in every frame it sends once bound, with the peer's secret as {@code to}; a frame
 *     passes up only when its {@code to} is this side's secret.</li>
 * <li>Requirement: the two sides learn each other's secret, and nobody else does. Protocol: the host's {@code SYN}
 *     and the remote's {@code HEL} and {@code REJ} go with an empty {@code to}, or the refused {@code SYN}'s own
 *     secret; {@code HEL} and {@code REJ} carry no {@code from} at all, so that a remote writes no secret of its own
 *     before it has verified where it writes. The remote learns the host's secret from the {@code SYN} its handshake
 *     binds to ({@code BIND}, passing down just before that {@code SYN}'s {@code ACK}): a {@code SYN} the origin
 *     check refuses leaves nothing behind. The host learns the remote's from an {@code ACK} carrying its own secret
 *     as {@code to}, so a page that never saw the {@code SYN} cannot answer it.</li>
 * <li>Requirement: a bound channel keeps its peer. Protocol: once bound, a {@code SYN} of that channel is taken
 *     only with the bound host's secret (a host repeats its {@code SYN} until answered); one with another secret
 *     would replace the host, and is dropped with a debug line.</li>
 * <li>Requirement: a reloaded remote page is a new peer. Protocol: its {@code ACK} brings a new secret, which
 *     replaces the old one on the host; what still comes from the old page is dropped once the host addresses the
 *     new page.</li>
 * <li>Requirement: frames without secrets never pass, and garbage never throws. Protocol: on such a transport every
 *     wire frame must be a {@code SEC}; anything else, or a malformed one, is dropped with a debug line.</li>
 * </ol>
 * What it cannot do alone: tell who may write into the transport. A page that can write fragments or call a
 * mailbox may send an opening {@code SYN}; the transports therefore write only to pinned return addresses
 * ({@code hostProxies}), whose pages deliver only to a same-origin page, so that the remote's secret reaches the
 * admitted origin alone.
 */
public final class SecretBehavior extends BaseBehavior {
    private final Role role;
    private final DebugLog log;
    private final String secret;
    private String peerSecret;
    private String peerChannel;
    /** Remote: the secret and channel of the {@code SYN} being passed up right now, until the handshake binds. */
    private String offeredSecret;
    private String offeredChannel;

    public SecretBehavior(Role role, Platform platform, DebugLog log) {
        this.role = role;
        this.log = log;
        this.secret = platform.randomId();
    }

    @Override
    public void down(Message m, Link link) {
        if (m.kind() == MessageKind.BIND) {
            if (peerChannel == null && offeredChannel != null) {
                peerChannel = offeredChannel;
                peerSecret = offeredSecret;
            }
            link.down(m);
            return;
        }
        if (!m.kind().isWire()) {
            link.down(m);
            return;
        }
        String from = secret;
        String to = peerSecret == null ? "" : peerSecret;
        if (m.kind() == MessageKind.SYN) {
            to = "";
        } else if (m.kind() == MessageKind.HELLO || m.kind() == MessageKind.REJECT) {
            // Written before anything proved where the frame goes: nothing of this side's.
            from = "";
            to = m.kind() == MessageKind.REJECT && offeredSecret != null ? offeredSecret : "";
        }
        link.down(new Message(MessageKind.SECURED, m.channel(), m.number(),
                from + "." + to + "|" + m.kind().code() + "|" + m.body()).withOrigin(m.origin()));
    }

    @Override
    public void up(Message m, Link link) {
        if (!m.kind().isWire()) {
            link.up(m);
            return;
        }
        if (m.kind() != MessageKind.SECURED) {
            log.log("dropped a " + m.kind() + " from " + m.origin() + ": this transport's frames carry secrets");
            return;
        }
        String body = m.body();
        int dot = body.indexOf('.');
        int bar = body.indexOf('|');
        int bar2 = bar < 0 ? -1 : body.indexOf('|', bar + 1);
        MessageKind kind = bar2 < 0 ? null : MessageKind.fromCode(body.substring(bar + 1, bar2));
        if (dot < 0 || dot > bar || kind == null || !kind.isWire() || kind == MessageKind.SECURED) {
            log.log("dropped a malformed SEC from " + m.origin());
            return;
        }
        String from = body.substring(0, dot);
        String to = body.substring(dot + 1, bar);
        Message inner = new Message(kind, m.channel(), m.number(), body.substring(bar2 + 1)).withOrigin(m.origin())
                .withAttachment(m.attachment());
        if (role == Role.REMOTE && kind == MessageKind.SYN && to.isEmpty()) {
            offerSyn(inner, from, link);
        } else if (admit(kind, from, to)) {
            link.up(inner);
        } else {
            log.log("dropped a " + kind + " from " + m.origin() + " without this channel's secret");
        }
    }

    /** A host's opening frame: passed up with its secret on offer, which stays only if the handshake binds to it. */
    private void offerSyn(Message syn, String from, Link link) {
        if (from.isEmpty()) {
            log.log("dropped a SYN from " + syn.origin() + " without a secret");
            return;
        }
        if (peerChannel != null && (!peerChannel.equals(syn.channel()) || !peerSecret.equals(from))) {
            log.log("dropped a SYN from " + syn.origin() + ": this remote is bound to another host"
                    + (peerChannel.equals(syn.channel()) ? " (same channel id, another secret)" : ""));
            return;
        }
        offeredSecret = from;
        offeredChannel = syn.channel();
        try {
            link.up(syn);
        } finally {
            offeredSecret = null;
            offeredChannel = null;
        }
    }

    private boolean admit(MessageKind kind, String from, String to) {
        if (to.isEmpty()) {
            return role == Role.HOST && kind == MessageKind.HELLO;
        }
        if (!to.equals(secret) || from.isEmpty() && !(role == Role.HOST && kind == MessageKind.REJECT)) {
            return false;
        }
        if (role == Role.HOST && kind == MessageKind.ACK) {
            peerSecret = from;
        }
        return true;
    }
}
