package org.kuayu.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounds of a {@link KuayuWebSocketHandler}'s sessions and its accounting of them: how many sessions it holds,
 * how much each may queue, and what the bounds did ({@link KuayuWebSocketStats}). One per handler, shared by its
 * sessions; thread-safe.
 */
final class SessionBounds {
    final int maxQueuedBytes;
    final int maxQueuedMessages;
    final int maxWaitingMessages;
    final Duration handshakeTimeout;
    /** 0: no cap. */
    final int maxSessions;

    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicLong refusedOverCap = new AtomicLong();
    private final AtomicLong closedNotReading = new AtomicLong();
    private final AtomicLong closedHandshakeTimeout = new AtomicLong();
    private final AtomicLong maxQueuedBytesSeen = new AtomicLong();
    private final AtomicInteger maxQueuedMessagesSeen = new AtomicInteger();

    SessionBounds(int maxQueuedBytes, int maxQueuedMessages, int maxWaitingMessages, Duration handshakeTimeout,
                  int maxSessions) {
        this.maxQueuedBytes = maxQueuedBytes;
        this.maxQueuedMessages = maxQueuedMessages;
        this.maxWaitingMessages = maxWaitingMessages;
        this.handshakeTimeout = handshakeTimeout;
        this.maxSessions = maxSessions;
    }

    /** Whether an upgrade may go on: false (and counted) when the cap is reached. */
    boolean roomForOneMore() {
        if (maxSessions > 0 && admitted.get() >= maxSessions) {
            refusedOverCap.incrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * Takes a place for an opened session, or returns false (counted) when an upgrade raced past
     * {@link #roomForOneMore} and the cap is reached. Each place taken is given back once, by {@link #release}.
     */
    boolean admit() {
        if (admitted.incrementAndGet() > maxSessions && maxSessions > 0) {
            admitted.decrementAndGet();
            refusedOverCap.incrementAndGet();
            return false;
        }
        return true;
    }

    void release() {
        admitted.decrementAndGet();
    }

    /** Records one session's queue at its largest so far. */
    void queued(long bytes, int messages) {
        maxQueuedBytesSeen.accumulateAndGet(bytes, Math::max);
        maxQueuedMessagesSeen.accumulateAndGet(messages, Math::max);
    }

    void closedNotReading() {
        closedNotReading.incrementAndGet();
    }

    void closedHandshakeTimeout() {
        closedHandshakeTimeout.incrementAndGet();
    }

    KuayuWebSocketStats stats(int sessions) {
        return new KuayuWebSocketStats(sessions, refusedOverCap.get(), closedNotReading.get(),
                closedHandshakeTimeout.get(), maxQueuedBytesSeen.get(), maxQueuedMessagesSeen.get());
    }

    /** The length of {@code text} in UTF-8, as Jetty sends it (a lone surrogate becomes one 3-byte '?'). */
    static int utf8Length(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
