package org.kuayu.core.behavior;

import org.kuayu.core.DebugLog;
import org.kuayu.core.Json;
import org.kuayu.core.platform.Platform;
import org.kuayu.core.stack.Link;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;

/**
 * The remote's half of the handshake (see {@link HostHandshakeBehavior} for the whole protocol).
 *
 * <ol>
 * <li>On start it announces itself with {@code HEL} carrying a fresh random session id, so a host that sent its
 * {@code SYN} before this page was ready sends it again, and a host whose remote reloaded sees a new session.</li>
 * <li>The first {@code SYN} (from an origin the origin behaviour admitted) binds it to that channel id, and tells
 * the layers below ({@code BIND}: the secret and return address of that {@code SYN} are the channel's from now on);
 * every {@code SYN} of that channel is answered with {@code ACK} {session}; other channel ids are ignored.</li>
 * <li>When the transport learns a host's address only after this page started ({@code LOADED} from below: a
 * location.hash remote whose URL carried none), it announces itself again, so that a new page is never silent.</li>
 * <li>On the host's {@code RDY} it takes up the host's half of the private path if one came along, offers its own
 * half with its answering {@code RDY}, and is ready.</li>
 * </ol>
 * The remote has no handshake timeout: a host may connect at any time.
 */
public final class RemoteHandshakeBehavior extends HandshakeBehavior {
    private String session;

    public RemoteHandshakeBehavior(Platform platform, String transportName, DebugLog log) {
        super(platform, transportName, log, null);
    }

    @Override
    public void start(Link link) {
        session = platform.randomId();
        link.down(new Message(MessageKind.HELLO, "", 0, session));
    }

    @Override
    protected void handshake(Message m, Link link) {
        switch (m.kind()) {
            case SYN:
                if (m.channel().isEmpty()) {
                    log.log("ignored a SYN without a channel id");
                    return;
                }
                if (channelId == null) {
                    channelId = m.channel();
                    log.setPrefix("kuayu[remote " + shortId(channelId) + "] ");
                    link.down(Message.local(MessageKind.BIND, ""));
                } else if (!mine(m)) {
                    log.log("ignored a SYN for another channel while bound to " + shortId(channelId));
                    return;
                }
                link.down(new Message(MessageKind.ACK, channelId, 0, "{\"session\":\"" + session + "\"}"));
                return;
            case READY:
                if (mine(m) && state != State.CLOSED) {
                    // The host sends one RDY per remote page; a second is a copy. Its port (if this copy carries
                    // it) is taken up, but no second half is offered: the host, ready by then, would never take it.
                    acceptPath(link, m);
                    if (state != State.READY) {
                        offerPath(link);
                        link.down(new Message(MessageKind.READY, channelId, 0, ""));
                        opened(link, m.origin());
                    }
                }
                return;
            case LOADED:
                if (channelId == null) {
                    link.down(new Message(MessageKind.HELLO, "", 0, session));
                }
                return;
            default:
                log.log("ignored " + m.kind() + " on the remote");
        }
    }

    static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    @Override
    protected boolean closesThisSession(String body) {
        String named = body.isEmpty() ? null : Json.field(body, "session");
        return named == null || named.equals(session);
    }
}
