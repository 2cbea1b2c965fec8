package org.kuayu.core;

import org.kuayu.core.platform.Platform;

/**
 * Runs code that belongs to the user (listeners, callbacks, request handlers' continuations) so that an exception it
 * throws cannot break Kuayu halfway through a state change: the exception is noted in the debug log and thrown
 * again in a later task, where the browser reports it as uncaught (the console shows it) and Kuayu is not on the
 * stack.
 */
public final class UserCode {
    private UserCode() {
    }

    /**
     * Tells a request's caller its outcome: {@code onReply(reply)} when {@code error} is null, else
     * {@code onError(error)}, run as user code.
     */
    public static void settle(Platform platform, DebugLog log, final ReplyCallback callback, final String reply,
            final KuayuException error) {
        run(platform, log, new Runnable() {
            @Override
            public void run() {
                if (error == null) {
                    callback.onReply(reply);
                } else {
                    callback.onError(error);
                }
            }
        });
    }

    public static void run(final Platform platform, DebugLog log, Runnable call) {
        try {
            call.run();
        } catch (final RuntimeException e) {
            log.log("user code threw: " + e);
            platform.schedule(0, new Runnable() {
                @Override
                public void run() {
                    throw e;
                }
            });
        }
    }
}
