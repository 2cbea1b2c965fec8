package org.kuayu.core.sim;

import org.kuayu.core.platform.Cancellable;

/** One queued task of the simulated event loop: due time, insertion order, owning document. */
final class SimTask implements Cancellable {
    final long due;
    final long seq;
    final SimWindow owner;
    final boolean timer;
    final Runnable body;
    private boolean cancelled;

    SimTask(long due, long seq, SimWindow owner, boolean timer, Runnable body) {
        this.due = due;
        this.seq = seq;
        this.owner = owner;
        this.timer = timer;
        this.body = body;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    /** False once cancelled or once its document unloaded (browsers drop the tasks of a gone document). */
    boolean isLive() {
        return !cancelled && (owner == null || owner.isAlive());
    }
}
