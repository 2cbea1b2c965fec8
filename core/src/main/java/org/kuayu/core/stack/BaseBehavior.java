package org.kuayu.core.stack;

import org.kuayu.core.wire.Message;

/** A {@link Behavior} that passes everything through; subclasses override what they handle. */
public abstract class BaseBehavior implements Behavior {
    @Override
    public void start(Link link) {
    }

    @Override
    public void down(Message message, Link link) {
        link.down(message);
    }

    @Override
    public void up(Message message, Link link) {
        link.up(message);
    }

    @Override
    public void stop() {
    }
}
