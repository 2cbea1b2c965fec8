package org.kuayu.core.behavior;

import org.kuayu.core.ReplyCallback;

/** Rides on an outgoing REQUEST from the channel to {@link RpcBehavior}: who to tell, and how long to wait. */
public final class RequestTicket {
    final ReplyCallback callback;
    final int timeoutMillis;

    public RequestTicket(ReplyCallback callback, int timeoutMillis) {
        this.callback = callback;
        this.timeoutMillis = timeoutMillis;
    }

    /** Who to tell. */
    public ReplyCallback callback() {
        return callback;
    }

    /** How long to wait for the reply, in ms. */
    public int timeoutMillis() {
        return timeoutMillis;
    }
}
