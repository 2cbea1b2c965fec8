package org.kuayu.core;

/** The answer to one request. The first call wins; later calls are ignored (and noted in the debug log). */
public interface Reply {
    /** Answers with a JSON value (JSON text). */
    void resolve(String json);

    /** Answers with an error; the caller sees REMOTE_ERROR with this message. */
    void reject(String message);
}
