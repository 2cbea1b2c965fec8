package org.kuayu.core.stack;

import org.kuayu.core.wire.Message;

/**
 * A behaviour's two neighbours, passed into every call: {@link #down} hands a message to the layer below (towards
 * the transport), {@link #up} to the layer above (towards the channel). A behaviour may call either, any number of
 * times, now or later (from a timer), which is how handshakes answer and reliable delivery retransmits.
 */
public interface Link {
    void down(Message message);

    void up(Message message);
}
