package org.kuayu.server;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition on a handler's own state, which changes on Jetty's threads with no callback to wait on
 * ({@code sessions()}, {@code stats()}): checked every 10 ms for at most 10 s.
 */
final class Poll {
    private Poll() {
    }

    /** True as soon as {@code condition} holds; false when it still does not after 10 s. */
    static boolean until(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
