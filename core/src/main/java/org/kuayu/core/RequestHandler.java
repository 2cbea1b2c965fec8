package org.kuayu.core;

/**
 * Answers requests from the other page. Reply now or later through {@code reply}; exactly one answer counts.
 *
 * <pre>{@code
 * RequestHandler handler = (json, origin, reply) -> reply.resolve("{\"ok\":true}");
 * }</pre>
 * A handler that throws answers the caller with REMOTE_ERROR carrying the exception's message.
 */
public interface RequestHandler {
    void onRequest(String json, Origin origin, Reply reply);
}
