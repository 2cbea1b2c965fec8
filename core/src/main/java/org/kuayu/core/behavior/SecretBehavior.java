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
 *     and puts it as {@code from} in every frame it sends, with the peer's secret as {@code to} once it knows it; a
 *     frame passes up only when its {@code to} is this side's secret.</li>
 * <li>Requirement: the two sides learn each other's secret. Protocol: the frames that open a channel, the remote's
 *     {@code HEL} and the host's {@code SYN}, go with an empty {@code to} and are the only ones taken without one.
 *     The remote learns the host's secret from the first {@code SYN} it takes (later {@code SYN}s of other channels
 *     do not change it); the host learns the remote's from an {@code ACK} carrying its own secret as {@code to}, so a
 *     page that never saw the {@code SYN} cannot answer it.</li>
 * <li>Requirement: a reloaded remote page is a new peer. Protocol: its {@code HEL} and {@code ACK} bring a new
 *     secret, which replaces the old one on the host at that {@code ACK}; what still comes from the old page no
 *     longer carries the host's current view and is dropped once the host addresses the new page.</li>
 * <li>Requirement: frames without secrets never pass, and garbage never throws. Protocol: on such a transport every
 *     wire frame must be a {@code SEC}; anything else, or a malformed one, is dropped with a debug line.</li>
 * </ol>
 * What it cannot do: stop a page that may write into the transport from sending an opening {@code SYN} before the
 * real host (the remote then binds to that channel, which the real host cannot reach: a denial of service, not a
 * leak, since every answer goes to the host origin's own helper page).
 */
public final class SecretBehavior extends BaseBehavior {
    private final Role role;
    private final DebugLog log;
    private final String secret;
    private String peerSecret;
    private String peerChannel;

    public SecretBehavior(Role role, Platform platform, DebugLog log) {
        this.role = role;
        this.log = log;
        this.secret = platform.randomId();
    }

    @Override
    public void down(Message m, Link link) {
        if (!m.kind().isWire()) {
            link.down(m);
            return;
        }
        boolean opening = m.kind() == MessageKind.SYN || m.kind() == MessageKind.HELLO;
        String to = opening || peerSecret == null ? "" : peerSecret;
        link.down(new Message(MessageKind.SECURED, m.channel(), m.number(),
                secret + "." + to + "|" + m.kind().code() + "|" + m.body()).withOrigin(m.origin()));
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
        if (dot <= 0 || dot > bar || kind == null || !kind.isWire() || kind == MessageKind.SECURED) {
            log.log("dropped a malformed SEC from " + m.origin());
            return;
        }
        String from = body.substring(0, dot);
        String to = body.substring(dot + 1, bar);
        Message inner = new Message(kind, m.channel(), m.number(), body.substring(bar2 + 1)).withOrigin(m.origin())
                .withAttachment(m.attachment());
        if (admit(kind, m.channel(), from, to)) {
            link.up(inner);
        } else {
            log.log("dropped a " + kind + " from " + m.origin() + " without this channel's secret");
        }
    }

    private boolean admit(MessageKind kind, String channel, String from, String to) {
        if (to.isEmpty()) {
            if (role == Role.REMOTE && kind == MessageKind.SYN) {
                if (peerChannel == null || peerChannel.equals(channel)) {
                    peerChannel = channel;
                    peerSecret = from;
                }
                return true;
            }
            return role == Role.HOST && kind == MessageKind.HELLO;
        }
        if (!to.equals(secret)) {
            return false;
        }
        if (role == Role.HOST && kind == MessageKind.ACK) {
            peerSecret = from;
        }
        return true;
    }
}
