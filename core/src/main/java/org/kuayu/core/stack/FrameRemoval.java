package org.kuayu.core.stack;

import org.kuayu.core.ErrorCode;
import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;

/**
 * What a host transport does when page code removes the remote page's iframe: the remote document is gone with it,
 * so the channel fails with {@link ErrorCode#TRANSMISSION_FAILED} (requests in flight with it) instead of waiting
 * for answers that cannot come. The transports cancel the watch when they close, before they remove a frame of
 * their own.
 *
 * <pre>{@code
 * removalListener = FrameRemoval.watch(frame, listener);   // in open(); removalListener.cancel() in close()
 * }</pre>
 */
public final class FrameRemoval {
    /** The message of the channel's error. */
    public static final String MESSAGE = "the remote page's iframe was removed from this page, and the remote page"
            + " with it: nothing sent can be answered any more. Keep the iframe in the page while the channel is"
            + " open, or close the channel first; connect again to talk to a new one";

    private FrameRemoval() {
    }

    /** Fails the channel through {@code listener} once {@code frame} leaves the document. */
    public static Cancellable watch(FrameHandle frame, final TransportListener listener) {
        return frame.onRemoved(new Runnable() {
            @Override
            public void run() {
                listener.onFailed(ErrorCode.TRANSMISSION_FAILED, MESSAGE);
            }
        });
    }
}
