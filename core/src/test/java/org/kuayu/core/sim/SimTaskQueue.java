package org.kuayu.core.sim;

import java.util.Comparator;
import java.util.PriorityQueue;

/** The virtual clock and the task queue: FIFO by due time, then by insertion order. */
final class SimTaskQueue {
    private final PriorityQueue<SimTask> tasks = new PriorityQueue<SimTask>(
            Comparator.<SimTask>comparingLong(t -> t.due).thenComparingLong(t -> t.seq));
    private long now;
    private long seq;

    long now() {
        return now;
    }

    void setNow(long time) {
        if (time > now) {
            now = time;
        }
    }

    SimTask add(long delayMillis, SimWindow owner, boolean timer, Runnable body) {
        SimTask task = new SimTask(now + Math.max(0, delayMillis), seq++, owner, timer, body);
        tasks.add(task);
        return task;
    }

    /** Removes and returns the next live task due at or before {@code limit}, or null. Dead tasks are discarded. */
    SimTask pollDue(long limit) {
        while (!tasks.isEmpty()) {
            SimTask head = tasks.peek();
            if (!head.isLive()) {
                tasks.poll();
                continue;
            }
            if (head.due > limit) {
                return null;
            }
            return tasks.poll();
        }
        return null;
    }

    int liveCount(boolean timersOnly) {
        int n = 0;
        for (SimTask t : tasks) {
            if (t.isLive() && (!timersOnly || t.timer)) {
                n++;
            }
        }
        return n;
    }
}
