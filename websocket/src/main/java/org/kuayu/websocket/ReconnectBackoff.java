package org.kuayu.websocket;

import org.kuayu.core.platform.Platform;

/**
 * How long {@link WebSocketTransport} waits before each attempt to reconnect: {@value #FIRST_MILLIS} ms, doubling
 * after every attempt up to {@value #MAX_MILLIS} ms, each wait drawn at random between half and all of it (so that
 * many pages dropped by one server restart do not all come back in the same millisecond). It starts again from the
 * first wait once a connection brought a frame.
 *
 * <pre>{@code
 * ReconnectBackoff backoff = new ReconnectBackoff(platform);
 * platform.schedule(backoff.next(), reconnect);   // 125-250 ms, then 250-500, ... up to 5-10 s
 * backoff.reset();                                // the server answered
 * }</pre>
 */
public final class ReconnectBackoff {
    /** The first wait's upper bound. */
    public static final int FIRST_MILLIS = 250;
    /** The longest wait's upper bound. */
    public static final int MAX_MILLIS = 10000;

    private final Platform platform;
    private int ceiling = FIRST_MILLIS;

    public ReconnectBackoff(Platform platform) {
        this.platform = platform;
    }

    /** The wait before the next attempt, in ms; the one after it will be up to twice as long. */
    public int next() {
        int bound = ceiling;
        ceiling = Math.min(MAX_MILLIS, ceiling + ceiling);
        // 16 random bits from the platform's strong source: the wait is bound/2 + (bound/2) * r / 65536. The hex digits
        // are read by hand: Long.parseLong(s, 16) pulls a Unicode digit table (and BigInt) into kuayu.js.
        String hex = platform.randomId();
        int r = 0;
        for (int i = 0; i < 4; i++) {
            char c = hex.charAt(i);
            r = (r << 4) | (c <= '9' ? c - '0' : c - 'a' + 10) & 0xF;
        }
        double half = bound / 2;
        return (int) (half + half * r / 65536);
    }

    /** Back to the first wait: the connection works again. */
    public void reset() {
        ceiling = FIRST_MILLIS;
    }
}
