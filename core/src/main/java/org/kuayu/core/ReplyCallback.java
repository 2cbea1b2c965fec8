package org.kuayu.core;

/** Receives the outcome of one request: exactly one of the two methods is called, exactly once. */
public interface ReplyCallback {
    void onReply(String json);

    void onError(KuayuException error);
}
