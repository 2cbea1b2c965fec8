package org.kuayu.core;

/**
 * The one error type of Kuayu: a {@link ErrorCode} and a message that says what happened and what to do.
 *
 * <p>Synchronous misuse (bad options, a call on a closed channel made in the caller's own stack) is thrown;
 * anything asynchronous reaches the caller through a callback ({@code ReplyCallback.onError},
 * {@code ChannelListener.onError}), never as an exception out of a browser event handler.
 *
 * <pre>{@code
 * channel.request("{\"q\":1}", new ReplyCallback() {
 *     public void onReply(String json) { ... }
 *     public void onError(KuayuException e) {
 *         if (e.code() == ErrorCode.TIMEOUT) { ... }
 *     }
 * });
 * }</pre>
 */
public class KuayuException extends RuntimeException {
    private final ErrorCode code;

    public KuayuException(ErrorCode code, String message) {
        super(message);
        if (code == null) {
            throw new IllegalArgumentException("code must not be null");
        }
        this.code = code;
    }

    /** The code of this error; never null. */
    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return "KuayuException[" + code.name() + "]: " + getMessage();
    }
}
