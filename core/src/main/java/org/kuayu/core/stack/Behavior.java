package org.kuayu.core.stack;

import org.kuayu.core.wire.Message;

/**
 * A two-way layer of a channel's stack: {@link #down} sees every message on its way to the transport,
 * {@link #up} every message on its way to the channel. The default passes both on untouched; a behaviour
 * overrides what it handles. Each behaviour documents the frames it adds in its class comment.
 *
 * <p>Local kinds going down ({@code OFFER_PATH}, {@code ACCEPT_PATH}, {@code DROP_PATH} from the handshake,
 * {@code ABANDON} from request/reply) are instructions for the transport: a behaviour that does not handle a kind
 * passes it on, so they reach the bottom, where the stack turns them into calls on the transport. No behaviour
 * holds the transport itself.
 *
 * <p>Behaviours are tested alone on the simulated browser with a recording {@link Link}.
 */
public interface Behavior {
    /** The stack is starting; the link may already be used. */
    void start(Link link);

    /** A message is going down. */
    void down(Message message, Link link);

    /** A message is coming up. */
    void up(Message message, Link link);

    /** The stack is stopping: cancel timers, drop state. Nothing may be sent after this returns. */
    void stop();
}
