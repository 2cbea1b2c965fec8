package org.kuayu.core.sim;

import org.kuayu.core.ErrorCode;
import org.kuayu.core.KuayuException;
import org.kuayu.core.ReplyCallback;

/**
 * A {@link ReplyCallback} that keeps the outcome of one request and counts calls, so tests can assert that exactly
 * one outcome arrived exactly once.
 *
 * <pre>{@code
 * ReplyRecorder r = new ReplyRecorder();
 * channel.request("{\"q\":1}", r);
 * browser.runUntil(r::isDone, 1000);
 * assertEquals("{\"a\":1}", r.reply());
 * }</pre>
 */
public final class ReplyRecorder implements ReplyCallback {
    private String reply;
    private KuayuException error;
    private int calls;

    @Override
    public void onReply(String json) {
        calls++;
        reply = json;
    }

    @Override
    public void onError(KuayuException e) {
        calls++;
        error = e;
    }

    /** True once an outcome arrived. */
    public boolean isDone() {
        return calls > 0;
    }

    /** How many times an outcome arrived (1 is the only right answer once done). */
    public int calls() {
        return calls;
    }

    /** The reply's JSON, or null. */
    public String reply() {
        return reply;
    }

    /** The error, or null. */
    public KuayuException error() {
        return error;
    }

    /** The error's code, or null. */
    public ErrorCode errorCode() {
        return error == null ? null : error.code();
    }

    @Override
    public String toString() {
        return calls == 0 ? "pending" : reply != null ? "reply " + reply : "error " + error;
    }
}
