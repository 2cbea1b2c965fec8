package org.kuayu.server;

/**
 * A read-only snapshot of a {@link KuayuWebSocketHandler}'s own accounting: what its bounds saw and did, for
 * monitoring and for tests that must assert on what the server did rather than on time.
 *
 * <pre>{@code
 * KuayuWebSocketStats stats = chat.stats();
 * if (stats.closedNotReading() > 0) { ... }   // pages that stopped reading were closed with 1013
 * }</pre>
 *
 * @param sessions sessions open now (ready or in the handshake)
 * @param refusedOverCap upgrades answered {@code 503} (or sessions closed at once) because
 *        {@link KuayuWebSocketHandler.Builder#maxSessions} sessions were open
 * @param closedNotReading sessions closed with {@link KuayuWebSocketHandler#CLOSE_NOT_READING} because their
 *        outgoing queue (or what waited for the handshake) reached its bound
 * @param closedHandshakeTimeout sessions closed with {@link KuayuWebSocketHandler#CLOSE_HANDSHAKE_TIMEOUT} because
 *        their page did not finish the handshake in time
 * @param maxQueuedBytes the most outgoing bytes any one session had queued at once (never above the bound)
 * @param maxQueuedMessages the most outgoing messages any one session had queued at once (never above the bound)
 */
public record KuayuWebSocketStats(int sessions, long refusedOverCap, long closedNotReading,
                                  long closedHandshakeTimeout, long maxQueuedBytes, int maxQueuedMessages) {
}
