package org.kuayu.core.platform;

/** Something that can be undone or stopped: a timer, a registered listener. Cancelling twice is harmless. */
public interface Cancellable {
    void cancel();
}
